package io.branchpos.store.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.catalog.Sku;
import io.branchpos.domain.catalog.UnitOfMeasure;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.tax.TaxRate;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreException;
import io.branchpos.store.WriteContext;
import io.branchpos.store.catalog.CatalogItem;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.stock.StockFeedApplier;
import io.branchpos.store.stock.StockRepository;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal's side of HQ's catalog feed. {@link #apply} writes one page and its cursor in one
 * durable transaction (invariant 6): after a crash the store holds either the whole page and the
 * new cursor, or neither, and pulling again from the stored cursor resumes exactly there.
 * The product table is derived: HQ's product state (its {@code feed_data}, or {@code feed_pending} while it waits for
 * its tax rate, decision 0264) plus the price effective
 * now ({@code feed_price}); {@link #applyDuePrices} switches scheduled prices when they fall due.
 */
public final class FeedStore {
    private static final Logger log = LoggerFactory.getLogger(FeedStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Below this many active products the mass-deactivation guard does not apply (tiny catalogs). */
    static final long GUARD_MIN_CATALOG = 20;
    /** SKUs derived per set-wise read (IN list) and batch. */
    private static final int CHUNK = 500;

    private final LocalStore store;
    private final CatalogRepository catalog;
    private final StockFeedApplier stockFeed;

    public FeedStore(LocalStore store) {
        this.store = store;
        this.catalog = new CatalogRepository(store);
        this.stockFeed = new StockFeedApplier(new StockRepository(store));
    }

    /** Where the terminal is in the feed ({@code "0"}, incomplete, on a fresh store). */
    public FeedState state() {
        return store.jdbc(c -> {
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT cursor, complete, applied, remaining FROM feed_state WHERE id = 1")) {
                return rs.next() ? new FeedState(rs.getString(1), rs.getBoolean(2), rs.getLong(3), rs.getLong(4))
                        : new FeedState("0", false, 0, 0);
            }
        });
    }

    /**
     * Applies one page fetched {@code after} the given cursor, and stores {@code nextCursor}, in one
     * transaction. A page fetched from another cursor than the stored one (a stale or concurrent
     * pull) is refused with {@link IllegalStateException}; a page that would deactivate most of the
     * catalog without HQ's {@code intended} mark with {@link MassDeactivationRefusedException}.
     * Nothing is written in either case.
     */
    public FeedState apply(String after, List<FeedEntry> entries, String nextCursor, boolean hasMore, long remaining) {
        return store.write(ctx -> ctx.session().doReturningWork(c -> {
            try {
                return apply(ctx, c, after, entries, nextCursor, hasMore, remaining);
            } catch (IOException e) {
                throw new StoreException("HQ sent an unreadable feed change: " + e.getMessage(), e);
            }
        }));
    }

    private FeedState apply(WriteContext ctx, Connection c, String after, List<FeedEntry> entries, String nextCursor,
                            boolean hasMore, long remaining) throws SQLException, IOException {
        FeedState current = null;
        long baseline = 0;
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT cursor, complete, applied, remaining, baseline_active FROM feed_state WHERE id = 1 FOR UPDATE")) {
            if (rs.next()) {
                current = new FeedState(rs.getString(1), rs.getBoolean(2), rs.getLong(3), rs.getLong(4));
                baseline = rs.getLong(5);
            }
        }
        if (current == null) {
            current = new FeedState("0", false, 0, 0);
            exec(c, "INSERT INTO feed_state(id, cursor, complete, applied, remaining, baseline_active) VALUES (1, '0', FALSE, 0, 0, 0)");
        }
        if (!current.cursor().equals(after)) {
            throw new IllegalStateException("feed page was fetched after " + after + " but the store is at " + current.cursor());
        }
        List<JsonNode> data = new ArrayList<>(entries.size());
        for (FeedEntry e : entries) {
            data.add(JSON.readTree(e.dataJson()));
        }
        baseline = guard(c, entries, data, baseline);
        Instant now = ctx.now();
        Set<String> touched = new LinkedHashSet<>();
        Map<String, String> pageProducts = new LinkedHashMap<>();
        boolean taxChanged = false;
        // one prepared statement per kind and page, sent as JDBC batches (decision 0254)
        try (PreparedStatement tax = c.prepareStatement("MERGE INTO tax_rate(code, percent, name) KEY(code) VALUES (?, ?, ?)");
                PreparedStatement price = c.prepareStatement(
                        "MERGE INTO feed_price(sku, effective_from, price, version) KEY(sku, effective_from) VALUES (?, ?, ?, ?)");
                PreparedStatement user = c.prepareStatement("MERGE INTO app_user(user_id, code, name, role, pin_hash, active) "
                        + "KEY(user_id) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < entries.size(); i++) {
                FeedEntry e = entries.get(i);
                JsonNode d = data.get(i);
                switch (e.kind()) {
                    case "TAX" -> {
                        // taxes first: the products of this page derive their rows from them
                        tax.setString(1, d.path("code").asText());
                        tax.setBigDecimal(2, new BigDecimal(d.path("percent").asText()));
                        tax.setString(3, d.path("name").asText());
                        tax.executeUpdate();
                        taxChanged = true;
                    }
                    case "PRODUCT" -> {
                        // written below together with what is derived from it (one write per product)
                        String sku = d.path("sku").asText();
                        pageProducts.remove(sku);
                        pageProducts.put(sku, e.dataJson());
                        touched.add(sku);
                    }
                    case "PRICE" -> {
                        price.setString(1, d.path("sku").asText());
                        price.setTimestamp(2, Timestamp.from(Instant.parse(d.path("effectiveFrom").asText())));
                        price.setBigDecimal(3, new BigDecimal(d.path("price").asText()));
                        price.setLong(4, d.path("version").asLong());
                        price.addBatch();
                        touched.add(d.path("sku").asText());
                    }
                    case "USER" -> {
                        user.setString(1, d.path("userId").asText());
                        user.setString(2, d.path("code").asText());
                        user.setString(3, d.path("name").asText());
                        user.setString(4, d.path("role").asText());
                        user.setString(5, d.path("pinHash").asText());
                        user.setBoolean(6, d.path("active").asBoolean());
                        user.addBatch();
                    }
                    case "PROMOTION" -> io.branchpos.store.promo.PromotionFeed.apply(c, e.key(), d, e.dataJson());
                    case "PURCHASE_ORDER", "TRANSFER_IN", "STOCK_BASELINE" -> { } // StockFeedApplier, below
                    default -> log.debug("ignoring feed change of unknown kind {}", e.kind());
                }
            }
            price.executeBatch();
            user.executeBatch();
        }
        List<StockFeedApplier.Change> stockChanges = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            stockChanges.add(new StockFeedApplier.Change(entries.get(i).kind(), entries.get(i).key(), data.get(i)));
        }
        stockFeed.apply(ctx, stockChanges);
        if (taxChanged) {
            touched.addAll(strings(c, "SELECT sku FROM feed_pending"));
            catalog.taxRatesChanged(ctx);
        }
        materialise(ctx, c, new ArrayList<>(touched), now, pageProducts);
        boolean complete = current.complete() || !hasMore;
        if (!hasMore) {
            baseline = activeProducts(c);
        }
        exec(c, "UPDATE feed_state SET cursor = ?, complete = ?, applied = ?, remaining = ?, baseline_active = ?, updated_at = ? WHERE id = 1",
                nextCursor, complete, current.applied() + entries.size(), remaining, baseline, Timestamp.from(now));
        return new FeedState(nextCursor, complete, current.applied() + entries.size(), remaining);
    }

    /**
     * True for a terminal that should bootstrap from a feed snapshot (decision 0258): nothing of
     * the feed applied yet and no catalog at all, or a snapshot load that was cut off.
     */
    public boolean wantsSnapshot() {
        return store.jdbc(c -> {
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT cursor, snapshot_loading FROM feed_state WHERE id = 1")) {
                if (rs.next()) {
                    if (rs.getBoolean(2)) {
                        return true;
                    }
                    if (!"0".equals(rs.getString(1))) {
                        return false;
                    }
                }
            }
            return catalogEmpty(c);
        });
    }

    private static boolean isAtStart(Connection c) throws SQLException {
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT cursor FROM feed_state WHERE id = 1")) {
            return !rs.next() || "0".equals(rs.getString(1));
        }
    }

    private static boolean catalogEmpty(Connection c) throws SQLException {
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT (SELECT COUNT(*) FROM product) + (SELECT COUNT(*) FROM feed_pending) + (SELECT COUNT(*) FROM feed_price)")) {
            rs.next();
            return rs.getLong(1) == 0;
        }
    }

    /**
     * Loads a feed snapshot taken at {@code cursor} as its changes stream in (decision 0258), and
     * stores the cursor; the feed is then pulled after it, and {@code complete} turns true with the
     * first page that says nothing more is ready (as for a bootstrap through the pages).
     *
     * <p>Catalog kinds go into the empty catalog tables in bulk (plain INSERT batches, a commit per
     * {@value #SNAPSHOT_COMMIT} rows); every other kind (users, promotions, stock
     * documents) is applied as a feed page would, in the last transaction, which also stores the
     * cursor and clears {@code snapshot_loading}. Until then the store is marked as loading a snapshot
     * and not complete: a failure or a kill anywhere leaves a terminal that does not sell and that
     * {@link #wantsSnapshot() wants} a snapshot again, which starts from empty tables.
     *
     * @throws IllegalStateException if this terminal already has a catalog or a feed position
     */
    public long loadSnapshot(String cursor, Iterator<FeedEntry> changes) {
        long t0 = System.nanoTime();
        store.write(ctx -> ctx.session().doReturningWork(c -> {
            boolean exists;
            boolean loading = false;
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT snapshot_loading FROM feed_state WHERE id = 1 FOR UPDATE")) {
                exists = rs.next();
                if (exists) {
                    loading = rs.getBoolean(1);
                }
            }
            if (!loading && !(isAtStart(c) && catalogEmpty(c))) {
                throw new IllegalStateException("a feed snapshot is only loaded into a terminal without a catalog");
            }
            if (exists) {
                exec(c, "UPDATE feed_state SET cursor = '0', complete = FALSE, applied = 0, remaining = 0, baseline_active = 0,"
                        + " snapshot_loading = TRUE, updated_at = ? WHERE id = 1", Timestamp.from(ctx.now()));
            } else {
                exec(c, "INSERT INTO feed_state(id, cursor, complete, applied, remaining, baseline_active, snapshot_loading, updated_at)"
                        + " VALUES (1, '0', FALSE, 0, 0, 0, TRUE, ?)", Timestamp.from(ctx.now()));
            }
            CatalogRepository.catalogReplacedIn(c);
            return null;
        }));
        try {
            return loadSnapshotRows(cursor, changes, t0);
        } finally {
            // every product and code is new (or, after a failure, part of a catalog that will be emptied):
            // the till's in-memory views start again (decision 0006)
            catalog.catalogReplaced();
        }
    }

    private long loadSnapshotRows(String cursor, Iterator<FeedEntry> changes, long t0) {
        List<FeedEntry> others = new ArrayList<>();
        long[] count = new long[2]; // changes read, active products written
        long[] phases = new long[1];
        Instant now = store.config().clock().instant();
        store.jdbc(c -> CatalogRepository.inBulkTransaction(c, conn -> {
            try {
                bulkLoad(conn, changes, others, count, now, phases);
            } catch (IOException e) {
                throw new StoreException("HQ sent an unreadable feed change: " + e.getMessage(), e);
            }
            return null;
        }));
        long t1 = System.nanoTime();
        FeedState state = store.write(ctx -> ctx.session().doReturningWork(c -> {
            try {
                apply(ctx, c, "0", others, cursor, true, 0);
            } catch (IOException e) {
                throw new StoreException("HQ sent an unreadable feed change: " + e.getMessage(), e);
            }
            // the active products were counted as they were written (the other kinds do not touch product rows):
            // a COUNT over the freshly written table cost ~5 % of the load
            exec(c, "UPDATE feed_state SET snapshot_loading = FALSE, applied = ?, baseline_active = ? WHERE id = 1",
                    count[0], count[1]);
            // files saved while the rows streamed in (under the first bump) hold part of the catalog
            CatalogRepository.catalogReplacedIn(c);
            return new FeedState(cursor, false, count[0], 0);
        }));
        log.info("feed snapshot at {}: {} changes loaded in {} ms (streamed with the prices {} ms, products {} ms, last"
                        + " transaction {} ms)", state.cursor(), count[0], (System.nanoTime() - t0) / 1_000_000,
                (phases[0] - t0) / 1_000_000, (t1 - phases[0]) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
        return count[0];
    }

    /**
     * Rows per commit while loading a snapshot (a bounded undo log; the load is not atomic, the flag is). 4,000, not
     * 20,000 (decision 0263): a chunk's uncommitted values and undo log stay young in a till's heap and its commit
     * finds their pages still in H2's cache — 20 % less CPU for a 200k bootstrap with the installers' JVM options.
     */
    static final int SNAPSHOT_COMMIT = 4_000;
    private int snapshotCommit = SNAPSHOT_COMMIT;

    /** Tests: commit a snapshot load every {@code rows} rows (so that a cut-off load leaves rows behind). */
    public FeedStore snapshotCommitEvery(int rows) {
        this.snapshotCommit = Math.max(1, rows);
        return this;
    }

    /** A product of the snapshot, parsed (a chunk at a time: the parsed trees of 200k products did not fit a till's heap). */
    private record SnapshotProduct(String sku, String json, JsonNode data, PriceNow price) {
    }

    private void bulkLoad(Connection c, Iterator<FeedEntry> changes, List<FeedEntry> others, long[] count, Instant now,
                          long[] phases) throws SQLException, IOException {
        // a snapshot load that was cut off left part of a catalog: start from empty tables
        for (String table : new String[] {"barcode", "product", "feed_price", "feed_pending", "feed_next_price", "product_cost"}) {
            exec(c, "DELETE FROM " + table);
        }
        c.commit();
        // feed_price, feed_pending and product_cost go through a second connection on a second thread while
        // this one parses the stream and writes product + barcode (decision 0260): H2's per-row work was
        // nearly all of a load on one core while the other sat mostly idle
        try (SideWriter side = new SideWriter(snapshotCommit)) {
            bulkLoad(c, side, changes, others, count, now, phases);
            side.finish();
        }
    }

    private void bulkLoad(Connection c, SideWriter side, Iterator<FeedEntry> changes, List<FeedEntry> others, long[] count,
                          Instant now, long[] phases) throws SQLException, IOException {
        Map<String, FeedEntry> taxes = new LinkedHashMap<>();
        // per SKU, in the order first seen: HQ's product text (not its parsed tree: about five times the heap,
        // 200k of them ran a till with -Xmx256m out of memory) and its price so far, in one object (decision 0263:
        // what a till's old generation held during a load was these maps, ~145 of ~170 MB live)
        Map<String, SnapshotSku> skus = new LinkedHashMap<>();
        CodeClaims codes = new CodeClaims(); // the later product in feed order keeps a code (as MERGE does)
        // many prices share an effective instant (a price list starts at one time): parse each text once
        Map<String, Instant> instants = new HashMap<>();
        // plain INSERT: the snapshot holds one change per key (sku@instant), the tables were emptied above
        int priceBatch = Math.min(PRICE_BATCH, snapshotCommit);
        List<PriceRow> priceRows = new ArrayList<>(priceBatch);
        PriceLine price = new PriceLine();
        while (changes.hasNext()) {
            FeedEntry e = changes.next();
            count[0]++;
            switch (e.kind()) {
                case "TAX" -> taxes.put(JSON.readTree(e.dataJson()).path("code").asText(), e);
                case "PRODUCT" -> {
                    String sku = productLine(e.dataJson(), codes);
                    skus.computeIfAbsent(sku, k -> new SnapshotSku()).json = e.dataJson();
                }
                case "PRICE" -> {
                    price.parse(e.dataJson());
                    String from = price.effectiveFrom;
                    Instant at = instants.size() < 10_000 ? instants.computeIfAbsent(from, Instant::parse) : Instant.parse(from);
                    priceRows.add(new PriceRow(price.sku, Timestamp.from(at), price.amount, price.version));
                    skus.computeIfAbsent(price.sku, k -> new SnapshotSku()).see(at, price.amount, price.version, now);
                    if (priceRows.size() == priceBatch) {
                        side.submit(insertPrices(priceRows));
                        priceRows = new ArrayList<>(priceBatch);
                    }
                }
                default -> others.add(e);
            }
        }
        side.submit(insertPrices(priceRows));
        instants = null;
        phases[0] = System.nanoTime();
        try (PreparedStatement tax = c.prepareStatement("MERGE INTO tax_rate(code, percent, name) KEY(code) VALUES (?, ?, ?)")) {
            for (FeedEntry e : taxes.values()) {
                JsonNode d = JSON.readTree(e.dataJson());
                tax.setString(1, d.path("code").asText());
                tax.setBigDecimal(2, new BigDecimal(d.path("percent").asText()));
                tax.setString(3, d.path("name").asText());
                tax.addBatch();
            }
            tax.executeBatch();
        }
        c.commit();
        Map<String, BigDecimal> rates = new HashMap<>();
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT code, percent FROM tax_rate")) {
            while (rs.next()) {
                rates.put(rs.getString(1), rs.getBigDecimal(2));
            }
        }
        // from here on rates and codes are only read (by both threads; the side's tasks are handed over through a
        // queue); each SKU's entry is let go once its chunk is handed over, so the heap shrinks as the load goes on
        int chunk = Math.min(1000, snapshotCommit);
        int uncommitted = 0;
        List<SnapshotProduct> part = new ArrayList<>(chunk);
        // barcodes go to the side once their products are committed (the foreign key is checked against committed
        // rows there): this thread writes product rows, the side barcode and feed_price rows (decision 0264)
        List<String[]> barcodeRows = new ArrayList<>();
        try (CatalogRepository.BulkInsert till = new CatalogRepository.BulkInsert(c)) {
            Iterator<Map.Entry<String, SnapshotSku>> it = skus.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, SnapshotSku> next = it.next();
                it.remove();
                SnapshotSku s = next.getValue();
                if (s.json != null) { // prices of a product that is not in the snapshot are kept in feed_price only
                    part.add(new SnapshotProduct(next.getKey(), s.json, JSON.readTree(s.json), s));
                }
                if (part.size() < chunk && it.hasNext()) {
                    continue;
                }
                side.submit(insertCostsAndPending(part, rates));
                for (SnapshotProduct sp : part) {
                    BigDecimal percent = rates.get(sp.data().path("taxCode").asText());
                    if (percent == null) {
                        continue; // waits for its tax rate in feed_pending (the side's), as in apply
                    }
                    CatalogItem item = derive(sp.sku(), sp.data(), percent, sp.price());
                    List<String> own = new ArrayList<>(item.barcodes().size());
                    for (String code : item.barcodes()) {
                        if (codes.owns(code, sp.sku()) && !own.contains(code)) {
                            own.add(code);
                        }
                    }
                    PriceNow p = sp.price();
                    till.add(item.product(), List.of(), sp.json(), p.price == null ? null : p.version);
                    for (String code : own) {
                        barcodeRows.add(new String[] {code, sp.sku()});
                    }
                    if (item.product().active()) {
                        count[1]++;
                    }
                }
                till.flush();
                uncommitted += part.size();
                if (uncommitted >= snapshotCommit / 2 || !it.hasNext()) {
                    c.commit();
                    uncommitted = 0;
                    side.submit(insertBarcodes(barcodeRows));
                    barcodeRows = new ArrayList<>();
                }
                part = new ArrayList<>(chunk);
            }
        }
        c.commit();
        side.submit(insertBarcodes(barcodeRows));
    }

    /** Barcodes of products already committed (code, sku). */
    private static SideWriter.Task insertBarcodes(List<String[]> rows) {
        return c -> {
            if (rows.isEmpty()) {
                return 0;
            }
            try (PreparedStatement code = c.prepareStatement("INSERT INTO barcode(code, sku) VALUES (?, ?)")) {
                for (int i = 0; i < rows.size(); i++) {
                    code.setString(1, rows.get(i)[0]);
                    code.setString(2, rows.get(i)[1]);
                    code.addBatch();
                    if (i % 1000 == 999) {
                        code.executeBatch();
                    }
                }
                code.executeBatch();
            }
            return rows.size();
        };
    }

    /** One SKU of a snapshot while it streams in: HQ's product text (null until its line came) and its prices so far. */
    private static final class SnapshotSku extends PriceNow {
        String json;
    }

    /**
     * Which product keeps each barcode of a snapshot: the later one in feed order (as MERGE does in the
     * pages). Codes are nearly all claimed once, so instead of a map of every code (~30 MB at 200k SKUs,
     * decision 0263) it keeps a 64-bit hash per code, and a map only of the codes seen again (or whose
     * hash was, which is harmless: such a code maps to its one claimant) to their latest claimant.
     */
    static final class CodeClaims {
        private long[] table = new long[1 << 12];
        private int size;
        private final Map<String, String> again = new HashMap<>();

        void claim(String code, String sku) {
            if (!add(hash(code))) {
                again.put(code, sku);
            }
        }

        /** True if {@code sku} is the latest product that claimed {@code code}. */
        boolean owns(String code, String sku) {
            String latest = again.get(code);
            return latest == null || latest.equals(sku);
        }

        private boolean add(long h) {
            if ((size + 1) * 2 > table.length) {
                long[] old = table;
                table = new long[old.length * 2];
                size = 0;
                for (long k : old) {
                    if (k != 0) {
                        add(k);
                    }
                }
            }
            int mask = table.length - 1;
            for (int i = (int) (h ^ (h >>> 32)) & mask; ; i = (i + 1) & mask) {
                if (table[i] == 0) {
                    table[i] = h;
                    size++;
                    return true;
                }
                if (table[i] == h) {
                    return false;
                }
            }
        }

        private static long hash(String s) {
            long h = 1125899906842597L;
            for (int i = 0; i < s.length(); i++) {
                h = 31 * h + s.charAt(i);
            }
            h ^= h >>> 33; // MurmurHash3's finaliser: spreads the bits over the table
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            h *= 0xc4ceb9fe1a85ec53L;
            h ^= h >>> 33;
            return h == 0 ? 1 : h;
        }
    }

    /**
     * Reads a snapshot's PRODUCT line with Jackson's streaming parser (no tree): its {@code sku}, and
     * claims its barcodes for it. The whole product is parsed again when its rows are written.
     */
    private static String productLine(String json, CodeClaims codes) throws IOException {
        String sku = null;
        List<String> barcodes = new ArrayList<>(2);
        try (JsonParser p = JSON.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a product change that is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.getCurrentName();
                JsonToken t = p.nextToken();
                if ("sku".equals(field) && t.isScalarValue()) {
                    sku = p.getText();
                } else if ("barcodes".equals(field) && t == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (p.currentToken().isScalarValue()) {
                            barcodes.add(p.getText());
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        if (sku == null) {
            throw new IOException("a product change without a sku");
        }
        for (String code : barcodes) {
            codes.claim(code, sku);
        }
        return sku;
    }

    /** A snapshot's PRICE line read with Jackson's streaming parser (no tree); reused line after line. */
    private static final class PriceLine {
        String sku;
        String effectiveFrom;
        BigDecimal amount;
        long version;

        void parse(String json) throws IOException {
            sku = null;
            effectiveFrom = null;
            amount = null;
            version = 0;
            try (JsonParser p = JSON.getFactory().createParser(json)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("a price change that is not a JSON object");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.getCurrentName();
                    JsonToken t = p.nextToken();
                    if (!t.isScalarValue()) {
                        p.skipChildren();
                        continue;
                    }
                    switch (field) {
                        case "sku" -> sku = p.getText();
                        case "effectiveFrom" -> effectiveFrom = p.getText();
                        // as the tree did (asText): a string as it is, a JSON number as its double
                        case "price" -> amount = new BigDecimal(t == JsonToken.VALUE_NUMBER_FLOAT
                                ? String.valueOf(p.getDoubleValue()) : p.getText());
                        case "version" -> version = p.getValueAsLong();
                        default -> { }
                    }
                }
            }
            if (sku == null || effectiveFrom == null || amount == null) {
                throw new IOException("a price change without sku, effectiveFrom or price: " + json);
            }
        }
    }

    /** Rows per JDBC batch of {@code feed_price} in a snapshot load. */
    private static final int PRICE_BATCH = 1000;

    /** A price version of the snapshot, parsed. */
    private record PriceRow(String sku, Timestamp from, BigDecimal price, long version) {
    }

    private static SideWriter.Task insertPrices(List<PriceRow> rows) {
        return c -> {
            if (rows.isEmpty()) {
                return 0;
            }
            try (PreparedStatement price = c.prepareStatement(
                    "INSERT INTO feed_price(sku, effective_from, price, version) VALUES (?, ?, ?, ?)")) {
                for (PriceRow r : rows) {
                    price.setString(1, r.sku());
                    price.setTimestamp(2, r.from());
                    price.setBigDecimal(3, r.price());
                    price.setLong(4, r.version());
                    price.addBatch();
                }
                price.executeBatch();
            }
            return rows.size();
        };
    }

    /**
     * The cost price of each product ({@code product_cost}, StockFeedApplier's part) and HQ's text of each product that waits
     * for its tax rate ({@code feed_pending}); the till rows carry the rest of HQ's state (decision 0264).
     */
    private static SideWriter.Task insertCostsAndPending(List<SnapshotProduct> part, Map<String, BigDecimal> rates) {
        return c -> {
            try (PreparedStatement pending = c.prepareStatement("INSERT INTO feed_pending(sku, data) VALUES (?, ?)");
                    PreparedStatement nextPrice = c.prepareStatement("INSERT INTO feed_next_price(sku, at) VALUES (?, ?)");
                    PreparedStatement cost = c.prepareStatement("INSERT INTO product_cost(sku, cost) VALUES (?, ?)")) {
                for (SnapshotProduct sp : part) {
                    if (!rates.containsKey(sp.data().path("taxCode").asText())) {
                        pending.setString(1, sp.sku());
                        pending.setString(2, sp.json());
                        pending.addBatch();
                    } else if (sp.price().next != null) {
                        nextPrice.setString(1, sp.sku());
                        nextPrice.setTimestamp(2, Timestamp.from(sp.price().next));
                        nextPrice.addBatch();
                    }
                    JsonNode costPrice = sp.data().path("cost");
                    if (!costPrice.isNull() && !costPrice.isMissingNode()) {
                        cost.setString(1, sp.sku());
                        cost.setBigDecimal(2, new BigDecimal(costPrice.asText()));
                        cost.addBatch();
                    }
                }
                pending.executeBatch();
                nextPrice.executeBatch();
                cost.executeBatch();
            }
            return part.size();
        };
    }

    /**
     * Writes part of a snapshot load on its own connection and thread: tasks run in the order
     * submitted, a commit every {@code commitEvery} rows and after the last. A failure on either side
     * stops both ({@link #finish} rethrows the side's; {@link #close} stops the side after the
     * loading thread's); what was committed stays behind under {@code snapshot_loading} (decision 0259).
     */
    private final class SideWriter implements AutoCloseable {
        /** One piece of work on the side's connection; returns the rows it wrote. */
        @FunctionalInterface
        interface Task {
            int run(Connection c) throws SQLException;
        }

        private static final Task END = c -> 0;
        private final java.util.concurrent.BlockingQueue<Task> queue = new java.util.concurrent.ArrayBlockingQueue<>(8);
        private final java.util.concurrent.FutureTask<Void> done;
        private final Thread thread;

        SideWriter(int commitEvery) {
            this.done = new java.util.concurrent.FutureTask<>(() -> store.jdbc(c -> {
                boolean auto = c.getAutoCommit();
                c.setAutoCommit(false);
                try {
                    int uncommitted = 0;
                    for (Task t = take(); t != END; t = take()) {
                        uncommitted += t.run(c);
                        if (uncommitted >= commitEvery) {
                            c.commit();
                            uncommitted = 0;
                        }
                    }
                    c.commit();
                    return null;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(auto);
                }
            }));
            this.thread = new Thread(done, "branchpos-snapshot-side");
            thread.setDaemon(true);
            thread.start();
        }

        private Task take() {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("feed snapshot load stopped", e);
            }
        }

        /** Queues {@code task} (waits while the side is 8 tasks behind); rethrows the side's failure. */
        void submit(Task task) throws SQLException {
            try {
                while (!queue.offer(task, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    if (done.isDone()) {
                        rethrow();
                        throw new IllegalStateException("the snapshot's side writer ended early");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("feed snapshot load interrupted", e);
            }
        }

        /** Waits until every task is written and committed; rethrows the side's failure. */
        void finish() throws SQLException {
            submit(END);
            rethrow();
        }

        private void rethrow() throws SQLException {
            try {
                done.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("feed snapshot load interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof SQLException se) {
                    throw se;
                }
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new StoreException("feed snapshot side writer failed: " + cause, cause);
            }
        }

        /**
         * Ends the side if it still runs (the loading thread failed): it writes what was queued,
         * commits and stops — harmless, the load is not done and will be redone from empty tables.
         * Never by {@link Thread#interrupt()}: an interrupt during H2's file I/O closes its file
         * channel, and with it the database.
         */
        @Override
        public void close() {
            try {
                while (!done.isDone() && !queue.offer(END, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    // the side is busy with the queue; it takes END after it
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The till's product row of one feed product: HQ's state plus the price in effect (none: kept, not sellable). */
    private static CatalogItem derive(String sku, JsonNode d, BigDecimal percent, PriceNow p) {
        Currency currency = Currency.getInstance(d.path("currency").asText());
        List<String> barcodes = new ArrayList<>();
        d.path("barcodes").forEach(b -> barcodes.add(b.asText()));
        Product product = new Product(new Sku(sku), d.path("name").asText(), d.path("category").asText(),
                new TaxRate(d.path("taxCode").asText(), percent.stripTrailingZeros()), UnitOfMeasure.valueOf(d.path("unit").asText()),
                Money.of(p.price == null ? BigDecimal.ZERO : p.price, currency),
                d.path("active").asBoolean() && p.price != null, d.path("serialized").asBoolean());
        return new CatalogItem(product, barcodes);
    }

    /**
     * Refuses a page after which fewer than half of the products active when the terminal was last
     * caught up would remain active, unless HQ marked those deactivations intended. Returns the
     * new baseline (intended deactivations lower it).
     */
    private long guard(Connection c, List<FeedEntry> entries, List<JsonNode> data, long baseline) throws SQLException {
        long unintended = 0;
        long intended = 0;
        for (int i = 0; i < entries.size(); i++) {
            FeedEntry e = entries.get(i);
            if (!"PRODUCT".equals(e.kind())) {
                continue;
            }
            JsonNode d = data.get(i);
            if (d.path("active").asBoolean(true) || !isActive(c, d.path("sku").asText())) {
                continue;
            }
            if (e.intended()) {
                intended++;
            } else {
                unintended++;
            }
        }
        long newBaseline = Math.max(0, baseline - intended);
        if (unintended > 0 && newBaseline >= GUARD_MIN_CATALOG) {
            long activeAfter = activeProducts(c) - intended - unintended;
            if (activeAfter * 2 < newBaseline) {
                throw new MassDeactivationRefusedException("HQ's feed would deactivate " + (newBaseline - activeAfter) + " of "
                        + newBaseline + " products without marking it intended; the catalog was left as it is. Ask HQ to confirm the removal.");
            }
        }
        return newBaseline;
    }

    /** Switches every product whose scheduled price has fallen due at {@code now}; returns how many. */
    public int applyDuePrices() {
        return store.write(ctx -> ctx.session().doReturningWork(c -> {
            Instant now = ctx.now();
            List<String> due = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT sku FROM feed_next_price WHERE at <= ?")) {
                ps.setTimestamp(1, Timestamp.from(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        due.add(rs.getString(1));
                    }
                }
            }
            try {
                materialise(ctx, c, due, now, Map.of());
            } catch (IOException e) {
                throw new StoreException("a stored feed product is unreadable: " + e.getMessage(), e);
            }
            return due.size();
        }));
    }

    /** The HQ price version behind the product's current till price, if it came from the feed. */
    public Optional<Long> priceVersion(String sku) {
        return store.jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT price_version FROM product WHERE sku = ?")) {
                ps.setString(1, sku);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        long v = rs.getLong(1);
                        return rs.wasNull() ? Optional.empty() : Optional.of(v);
                    }
                    return Optional.empty();
                }
            }
        });
    }

    /**
     * Derives the till's product rows of {@code skus} from HQ's state and the price in effect at
     * {@code now}: a few set-wise reads and JDBC batches per chunk instead of statements per SKU.
     */
    private void materialise(WriteContext ctx, Connection c, List<String> skus, Instant now, Map<String, String> pageProducts)
            throws SQLException, IOException {
        if (skus.isEmpty()) {
            return;
        }
        Map<String, BigDecimal> taxes = new HashMap<>();
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT code, percent FROM tax_rate")) {
            while (rs.next()) {
                taxes.put(rs.getString(1), rs.getBigDecimal(2));
            }
        }
        for (int from = 0; from < skus.size(); from += CHUNK) {
            materialiseChunk(ctx, c, skus.subList(from, Math.min(skus.size(), from + CHUNK)), taxes, now, pageProducts);
        }
    }

    /**
     * {@code pageProducts}: HQ's new state of products that came in this page (sku → JSON); they
     * written here with what is derived from them (the till row's {@code feed_data}, or {@code feed_pending}
     * while a product waits for its tax rate). The others are read from there.
     */
    private void materialiseChunk(WriteContext ctx, Connection c, List<String> skus, Map<String, BigDecimal> taxes, Instant now,
                                  Map<String, String> pageProducts) throws SQLException, IOException {
        String in = inList(skus.size());
        Map<String, String> stored = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String sku : skus) {
            String data = pageProducts.get(sku);
            if (data != null) {
                stored.put(sku, data);
            } else {
                unknown.add(sku);
            }
        }
        // HQ's newest text of a product waiting for its tax rate is in feed_pending, else it is the till row's feed_data
        Set<String> waiting = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT sku, data FROM feed_pending WHERE sku IN " + in)) {
            bindAll(ps, skus);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    waiting.add(rs.getString(1));
                    if (!pageProducts.containsKey(rs.getString(1))) {
                        stored.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        unknown.removeIf(stored::containsKey);
        if (!unknown.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT sku, feed_data FROM product WHERE feed_data IS NOT NULL AND sku IN "
                    + inList(unknown.size()))) {
                bindAll(ps, unknown);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stored.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        // per SKU: the version in effect now (latest effective_from <= now) and when the next one starts
        Map<String, PriceNow> prices = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT sku, effective_from, price, version FROM feed_price WHERE sku IN " + in)) {
            bindAll(ps, skus);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    prices.computeIfAbsent(rs.getString(1), k -> new PriceNow())
                            .see(rs.getTimestamp(2).toInstant(), rs.getBigDecimal(3), rs.getLong(4), now);
                }
            }
        }
        List<CatalogItem> items = new ArrayList<>(skus.size());
        try (PreparedStatement pending = c.prepareStatement("MERGE INTO feed_pending(sku, data) KEY(sku) VALUES (?, ?)");
                PreparedStatement resolved = c.prepareStatement("DELETE FROM feed_pending WHERE sku = ?");
                PreparedStatement derived = c.prepareStatement("UPDATE product SET feed_data = ?, price_version = ? WHERE sku = ?");
                PreparedStatement nextPrice = c.prepareStatement("MERGE INTO feed_next_price(sku, at) KEY(sku) VALUES (?, ?)");
                PreparedStatement noNextPrice = c.prepareStatement("DELETE FROM feed_next_price WHERE sku = ?")) {
            for (String sku : skus) {
                String data = stored.get(sku);
                if (data == null) {
                    continue; // a price for a product whose PRODUCT change comes later in the feed
                }
                JsonNode d = JSON.readTree(data);
                String taxCode = d.path("taxCode").asText();
                BigDecimal percent = taxes.get(taxCode);
                if (percent == null) {
                    // waits for its tax rate: a till row it has keeps its last state (and price version)
                    if (pageProducts.containsKey(sku) || !waiting.contains(sku)) {
                        pending.setString(1, sku);
                        pending.setString(2, data);
                        pending.addBatch();
                    }
                    continue;
                }
                PriceNow p = prices.getOrDefault(sku, new PriceNow());
                // a product HQ has not priced yet is kept but cannot be sold
                items.add(derive(sku, d, percent, p));
                derived.setString(1, data);
                derived.setObject(2, p.price == null ? null : p.version, java.sql.Types.BIGINT);
                derived.setString(3, sku);
                derived.addBatch();
                if (p.next == null) {
                    noNextPrice.setString(1, sku);
                    noNextPrice.addBatch();
                } else {
                    nextPrice.setString(1, sku);
                    nextPrice.setTimestamp(2, Timestamp.from(p.next));
                    nextPrice.addBatch();
                }
                if (waiting.contains(sku)) {
                    resolved.setString(1, sku);
                    resolved.addBatch();
                }
            }
            pending.executeBatch();
            catalog.upsertAll(ctx, c, items);
            derived.executeBatch();
            noNextPrice.executeBatch();
            nextPrice.executeBatch();
            resolved.executeBatch();
        }
    }

    /** The price of one SKU in effect now, and when the next scheduled one starts. */
    private static class PriceNow {
        Instant effectiveFrom;
        BigDecimal price;
        long version;
        Instant next;

        /** Takes one stored price version into account (any order). */
        void see(Instant at, BigDecimal amount, long v, Instant now) {
            if (!at.isAfter(now)) {
                if (effectiveFrom == null || at.isAfter(effectiveFrom)) {
                    effectiveFrom = at;
                    price = amount;
                    version = v;
                }
            } else if (next == null || at.isBefore(next)) {
                next = at;
            }
        }
    }

    private static String inList(int n) {
        StringBuilder sb = new StringBuilder(n * 3 + 2).append('(');
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "?" : ", ?");
        }
        return sb.append(')').toString();
    }

    private static void bindAll(PreparedStatement ps, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setString(i + 1, values.get(i));
        }
    }

    private static boolean isActive(Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT active FROM product WHERE sku = ?")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static long activeProducts(Connection c) throws SQLException {
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM product WHERE active")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
