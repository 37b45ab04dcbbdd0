package io.branchpos.store.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.store.LocalStore;
import io.branchpos.store.TestStores;
import io.branchpos.store.journal.JournalRepository;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DESIGN.md invariant 1, tested for real: a child JVM sells in a loop and prints each sale id
 * once the store returned "committed"; we SIGKILL it at random moments, reopen the database and
 * check that every printed sale is there and complete, no half sale exists, and the journal is
 * gapless with a verifying hash chain (the child refunds now and then: a write that checkpoints H2
 * between sales committed through the sale log, decision 0014). Kills per run: {@code -Dcrash.kills=N} (CI: 20).
 */
class KillNineCrashTest {
    private static final Logger log = LoggerFactory.getLogger(KillNineCrashTest.class);

    @TempDir
    Path dir;

    @Test
    void killNineAtRandomMomentsLosesNoConfirmedSaleAndLeavesNoHalfSale() throws Exception {
        int kills = Integer.getInteger("crash.kills", 20);
        long seed = Long.getLong("crash.seed", System.nanoTime());
        log.info("kill -9 crash test: {} kills, seed {} (replay with -Dcrash.seed={})", kills, seed, seed);
        Random random = new Random(seed);
        Set<String> confirmed = new HashSet<>();
        long totalSales = 0;
        for (int k = 0; k < kills; k++) {
            Path childLog = dir.resolve("child-stderr.log");
            List<String> command = ChildJvm.command(SellingChild.class, dir.toString());
            // a small sale log (decision 0014): checkpoints and log resets happen every few sales, so
            // kills also land in them
            command.add(1, "-Dbranchpos.salelog.bytes=" + (k % 2 == 0 ? 65536 : 16384));
            Process child = ChildJvm.start(command, childLog);
            CountDownLatch ready = new CountDownLatch(1);
            CountDownLatch firstSale = new CountDownLatch(1);
            Set<String> printed = java.util.Collections.synchronizedSet(new HashSet<>());
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.equals("READY")) {
                            ready.countDown();
                        } else if (line.startsWith("COMMITTED ")) {
                            printed.add(line.substring("COMMITTED ".length()));
                            firstSale.countDown();
                        }
                    }
                } catch (java.io.IOException endOfChild) {
                    // the child was killed; what was read before counts
                }
            });
            reader.start();
            assertThat(ready.await(120, TimeUnit.SECONDS)).as("child %d became ready (alive: %s); its log:%n%s", k,
                    child.isAlive(), ChildJvm.tail(childLog)).isTrue();
            // kill while it is selling steadily (a loaded machine may need seconds for the first sale)
            assertThat(firstSale.await(120, TimeUnit.SECONDS)).as("child %d sold something; its log:%n%s", k,
                    ChildJvm.tail(childLog)).isTrue();
            Thread.sleep(random.nextInt(300));
            child.destroyForcibly(); // SIGKILL on Linux and macOS
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);
            confirmed.addAll(printed);

            try (LocalStore store = TestStores.open(dir)) {
                JournalRepository.ChainCheck chain = new JournalRepository(store).verifyChain();
                assertThat(chain.ok()).as("journal after kill %d: %s", k, chain.problem()).isTrue();
                Set<String> present = saleIds(store);
                assertThat(present).as("every confirmed sale survives kill %d", k).containsAll(confirmed);
                assertNoHalfSale(store);
                assertThat(chain.events()).isEqualTo(present.size() + refunds(store));
                totalSales = present.size();
            }
        }
        log.info("kill -9 crash test: {} kills, {} confirmed sales, {} sales in the database", kills,
                confirmed.size(), totalSales);
        assertThat(confirmed).isNotEmpty();
    }

    private static int refunds(LocalStore store) {
        return store.jdbc(c -> {
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM refund")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    static Set<String> saleIds(LocalStore store) {
        return store.jdbc(c -> {
            Set<String> ids = new HashSet<>();
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT sale_id FROM sale")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    /** Every sale has lines that add up to it, payments, and exactly one journal event; and vice versa. */
    static void assertNoHalfSale(LocalStore store) {
        List<String> problems = store.jdbc(c -> {
            List<String> out = new java.util.ArrayList<>();
            String[] checks = {
                "SELECT s.sale_id FROM sale s WHERE NOT EXISTS (SELECT 1 FROM sale_line l WHERE l.sale_id = s.sale_id)",
                "SELECT s.sale_id FROM sale s WHERE NOT EXISTS (SELECT 1 FROM payment p WHERE p.sale_id = s.sale_id)",
                "SELECT s.sale_id FROM sale s WHERE s.gross <> (SELECT SUM(l.gross) FROM sale_line l WHERE l.sale_id = s.sale_id)",
                "SELECT s.sale_id FROM sale s WHERE NOT EXISTS (SELECT 1 FROM journal_event e WHERE e.seq = s.journal_seq"
                        + " AND e.type = 'SALE_COMPLETED' AND e.terminal_id = s.terminal_id)",
                "SELECT e.seq FROM journal_event e WHERE e.type = 'SALE_COMPLETED' AND NOT EXISTS"
                        + " (SELECT 1 FROM sale s WHERE s.journal_seq = e.seq)",
            };
            for (String sql : checks) {
                try (var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                        out.add(sql + " -> " + rs.getString(1));
                    }
                }
            }
            return out;
        });
        assertThat(problems).as("half sales").isEmpty();
    }
}
