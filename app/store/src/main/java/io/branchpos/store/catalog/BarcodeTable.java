package io.branchpos.store.catalog;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.catalog.Sku;
import io.branchpos.domain.catalog.UnitOfMeasure;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.tax.TaxRate;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Barcode → product for the whole catalog in a few flat arrays instead of a {@code HashMap} of
 * objects (decision 0010): products as columns (SKU and name packed as UTF-8 bytes, price as
 * minor units, small dictionaries for category, tax rate, currency and unit), codes packed the
 * same way behind an open-addressing hash table of ordinals. About 16 MB for 200,000 products
 * and 260,000 codes, against ~70 MB as objects; a look-up builds the {@link Product} it returns.
 *
 * <p>Immutable except for {@link #remove} (a code forgotten) and {@link #replaceRates} (tax rates
 * changed); the caller ({@link BarcodeCache}) synchronises. Saved to and read from a byte image
 * ({@link #write}, {@link #read}) so a start needs no table scan.
 */
final class BarcodeTable {
    private static final int NO_SLOT = -1;
    private static final UnitOfMeasure[] UNITS = UnitOfMeasure.values();

    // products, by ordinal
    private final byte[] text; // sku then name of each product, UTF-8
    private final int[] textStart; // n + 1 entries: product i is text[textStart[i] .. textStart[i+1])
    private final int[] skuLength; // bytes of the sku at the start of product i's text
    private final long[] priceMinor;
    private final short[] category;
    private final byte[] rate;
    private final byte[] currency;
    private final byte[] unit;
    private final byte[] flags; // 1 active, 2 serialized
    private final String[] categories;
    private TaxRate[] rates; // null entry: the rate is gone, its products are not held
    private final String[] currencies;
    // codes, by code ordinal
    private final byte[] codes;
    private final int[] codeStart; // m + 1 entries
    private final int[] productOf;
    private final int[] slots; // power of two; code ordinal or NO_SLOT
    private final BitSet removed;

    private BarcodeTable(byte[] text, int[] textStart, int[] skuLength, long[] priceMinor, short[] category, byte[] rate,
            byte[] currency, byte[] unit, byte[] flags, String[] categories, TaxRate[] rates, String[] currencies,
            byte[] codes, int[] codeStart, int[] productOf, BitSet removed) {
        this.text = text;
        this.textStart = textStart;
        this.skuLength = skuLength;
        this.priceMinor = priceMinor;
        this.category = category;
        this.rate = rate;
        this.currency = currency;
        this.unit = unit;
        this.flags = flags;
        this.categories = categories;
        this.rates = rates;
        this.currencies = currencies;
        this.codes = codes;
        this.codeStart = codeStart;
        this.productOf = productOf;
        this.removed = removed;
        int m = productOf.length;
        int size = Integer.highestOneBit(Math.max(4, m * 2 - 1)) << 1; // load factor <= 0.5
        this.slots = new int[size];
        Arrays.fill(slots, NO_SLOT);
        for (int k = 0; k < m; k++) {
            int s = hash(codes, codeStart[k], codeStart[k + 1]) & (size - 1);
            while (slots[s] != NO_SLOT) {
                s = (s + 1) & (size - 1);
            }
            slots[s] = k;
        }
    }

    /** Number of codes held (removed ones included). */
    int codeCount() {
        return productOf.length;
    }

    /** The product {@code code} names, or null if the table does not hold it. */
    Product get(String code) {
        int k = ordinalOf(code);
        if (k < 0 || removed.get(k)) {
            return null;
        }
        return product(productOf[k]);
    }

    /** Forgets {@code code} (it may name another product, or none, from now on). */
    void remove(String code) {
        int k = ordinalOf(code);
        if (k >= 0) {
            removed.set(k);
        }
    }

    /** Tax rates as stored now, by code; a product whose rate is not among them is no longer held. */
    void replaceRates(Map<String, TaxRate> now) {
        TaxRate[] next = new TaxRate[rates.length];
        for (int i = 0; i < rates.length; i++) {
            next[i] = rates[i] == null ? null : now.get(rates[i].code());
        }
        rates = next;
    }

    private Product product(int i) {
        TaxRate r = rates[rate[i]];
        if (r == null) {
            return null;
        }
        int from = textStart[i];
        int skuEnd = from + skuLength[i];
        String sku = new String(text, from, skuLength[i], StandardCharsets.UTF_8);
        String name = new String(text, skuEnd, textStart[i + 1] - skuEnd, StandardCharsets.UTF_8);
        Currency cur = Currency.getInstance(currencies[currency[i]]);
        BigDecimal price = BigDecimal.valueOf(priceMinor[i], Math.max(cur.getDefaultFractionDigits(), 0));
        return new Product(new Sku(sku), name, categories[category[i]], r, UNITS[unit[i]], Money.of(price, cur),
                (flags[i] & 1) != 0, (flags[i] & 2) != 0);
    }

    private int ordinalOf(String code) {
        byte[] key = code.getBytes(StandardCharsets.UTF_8);
        int mask = slots.length - 1;
        int s = hash(key, 0, key.length) & mask;
        while (true) {
            int k = slots[s];
            if (k == NO_SLOT) {
                return -1;
            }
            if (Arrays.equals(codes, codeStart[k], codeStart[k + 1], key, 0, key.length)) {
                return k;
            }
            s = (s + 1) & mask;
        }
    }

    private static int hash(byte[] b, int from, int to) {
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        return h ^ (h >>> 16) ^ (h >>> 7);
    }

    /** Collects products and codes (any order) into a table. */
    static final class Builder {
        private final java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream(1 << 20);
        private final IntArray textStart = new IntArray();
        private final IntArray skuLength = new IntArray();
        private final LongArray price = new LongArray();
        private final IntArray category = new IntArray();
        private final IntArray rate = new IntArray();
        private final IntArray currency = new IntArray();
        private final IntArray unit = new IntArray();
        private final IntArray flags = new IntArray();
        private final Map<String, Integer> skuOrdinal = new HashMap<>();
        private final Dictionary<String> categories = new Dictionary<>();
        private final Dictionary<TaxRate> rates = new Dictionary<>();
        private final Dictionary<String> currencies = new Dictionary<>();
        private final java.io.ByteArrayOutputStream codes = new java.io.ByteArrayOutputStream(1 << 20);
        private final IntArray codeStart = new IntArray();
        private final IntArray productOf = new IntArray();

        Builder() {
            textStart.add(0);
            codeStart.add(0);
        }

        void product(Product p) {
            Currency cur = p.price().currency();
            BigDecimal amount = p.price().amount().setScale(Math.max(cur.getDefaultFractionDigits(), 0),
                    java.math.RoundingMode.UNNECESSARY);
            skuOrdinal.put(p.sku().value(), skuLength.size);
            byte[] sku = p.sku().value().getBytes(StandardCharsets.UTF_8);
            text.writeBytes(sku);
            text.writeBytes(p.name().getBytes(StandardCharsets.UTF_8));
            textStart.add(text.size());
            skuLength.add(sku.length);
            price.add(amount.unscaledValue().longValueExact());
            category.add(categories.of(p.category()));
            rate.add(rates.of(p.taxRate()));
            currency.add(currencies.of(cur.getCurrencyCode()));
            unit.add(p.unit().ordinal());
            flags.add((p.active() ? 1 : 0) | (p.serialized() ? 2 : 0));
            if (categories.size() > Short.MAX_VALUE || rates.size() > Byte.MAX_VALUE || currencies.size() > Byte.MAX_VALUE) {
                throw new IllegalStateException("too many distinct categories, tax rates or currencies for the table");
            }
        }

        /** {@code code} names the product of {@code sku} (added before); unknown SKUs are skipped. */
        void code(String code, String sku) {
            Integer p = skuOrdinal.get(sku);
            if (p != null) {
                codes.writeBytes(code.getBytes(StandardCharsets.UTF_8));
                codeStart.add(codes.size());
                productOf.add(p);
            }
        }

        BarcodeTable build() {
            int n = skuLength.size;
            short[] cat = new short[n];
            byte[] rt = new byte[n];
            byte[] cu = new byte[n];
            byte[] un = new byte[n];
            byte[] fl = new byte[n];
            for (int i = 0; i < n; i++) {
                cat[i] = (short) category.values[i];
                rt[i] = (byte) rate.values[i];
                cu[i] = (byte) currency.values[i];
                un[i] = (byte) unit.values[i];
                fl[i] = (byte) flags.values[i];
            }
            return new BarcodeTable(text.toByteArray(), textStart.toArray(), skuLength.toArray(), price.toArray(), cat,
                    rt, cu, un, fl, categories.values.toArray(new String[0]), rates.values.toArray(new TaxRate[0]),
                    currencies.values.toArray(new String[0]), codes.toByteArray(), codeStart.toArray(),
                    productOf.toArray(), new BitSet());
        }
    }

    // ---- byte image (CatalogSnapshotFiles adds the header and checksum) ----

    /** The table as bytes; codes removed since it was built are left out. */
    byte[] write() {
        return image().toBytes();
    }

    /** The table as an {@link Image} (saved without one contiguous copy). */
    Image image() {
        List<String> strings = new ArrayList<>();
        strings.addAll(Arrays.asList(categories));
        strings.addAll(Arrays.asList(currencies));
        // the kept codes only
        java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream(codes.length);
        IntArray keptStart = new IntArray();
        IntArray keptProduct = new IntArray();
        keptStart.add(0);
        for (int k = 0; k < productOf.length; k++) {
            if (!removed.get(k)) {
                kept.write(codes, codeStart[k], codeStart[k + 1] - codeStart[k]);
                keptStart.add(kept.size());
                keptProduct.add(productOf[k]);
            }
        }
        byte[] keptCodes = kept.toByteArray();
        int n = skuLength.length;
        Image out = new Image();
        out.strings(categories);
        out.strings(currencies);
        out.putInt(rates.length);
        for (TaxRate r : rates) {
            out.string(r == null ? "" : r.code());
            out.string(r == null ? "0" : r.percent().unscaledValue().toString());
            out.putInt(r == null ? 0 : r.percent().scale());
        }
        out.putInt(n);
        out.bytes(text);
        out.ints(textStart);
        out.ints(skuLength);
        out.longs(priceMinor);
        short[] cat = category;
        out.putInt(cat.length);
        for (short c : cat) {
            out.putShort(c);
        }
        out.bytes(rate);
        out.bytes(currency);
        out.bytes(unit);
        out.bytes(flags);
        out.bytes(keptCodes);
        out.ints(keptStart.toArray());
        out.ints(keptProduct.toArray());
        return out;
    }

    /** Reads what {@link #write} wrote; throws {@link IllegalArgumentException} on anything malformed. */
    static BarcodeTable read(ByteBuffer in) {
        return read(ImageInput.of(in));
    }

    /** Reads what {@link #write} wrote; throws {@link IllegalArgumentException} on anything malformed. */
    static BarcodeTable read(ImageInput in) {
        try {
            String[] cats = in.readStrings();
            String[] curs = in.readStrings();
            for (String c : curs) {
                Currency.getInstance(c);
            }
            TaxRate[] rts = new TaxRate[in.count()];
            for (int i = 0; i < rts.length; i++) {
                String code = in.readString();
                java.math.BigInteger unscaled = new java.math.BigInteger(in.readString());
                int scale = in.getInt();
                rts[i] = code.isEmpty() ? null : new TaxRate(code, new BigDecimal(unscaled, scale));
            }
            int n = in.count();
            byte[] text = in.readBytes();
            int[] textStart = in.readInts();
            int[] skuLength = in.readInts();
            long[] price = in.readLongs();
            short[] cat = new short[in.count()];
            for (int i = 0; i < cat.length; i++) {
                cat[i] = in.getShort();
            }
            byte[] rt = in.readBytes();
            byte[] cu = in.readBytes();
            byte[] un = in.readBytes();
            byte[] fl = in.readBytes();
            byte[] codes = in.readBytes();
            int[] codeStart = in.readInts();
            int[] productOf = in.readInts();
            // everything an index points at must be inside its array: a bad file must not make a wrong product
            check(textStart.length == n + 1 && skuLength.length == n && price.length == n && cat.length == n
                    && rt.length == n && cu.length == n && un.length == n && fl.length == n
                    && codeStart.length == productOf.length + 1 && in.remaining() == 0);
            check(textStart[0] == 0 && textStart[n] == text.length && codeStart[0] == 0
                    && codeStart[productOf.length] == codes.length);
            for (int i = 0; i < n; i++) {
                check(textStart[i] <= textStart[i + 1] && skuLength[i] >= 0 && skuLength[i] <= textStart[i + 1] - textStart[i]
                        && cat[i] >= 0 && cat[i] < cats.length && rt[i] >= 0 && rt[i] < rts.length
                        && cu[i] >= 0 && cu[i] < curs.length && un[i] >= 0 && un[i] < UNITS.length);
            }
            for (int k = 0; k < productOf.length; k++) {
                check(codeStart[k] <= codeStart[k + 1] && productOf[k] >= 0 && productOf[k] < n);
            }
            return new BarcodeTable(text, textStart, skuLength, price, cat, rt, cu, un, fl, cats, rts, curs, codes,
                    codeStart, productOf, new BitSet());
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("malformed barcode table: " + e, e);
        }
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalArgumentException("inconsistent barcode table");
        }
    }

    private static final class Dictionary<T> {
        final List<T> values = new ArrayList<>();
        final Map<T, Integer> index = new HashMap<>();

        int of(T value) {
            return index.computeIfAbsent(value, v -> {
                values.add(v);
                return values.size() - 1;
            });
        }

        int size() {
            return values.size();
        }
    }

    static final class IntArray {
        int[] values = new int[1024];
        int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    static final class LongArray {
        long[] values = new long[1024];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
