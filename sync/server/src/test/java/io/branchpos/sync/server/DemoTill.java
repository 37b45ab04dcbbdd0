package io.branchpos.sync.server;

import io.branchpos.sync.client.CredentialStore;
import io.branchpos.sync.client.SyncEngine;
import io.branchpos.sync.client.SyncStatus;
import io.branchpos.sync.client.TerminalCredential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A headless demo till (test tooling, not product code): sells into a durable H2 journal whether or
 * not HQ is reachable, and prints the sync status every second, so one can watch the pending count
 * grow while HQ is down and drain to zero when it comes back. See docs/sync.md.
 */
@Command(name = "demo-till", mixinStandardHelpOptions = true)
public final class DemoTill implements Callable<Integer> {

    @Option(names = "--dir", defaultValue = "branchpos-demo-till", description = "journal and credential directory")
    Path dir;
    @Option(names = "--server", defaultValue = "http://localhost:8080")
    String server;
    @Option(names = "--terminal", required = true, description = "the terminal id HQ enrolled (journal rows carry it)")
    String terminal;
    @Option(names = "--code", description = "one-time enrollment code (first start only)")
    String code;
    @Option(names = "--sales", defaultValue = "30", description = "sales to ring up, one per second")
    int sales;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoTill()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dir);
        try (H2JournalOutbox journal = new H2JournalOutbox(dir.resolve("journal"), terminal);
             SyncEngine engine = SyncEngine.builder().outbox(journal).credentials(new FileCredentialStore(dir.resolve("credential.properties")))
                     .serverUrl(server).enrollmentCode(code).build()) {
            engine.start();
            for (int i = 0; ; i++) {
                if (i < sales) {
                    String saleId = UUID.randomUUID().toString();
                    journal.append("SALE_COMPLETED", Payloads.sale(saleId, "100234", "1", "1.19"), Instant.now());
                    engine.nudge();
                }
                Thread.sleep(1_000);
                SyncStatus s = engine.status();
                System.out.printf("%-16s pending %4d  oldest %-12s %s%n", s.state(), s.pendingCount(),
                        s.oldestPendingAge(Instant.now()).map(d -> d.toSeconds() + " s").orElse("-"), s.error().orElse(""));
                if (i >= sales && s.pendingCount() == 0 && s.state() == SyncStatus.State.UP_TO_DATE) {
                    System.out.println("all " + journal.count() + " journal events are at HQ");
                    return 0;
                }
            }
        }
    }

    /** The credential in a properties file (the desktop would restrict its permissions). */
    static final class FileCredentialStore implements CredentialStore {
        private final Path file;

        FileCredentialStore(Path file) {
            this.file = file;
        }

        @Override
        public Optional<TerminalCredential> load() {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            Properties p = new Properties();
            try (var in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Optional.of(new TerminalCredential(p.getProperty("terminalId"), p.getProperty("branchId"), p.getProperty("token")));
        }

        @Override
        public void save(TerminalCredential c) {
            Properties p = new Properties();
            p.setProperty("terminalId", c.terminalId());
            p.setProperty("branchId", c.branchId());
            p.setProperty("token", c.token());
            try (var out = Files.newOutputStream(file)) {
                p.store(out, "BranchPOS demo till credential");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void clear() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
