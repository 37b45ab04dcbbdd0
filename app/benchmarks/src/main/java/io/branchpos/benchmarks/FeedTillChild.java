package io.branchpos.benchmarks;

import io.branchpos.desktop.feed.CatalogFeed;
import io.branchpos.desktop.feed.StoreCatalogSink;
import io.branchpos.store.LocalStore;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.feed.FeedStore;
import io.branchpos.sync.client.CredentialStore;
import io.branchpos.sync.client.FeedPuller;
import io.branchpos.sync.client.TerminalCredential;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Target 7 in a till's heap: the same bootstrap as {@link FeedBench} (FeedPuller → StoreCatalogSink
 * until the feed says complete, an empty store), run in a child JVM started with the installers' JVM
 * options against the benchmark's HQ. Arguments: HQ url, terminal id, branch id, token, store
 * directory. Prints {@code DONE seconds snapshotSeconds changes products gcCount gcMillis perCollector} or
 * {@code FAILED reason}.
 */
public final class FeedTillChild {
    private FeedTillChild() {
    }

    public static void main(String[] args) {
        try {
            CredentialStore credentials = CredentialStore.inMemory();
            credentials.save(new TerminalCredential(args[1], args[2], args[3]));
            try (LocalStore store = Stores.open(Path.of(args[4]), args[1])) {
                FeedStore feed = new FeedStore(store);
                FeedBench.TimedSink sink = new FeedBench.TimedSink(new StoreCatalogSink(feed));
                long b0 = System.nanoTime();
                long changes;
                try (FeedPuller puller = new FeedPuller(args[0], credentials, sink,
                        CatalogFeed.PAGE, CatalogFeed.CATCH_UP_PAGE, Duration.ofMinutes(1))) {
                    changes = puller.pullAll();
                }
                double seconds = (System.nanoTime() - b0) / 1e9;
                long products = new CatalogRepository(store).countProducts();
                if (!feed.state().complete()) {
                    throw new IllegalStateException("the feed is not complete after the bootstrap");
                }
                System.out.printf("DONE %.3f %.3f %d %d %d %d %s%n", seconds, sink.snapshotNanos / 1e9, changes, products,
                        TillJvm.collections(), TillJvm.gcMillis(), TillJvm.perCollector());
            }
        } catch (Throwable t) {
            t.printStackTrace();
            System.out.println("FAILED " + t.toString().replace('\n', ' '));
        }
        System.out.flush();
        System.exit(0);
    }
}
