package io.branchpos.sync.server;

import io.branchpos.sync.client.CredentialStore;
import io.branchpos.sync.client.SyncEngine;
import io.branchpos.sync.client.TerminalCredential;
import io.branchpos.sync.server.db.Databases;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Child JVMs for the kill -9 tests: a server, and a till that sells and syncs. */
final class ChildProcesses {

    private ChildProcesses() {
    }

    static Process spawn(Class<?> main, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        File log = File.createTempFile("branchpos-child-", ".log");
        log.deleteOnExit();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    /** {@code ServerChild <jdbcUrl> <portFile>}: serves until killed. */
    static final class ServerChild {
        public static void main(String[] args) throws Exception {
            var ds = Databases.pool(args[0], "postgres", "postgres");
            SyncServer server = new SyncServer(ds).start("127.0.0.1", 0);
            Path tmp = Path.of(args[1] + ".tmp");
            Files.writeString(tmp, String.valueOf(server.port()));
            Files.move(tmp, Path.of(args[1]), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /**
     * {@code TillChild <h2File> <terminalId> <token> <branch> <baseUrl> <salesToAdd>}: sells (one journal
     * transaction each, nudging the engine) while the engine uploads; then keeps syncing until killed.
     */
    static final class TillChild {
        public static void main(String[] args) throws Exception {
            H2JournalOutbox journal = new H2JournalOutbox(Path.of(args[0]), args[1]);
            CredentialStore credentials = CredentialStore.inMemory();
            credentials.save(new TerminalCredential(args[1], args[3], args[2]));
            SyncEngine engine = SyncEngine.builder().outbox(journal).credentials(credentials).serverUrl(args[4])
                    .batchSizes(5, 20).backoff(Duration.ofMillis(50), Duration.ofMillis(500)).idleInterval(Duration.ofMillis(200)).build();
            engine.start();
            int toAdd = Integer.parseInt(args[5]);
            Random random = new Random();
            for (int i = 0; i < toAdd; i++) {
                String saleId = args[1] + "-" + journal.count() + "-" + Math.abs(random.nextInt());
                journal.append("SALE_COMPLETED", Payloads.sale(saleId, "SKU-K", "1", "1.00"), Instant.now());
                engine.nudge();
                Thread.sleep(2);
            }
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    static Optional<Integer> readPort(Path file) throws Exception {
        return Files.exists(file) ? Optional.of(Integer.parseInt(Files.readString(file).trim())) : Optional.empty();
    }
}
