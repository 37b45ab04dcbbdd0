package io.branchpos.desktop.feed;

import io.branchpos.store.LocalStore;
import io.branchpos.store.feed.FeedState;
import io.branchpos.store.feed.FeedStore;
import io.branchpos.sync.client.CredentialStore;
import io.branchpos.sync.client.FeedPuller;
import io.branchpos.sync.client.FeedStatus;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HQ's catalog on this terminal: pulls the feed into the store, switches scheduled prices when
 * they fall due (also offline), and says whether the catalog is complete enough to sell from
 * ({@link #readyToSell()}: the first full pass has ended).
 */
public final class CatalogFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CatalogFeed.class);
    /** How often due scheduled prices are looked for: the longest a till sells at yesterday's price. */
    public static final Duration PRICE_TICK = Duration.ofSeconds(15);
    /** Page size when caught up (a few changes at a time). */
    public static final int PAGE = 500;
    /** Page size during a bootstrap or a long catch-up: fewer, bigger transactions (decision 0254). */
    public static final int CATCH_UP_PAGE = 5_000;

    private final FeedStore store;
    private final FeedPuller puller;
    private final ScheduledExecutorService prices;

    public CatalogFeed(LocalStore localStore, String serverUrl, CredentialStore credentials) {
        this.store = new FeedStore(localStore);
        this.puller = new FeedPuller(serverUrl, credentials, new StoreCatalogSink(store), PAGE, CATCH_UP_PAGE,
                Duration.ofMinutes(1));
        this.prices = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "branchpos-prices");
            t.setDaemon(true);
            return t;
        });
    }

    public CatalogFeed start() {
        puller.start();
        prices.scheduleWithFixedDelay(() -> {
            try {
                int switched = store.applyDuePrices();
                if (switched > 0) {
                    log.info("{} scheduled prices took effect", switched);
                }
            } catch (RuntimeException e) {
                log.warn("scheduled prices could not be applied: {}", e.getMessage());
            }
        }, 0, PRICE_TICK.toSeconds(), TimeUnit.SECONDS);
        return this;
    }

    /** True once the whole catalog has arrived at least once (bootstrap done). */
    public boolean readyToSell() {
        return store.state().complete();
    }

    public FeedState state() {
        return store.state();
    }

    public FeedStatus status() {
        return puller.status();
    }

    /** Listener on a feed thread (hand over to the FX thread yourself). */
    public void addListener(Consumer<FeedStatus> listener) {
        puller.addListener(listener);
    }

    public void nudge() {
        puller.nudge();
    }

    @Override
    public void close() {
        prices.shutdown();
        puller.close();
        try {
            prices.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
