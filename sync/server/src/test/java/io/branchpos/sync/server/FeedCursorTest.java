package io.branchpos.sync.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchpos.sync.protocol.FeedChange;
import io.branchpos.sync.protocol.FeedPage;
import io.branchpos.sync.server.catalog.CatalogService;
import io.branchpos.sync.server.feed.FeedService;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Invariant 6: the feed cursor never skips a change, however HQ transactions interleave and commit. */
class FeedCursorTest {

    private static TestServer hq;

    @BeforeAll
    static void start() {
        hq = TestServer.fresh();
    }

    @AfterAll
    static void stop() {
        hq.close();
    }

    @Test
    void aReaderPagingWhileLongTransactionsCommitOutOfOrderSeesEveryCommittedChangeExactlyOnce() throws Exception {
        long seed = Long.getLong("feed.seed", System.nanoTime());
        System.out.println("FeedCursorTest seed " + seed + " (replay with -Dfeed.seed=" + seed + ")");
        Random seeds = new Random(seed);
        CatalogService catalog = new CatalogService(hq.dataSource);
        FeedService feed = new FeedService(hq.dataSource);
        Set<String> committed = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        int writers = 4;
        int transactionsEach = 30;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        List<Future<?>> writes = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Random random = new Random(seeds.nextLong());
            writes.add(pool.submit(() -> {
                for (int t = 0; t < transactionsEach; t++) {
                    List<String> keys = new ArrayList<>();
                    boolean abort = random.nextInt(10) == 0;
                    try {
                        catalog.write("test", changes -> {
                            int n = 1 + random.nextInt(3);
                            for (int i = 0; i < n; i++) {
                                String code = "W" + writer + "-" + keys.size() + "-" + System.nanoTime();
                                changes.upsertTax(code, BigDecimal.valueOf(random.nextInt(25)), "rate " + code);
                                keys.add(code);
                                sleep(random.nextInt(40));        // long, interleaved transactions
                            }
                            if (abort) {
                                throw new IllegalStateException("rolled back on purpose");
                            }
                            return null;
                        });
                        committed.addAll(keys);
                    } catch (IllegalStateException rolledBack) {
                        // its changes must never appear
                    }
                }
                return null;
            }));
        }
        // the real reader, small pages, and a naive reader by change_id alone to show the hazard is real
        Set<String> seen = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        Future<String> reader = pool.submit(() -> {
            FeedService.Cursor cursor = FeedService.Cursor.parse(FeedPage.START);
            while (true) {
                boolean wasWriting = writing.get();
                FeedPage page = feed.page("B1", cursor, 1 + seeds.nextInt(5));
                for (FeedChange c : page.changes()) {
                    if (!seen.add(c.key())) {
                        duplicates.add(c.key());
                    }
                }
                cursor = FeedService.Cursor.parse(page.nextCursor());
                if (!wasWriting && !page.hasMore()) {
                    return cursor.toString();
                }
                if (page.changes().isEmpty()) {
                    sleep(5);
                }
            }
        });
        Set<String> naiveSeen = new HashSet<>();
        Future<?> naive = pool.submit(() -> {
            long last = 0;
            boolean more = true;
            while (more) {
                more = writing.get();   // one last full pass after the writers are done
                try (Connection c = hq.dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                        "select change_id, entity_key from feed_change where change_id > ? order by change_id limit ?")) {
                    ps.setLong(1, last);
                    ps.setInt(2, more ? 3 : Integer.MAX_VALUE);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            last = rs.getLong(1);
                            naiveSeen.add(rs.getString(2));
                        }
                    }
                }
                sleep(3);
            }
            return null;
        });
        for (Future<?> f : writes) {
            f.get(5, TimeUnit.MINUTES);
        }
        writing.set(false);
        naive.get(1, TimeUnit.MINUTES);
        reader.get(1, TimeUnit.MINUTES);
        pool.shutdown();

        assertTrue(committed.size() > 50, "enough committed changes: " + committed.size());
        assertEquals(List.of(), duplicates, "no change served twice");
        Set<String> missing = new HashSet<>(committed);
        missing.removeAll(seen);
        assertEquals(Set.of(), missing, "committed changes the feed skipped");
        Set<String> phantom = new HashSet<>(seen);
        phantom.removeAll(committed);
        assertEquals(Set.of(), phantom, "changes of rolled-back transactions served");
        Set<String> naiveMissed = new HashSet<>(committed);
        naiveMissed.removeAll(naiveSeen);
        System.out.println("a change_id cursor would have skipped " + naiveMissed.size() + " of " + committed.size());
        assertTrue(!naiveMissed.isEmpty(), "the schedule did not commit out of order; the test proved nothing");
    }

    @Test
    void aTerminalReadsOnlyItsOwnBranchFeedWithItsToken() throws Exception {
        io.branchpos.sync.client.TerminalCredential t = hq.enroll("B7", "T-71");
        new CatalogService(hq.dataSource).write("test", c -> {
            c.upsertUser("B7", "u-7", "7", "Seven", "CASHIER", "pbkdf2-sha256$1$AA==$AA==", true);
            c.upsertUser("B8", "u-8", "8", "Eight", "CASHIER", "pbkdf2-sha256$1$AA==$AA==", true);
            return null;
        });
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.function.BiFunction<String, String, java.net.http.HttpResponse<String>> get = (path, token) -> {
            var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(hq.baseUrl() + path));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            try {
                return http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        assertEquals(401, get.apply("/v1/branches/B7/feed", null).statusCode());
        assertEquals(403, get.apply("/v1/branches/B8/feed", t.token()).statusCode());
        assertEquals(400, get.apply("/v1/branches/B7/feed?after=abc", t.token()).statusCode());
        var ok = get.apply("/v1/branches/B7/feed?limit=100000", t.token());
        assertEquals(200, ok.statusCode());
        FeedPage page = io.branchpos.sync.protocol.ProtocolJson.read(ok.body().getBytes(java.nio.charset.StandardCharsets.UTF_8), FeedPage.class);
        assertTrue(page.changes().stream().anyMatch(c -> c.key().equals("u-7")), "own branch's user");
        assertTrue(page.changes().stream().noneMatch(c -> c.key().equals("u-8")), "another branch's user leaked");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
