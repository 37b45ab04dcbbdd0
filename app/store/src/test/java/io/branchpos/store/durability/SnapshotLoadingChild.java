package io.branchpos.store.durability;

import io.branchpos.store.LocalStore;
import io.branchpos.store.TestStores;
import io.branchpos.store.feed.FeedEntry;
import io.branchpos.store.feed.FeedStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Child JVM of {@link KillNineDuringSnapshotLoadTest}: loads a feed snapshot of many products into
 * its store (chunks committed often, so a kill leaves part of a catalog on disk) and prints
 * "READ n" as the stream is consumed, then "LOADED" — the test kills it before that. With a third
 * argument "index" it then builds the till's barcode map and search index, saves them (as the first
 * start after a catalog change does) and prints "INDEXED" ({@link SnapshotInABoundedHeapTest}).
 */
public final class SnapshotLoadingChild {
    static final String FROM = "2026-01-01T00:00:00Z";

    private SnapshotLoadingChild() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out; // command-line entry point of a test harness
        ChildJvm.exitWhenParentDies();
        Path dir = Path.of(args[0]);
        int products = Integer.parseInt(args[1]);
        try (LocalStore store = TestStores.open(dir)) {
            FeedStore feed = new FeedStore(store).snapshotCommitEvery(500);
            feed.loadSnapshot("9.9", new Iterator<>() {
                private int row;

                @Override
                public boolean hasNext() {
                    return row <= 2 * products;
                }

                @Override
                public FeedEntry next() {
                    int r = row++;
                    if (r > 0 && r % 1000 == 0) {
                        out.println("READ " + r);
                        out.flush();
                    }
                    return r == 0 ? tax() : r % 2 == 1 ? product((r + 1) / 2) : price(r / 2);
                }
            });
            out.println("LOADED");
            out.flush();
            if (args.length > 2 && args[2].equals("index")) {
                io.branchpos.store.catalog.CatalogRepository catalog = new io.branchpos.store.catalog.CatalogRepository(store);
                catalog.warmUpBarcodes();
                catalog.warmUpSearch();
                out.println("INDEXED " + catalog.countProducts());
                out.flush();
            }
        }
    }

    static FeedEntry tax() {
        return new FeedEntry("TAX", "STD", false, "{\"code\":\"STD\",\"percent\":\"19\",\"name\":\"standard\"}");
    }

    static FeedEntry product(int i) {
        String sku = String.format("K%06d", i);
        return new FeedEntry("PRODUCT", sku, false, "{\"sku\":\"" + sku + "\",\"name\":\"Killed load product " + i
                + "\",\"category\":\"Food\",\"taxCode\":\"STD\",\"unit\":\"PIECE\",\"currency\":\"EUR\",\"active\":true,"
                + "\"serialized\":false,\"barcodes\":[\"" + String.format("27%011d", i) + "\"]}");
    }

    static FeedEntry price(int i) {
        String sku = String.format("K%06d", i);
        return new FeedEntry("PRICE", sku + "@" + FROM, false, "{\"sku\":\"" + sku + "\",\"price\":\"" + (1 + i % 9)
                + ".99\",\"effectiveFrom\":\"" + FROM + "\",\"version\":" + i + "}");
    }
}
