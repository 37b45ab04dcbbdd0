package io.branchpos.sync.server;

import com.zaxxer.hikari.HikariDataSource;
import io.branchpos.sync.client.OkHttpSyncTransport;
import io.branchpos.sync.client.TerminalCredential;
import io.branchpos.sync.protocol.EnrollmentResponse;
import io.branchpos.sync.server.db.Databases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A real sync server on loopback over a real PostgreSQL database, with helpers to enrol and query. */
public final class TestServer implements AutoCloseable {

    public final String jdbcUrl;
    public final HikariDataSource dataSource;
    public final SyncServer server;

    private TestServer(String jdbcUrl, boolean migrate) {
        this.jdbcUrl = jdbcUrl;
        this.dataSource = Databases.pool(jdbcUrl, "postgres", "postgres");
        if (migrate) {
            Databases.migrate(dataSource);
        }
        this.server = new SyncServer(dataSource).start("127.0.0.1", 0);
    }

    /** A server over a fresh database. */
    public static TestServer fresh() {
        return new TestServer(PostgresFixture.newDatabase(), true);
    }

    /** A second instance over the same database (the load-balanced setup). */
    public TestServer anotherInstance() {
        return new TestServer(jdbcUrl, false);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public OkHttpSyncTransport transport() {
        return new OkHttpSyncTransport(baseUrl());
    }

    /** Creates branch and terminal, and enrols it over HTTP. */
    public TerminalCredential enroll(String branch, String terminal) {
        try {
            String code = server.registry().createEnrollmentCode(branch, terminal);
            EnrollmentResponse r = transport().enroll(code);
            return new TerminalCredential(r.terminalId(), r.branchId(), r.token());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long count(String sql, Object... args) {
        return ((Number) single(sql, args)).longValue();
    }

    public Object single(String sql, Object... args) {
        List<List<Object>> rows = rows(sql, args);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    public List<List<Object>> rows(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<List<Object>> out = new ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getObject(i));
                    }
                    out.add(row);
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        dataSource.close();
    }
}
