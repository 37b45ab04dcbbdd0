package io.branchpos.sync.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL per test JVM (two cores are shared: never one per test); every test
 * class gets its own fresh database in it.
 */
public final class PostgresFixture {

    private static EmbeddedPostgres shared;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private PostgresFixture() {
    }

    public static synchronized EmbeddedPostgres shared() {
        if (shared == null) {
            try {
                shared = EmbeddedPostgres.builder().setServerConfig("max_connections", "200").start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    shared.close();
                } catch (IOException ignored) {
                    // the JVM ends anyway
                }
            }));
        }
        return shared;
    }

    /** Creates a new empty database and returns its JDBC URL (user and password: postgres). */
    public static String newDatabase() {
        EmbeddedPostgres pg = shared();
        String name = "sync_test_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return pg.getJdbcUrl("postgres", name);
    }
}
