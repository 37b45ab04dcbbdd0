package io.branchpos.store.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchpos.store.LocalStore;
import io.branchpos.store.TestStores;
import io.branchpos.store.journal.JournalRepository;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Z numbers have no gaps, ever: a child JVM closes business days in a loop and is SIGKILLed at
 * random moments (often in the middle of a close). After each kill: Z numbers are exactly 1..N,
 * each with its DAY_CLOSED event carrying the same number, business days strictly increase, the
 * terminal is on a day after the last Z, every Z the child confirmed is there, and the journal
 * chain verifies. Kills per run: {@code -Dcrash.zkills=N} (default 4; CI may raise it).
 */
class KillNineDuringDayCloseTest {
    private static final Logger log = LoggerFactory.getLogger(KillNineDuringDayCloseTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void killNineDuringClosingLeavesGaplessZNumbersAndLosesNoConfirmedZ() throws Exception {
        int kills = Integer.getInteger("crash.zkills", 4);
        long seed = Long.getLong("crash.seed", System.nanoTime());
        log.info("kill -9 during day close: {} kills, seed {}", kills, seed);
        Random random = new Random(seed);
        long confirmed = 0;
        for (int k = 0; k < kills; k++) {
            Process child = ChildJvm.start(ChildJvm.command(ClosingChild.class, dir.toString()));
            CountDownLatch ready = new CountDownLatch(1);
            CountDownLatch closedOnce = new CountDownLatch(1);
            AtomicLong lastPrinted = new AtomicLong();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.equals("READY")) {
                            ready.countDown();
                        } else if (line.startsWith("CLOSED ")) {
                            lastPrinted.set(Long.parseLong(line.substring(7)));
                            closedOnce.countDown();
                        }
                    }
                } catch (java.io.IOException endOfChild) {
                    // killed
                }
            });
            reader.start();
            assertThat(ready.await(60, TimeUnit.SECONDS)).as("child %d became ready", k).isTrue();
            // once the child is warm (one close done), kill it at a random moment of the next ones
            assertThat(closedOnce.await(60, TimeUnit.SECONDS)).as("child %d closed a day", k).isTrue();
            Thread.sleep(random.nextInt(600));
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);
            confirmed = Math.max(confirmed, lastPrinted.get());

            try (LocalStore store = TestStores.open(dir)) {
                JournalRepository.ChainCheck chain = new JournalRepository(store).verifyChain();
                assertThat(chain.ok()).as("journal after kill %d: %s", k, chain.problem()).isTrue();
                List<long[]> zs = zRows(store);
                for (int i = 0; i < zs.size(); i++) {
                    assertThat(zs.get(i)[0]).as("Z numbers are 1..N without gaps").isEqualTo(i + 1);
                }
                assertThat((long) zs.size()).as("every confirmed Z survives kill %d", k).isGreaterThanOrEqualTo(confirmed);
                List<Long> dayClosedNumbers = dayClosedNumbers(store);
                assertThat(dayClosedNumbers).as("one DAY_CLOSED per Z, same numbers")
                        .containsExactlyElementsOf(zs.stream().map(z -> z[0]).toList());
                List<LocalDate> days = store.jdbc(c -> {
                    List<LocalDate> out = new ArrayList<>();
                    try (var st = c.createStatement(); var rs = st.executeQuery(
                            "SELECT business_day FROM z_report ORDER BY z_number")) {
                        while (rs.next()) {
                            out.add(rs.getObject(1, LocalDate.class));
                        }
                    }
                    return out;
                });
                for (int i = 1; i < days.size(); i++) {
                    assertThat(days.get(i)).isAfter(days.get(i - 1));
                }
                if (!days.isEmpty()) {
                    assertThat(store.businessDay()).isAfter(days.get(days.size() - 1));
                }
                log.info("after kill {}: {} Z reports, {} confirmed", k, zs.size(), confirmed);
            }
        }
        assertThat(confirmed).isPositive();
    }

    private static List<long[]> zRows(LocalStore store) {
        return store.jdbc(c -> {
            List<long[]> out = new ArrayList<>();
            try (var st = c.createStatement(); var rs = st.executeQuery(
                    "SELECT z.z_number, z.journal_seq FROM z_report z ORDER BY z.z_number")) {
                while (rs.next()) {
                    out.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
            return out;
        });
    }

    private static List<Long> dayClosedNumbers(LocalStore store) {
        return store.jdbc(c -> {
            List<Long> out = new ArrayList<>();
            try (var st = c.createStatement(); var rs = st.executeQuery(
                    "SELECT payload FROM journal_event WHERE type = 'DAY_CLOSED' ORDER BY seq")) {
                while (rs.next()) {
                    try {
                        out.add(JSON.readTree(rs.getString(1)).get("zNumber").asLong());
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            return out;
        });
    }
}
