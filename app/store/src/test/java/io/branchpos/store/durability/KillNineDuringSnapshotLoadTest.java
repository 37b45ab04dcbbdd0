package io.branchpos.store.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.store.LocalStore;
import io.branchpos.store.TestStores;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.feed.FeedEntry;
import io.branchpos.store.feed.FeedStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decisions 0258–0260 with a real kill: a child JVM loads a feed snapshot into real H2 files (both
 * writer connections busy, chunks committed) and is SIGKILLed midway. The restarted store must not
 * be ready to sell (not complete, wants a snapshot again, part of a catalog left on disk), and the
 * next load must start from empty tables and leave exactly the new snapshot's catalog.
 */
class KillNineDuringSnapshotLoadTest {
    @TempDir
    Path dir;

    @Test
    void aTillKilledWhileLoadingASnapshotRestartsNotSellingAndLoadsItAgainFromScratch() throws Exception {
        Path childLog = dir.resolve("child-stderr.log");
        Path data = dir.resolve("data");
        Process child = ChildJvm.start(ChildJvm.command(SnapshotLoadingChild.class, data.toString(), "200000"), childLog);
        CountDownLatch midway = new CountDownLatch(1);
        AtomicBoolean loaded = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.equals("READ 20000")) {
                        midway.countDown();
                    } else if (line.equals("LOADED")) {
                        loaded.set(true);
                    }
                }
            } catch (java.io.IOException endOfChild) {
                // killed
            }
        });
        reader.start();
        assertThat(midway.await(180, TimeUnit.SECONDS)).as("child read 20,000 rows; its log:%n%s", ChildJvm.tail(childLog)).isTrue();
        // committed chunks reach the file through H2's background writer (a write delay of about half
        // a second, no CHECKPOINT SYNC during a load): give it time, so that the kill leaves part of a
        // catalog on disk, while the child is still far from the end of its 400,001 rows
        Thread.sleep(2_000);
        child.destroyForcibly(); // SIGKILL on Linux
        child.waitFor(30, TimeUnit.SECONDS);
        reader.join(10_000);
        assertThat(loaded).as("killed before the load finished").isFalse();

        try (LocalStore store = TestStores.open(data)) {
            FeedStore feed = new FeedStore(store);
            assertThat(feed.state().complete()).as("a cut-off load is not a catalog to sell from").isFalse();
            assertThat(feed.state().cursor()).isEqualTo("0");
            assertThat(feed.wantsSnapshot()).as("the next pull loads the snapshot again").isTrue();
            long leftover = store.jdbc(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT (SELECT COUNT(*) FROM feed_price) + (SELECT COUNT(*) FROM product)")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(leftover).as("part of the killed load was committed (the test is not vacuous)").isPositive();

            List<FeedEntry> again = new ArrayList<>();
            again.add(SnapshotLoadingChild.tax());
            for (int i = 1; i <= 300; i++) {
                again.add(SnapshotLoadingChild.product(i));
                again.add(SnapshotLoadingChild.price(i));
            }
            feed.loadSnapshot("9.9", again.iterator());
            feed.apply("9.9", List.of(), "9.9", false, 0);
            assertThat(feed.state().complete()).isTrue();
            CatalogRepository catalog = new CatalogRepository(store);
            assertThat(catalog.countProducts()).as("nothing left of the killed load").isEqualTo(300);
            long prices = store.jdbc(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM feed_price")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(prices).isEqualTo(300);
            assertThat(catalog.findByBarcode(String.format("27%011d", 7)).orElseThrow().price().amount()).isEqualByComparingTo("8.99");
        }
    }
}
