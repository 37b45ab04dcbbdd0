package io.branchpos.sync.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Connection pools, schema migration and the embedded PostgreSQL of the demo mode. */
public final class Databases {

    private Databases() {
    }

    /**
     * A pool sized for a small server; connection failures surface within five seconds (503, the client
     * retries). Ten connections: {@code IngestService.DEFAULT_CONCURRENT_BATCHES} (6) for ingest, the rest
     * for authentication, the feed and the operator, so a burst of uploads cannot starve them.
     */
    public static HikariDataSource pool(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(2_000);
        config.setAutoCommit(true);
        config.setPoolName("sync");
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /** Applies the HQ schema migrations under {@code db/hq} (not db/migration: that is the terminal store's). */
    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/hq").load().migrate();
    }

    /**
     * Starts (or restarts) a PostgreSQL whose files live in {@code dataDir/pg}: the demo mode on a
     * machine without a database. Data survives restarts of the server.
     */
    public static EmbeddedPostgres startEmbedded(Path dataDir, int port) throws IOException {
        Path pgDir = dataDir.resolve("pg");
        Files.createDirectories(pgDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(pgDir)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on");
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }
}
