package io.branchpos.sync.server;

import com.zaxxer.hikari.HikariDataSource;
import io.branchpos.sync.server.db.Databases;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Command-line entry of the central server: {@code serve}, {@code migrate}, {@code enroll}. */
@Command(name = "branchpos-server", mixinStandardHelpOptions = true, subcommands = {
        ServerMain.Serve.class, ServerMain.Migrate.class, ServerMain.Enroll.class,
        CatalogCommands.Catalog.class, CatalogCommands.Price.class, PromotionCommands.Promotion.class, OperatorCommands.Operator.class,
        StockCommands.Stock.class},
        description = "BranchPOS central sync server.")
public final class ServerMain implements Runnable {

    public static void main(String[] args) {
        String[] effective = args.length == 0 ? new String[] {"serve"} : args;
        CommandLine cli = new CommandLine(new ServerMain());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        System.exit(cli.execute(effective));
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /** Where the database is: a real PostgreSQL (--db-url) or the embedded one in --data-dir. */
    static final class DbOptions {
        @Option(names = "--db-url", description = "JDBC URL of a PostgreSQL database; without it an embedded PostgreSQL runs in --data-dir")
        String dbUrl;
        @Option(names = "--db-user", defaultValue = "postgres")
        String dbUser;
        @Option(names = "--db-password", defaultValue = "")
        String dbPassword;
        @Option(names = "--data-dir", defaultValue = "branchpos-server-data", description = "data directory of the embedded PostgreSQL (default: ${DEFAULT-VALUE})")
        Path dataDir;
        @Option(names = "--embedded-db-port", defaultValue = "54329", description = "port of the embedded PostgreSQL (default: ${DEFAULT-VALUE})")
        int embeddedPort;

        private EmbeddedPostgres embedded;

        /** What a command does with HQ's migrated database; returns the exit code. */
        @FunctionalInterface
        interface Work {
            int run(HikariDataSource ds) throws Exception;
        }

        /**
         * Opens HQ's database, migrates it, runs {@code work}, then flushes the command's output and
         * closes the database (and the embedded PostgreSQL it started) whatever happened.
         */
        int withMigrated(picocli.CommandLine.Model.CommandSpec spec, Work work) throws Exception {
            HikariDataSource ds = open();
            try {
                Databases.migrate(ds);
                return work.run(ds);
            } finally {
                spec.commandLine().getOut().flush();
                spec.commandLine().getErr().flush();
                close(ds);
            }
        }

        HikariDataSource open() throws Exception {
            if (dbUrl != null) {
                return Databases.pool(dbUrl, dbUser, dbPassword);
            }
            if (Files.exists(dataDir.resolve("pg").resolve("postmaster.pid")) && listening(embeddedPort)) {
                // `serve` already runs the embedded PostgreSQL of this data directory: use it (e.g. for `enroll`)
                return Databases.pool("jdbc:postgresql://localhost:" + embeddedPort + "/postgres", "postgres", "postgres");
            }
            embedded = Databases.startEmbedded(dataDir, embeddedPort);
            System.out.println("embedded PostgreSQL running in " + dataDir.toAbsolutePath() + " on port " + embedded.getPort());
            return Databases.pool(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        }

        private static boolean listening(int port) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("localhost", port), 1_000);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        void close(HikariDataSource ds) throws Exception {
            ds.close();
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Migrate the database and serve the sync API.")
    static final class Serve implements Callable<Integer> {
        @Mixin
        DbOptions db;
        @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE})")
        int port;

        @Override
        public Integer call() throws Exception {
            HikariDataSource ds = db.open();
            Databases.migrate(ds);
            SyncServer server = new SyncServer(ds).start(port);
            System.out.println("BranchPOS sync server on http://localhost:" + server.port() + "  (health: /health, metrics: /metrics)");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                try {
                    db.close(ds);
                } catch (Exception e) {
                    // shutting down anyway
                }
                stopped.countDown();
            }, "shutdown"));
            stopped.await();
            return 0;
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply database migrations and exit.")
    static final class Migrate implements Callable<Integer> {
        @Mixin
        DbOptions db;

        @Override
        public Integer call() throws Exception {
            HikariDataSource ds = db.open();
            try {
                Databases.migrate(ds);
                System.out.println("database schema is up to date");
            } finally {
                db.close(ds);
            }
            return 0;
        }
    }

    @Command(name = "enroll", mixinStandardHelpOptions = true,
            description = "Create a branch and terminal (if new) and print a one-time enrollment code for it.")
    static final class Enroll implements Callable<Integer> {
        @Mixin
        DbOptions db;
        @Option(names = "--branch", required = true)
        String branch;
        @Option(names = "--terminal", required = true)
        String terminal;

        @Override
        public Integer call() throws Exception {
            HikariDataSource ds = db.open();
            try {
                Databases.migrate(ds);
                String code = new SyncServer(ds).registry().createEnrollmentCode(branch, terminal);
                System.out.println("Enrollment code for terminal " + terminal + " (branch " + branch + "), valid 7 days, single use:");
                System.out.println(code);
            } finally {
                db.close(ds);
            }
            return 0;
        }
    }
}
