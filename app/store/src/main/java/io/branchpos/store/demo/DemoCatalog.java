package io.branchpos.store.demo;

import io.branchpos.domain.catalog.Gtin;
import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.catalog.Sku;
import io.branchpos.domain.catalog.UnitOfMeasure;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.tax.TaxRate;
import io.branchpos.store.catalog.CatalogItem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Generates a realistic, reproducible catalog: branded product names in real categories, valid
 * EAN-13 barcodes (some products have two), shelf-like prices, two German VAT rates, weighed deli
 * and produce items, and serialized electronics. 1,000 items for the demo store, any number for
 * benchmarks; the same seed gives the same catalog.
 */
public final class DemoCatalog implements Iterable<CatalogItem> {
    public static final TaxRate STANDARD = TaxRate.of("STANDARD", "19");
    public static final TaxRate REDUCED = TaxRate.of("REDUCED", "7");
    public static final List<TaxRate> RATES = List.of(STANDARD, REDUCED);
    private static final Currency EUR = Currency.getInstance("EUR");

    private record Category(String name, TaxRate rate, UnitOfMeasure unit, int minCents, int maxCents,
            boolean serialized, String[] items, String[] sizes) {
    }

    private static final String[] BRANDS = {"Alpenhof", "Müller", "Bergbauer", "Nordstern", "Sonnenhof", "Frischkorn",
        "Gut & Gerne", "Bio Natura", "Café Crème", "Leckerland", "Hausmarke", "Zauberwald", "Meeresbrise",
        "Grünfeld", "Élan", "Kräutergarten", "Sunny Farm", "Fjord", "Bäckerstolz", "Stadtgold"};

    private static final String[] VARIANTS = {"Organic", "Light", "Family Pack", "Value", "Premium", "Mini",
        "Extra", "Classic", "Limited Edition", "Multipack"};

    private static final Category[] CATEGORIES = {
        new Category("Dairy", REDUCED, UnitOfMeasure.PIECE, 49, 699, false,
            new String[] {"Whole Milk", "Skimmed Milk", "Greek Yogurt", "Butter", "Crème fraîche", "Quark",
                "Buttermilk", "Cream Cheese", "Kefir", "Fruit Yogurt Strawberry"},
            new String[] {"250 g", "500 g", "1 l", "150 g", "200 ml"}),
        new Category("Bakery", REDUCED, UnitOfMeasure.PIECE, 39, 499, false,
            new String[] {"Sourdough Bread", "Rye Bread", "Pretzel", "Croissant", "Whole Grain Rolls", "Baguette",
                "Toast Bread", "Apple Strudel"},
            new String[] {"1 pc", "4 pcs", "500 g", "750 g"}),
        new Category("Beverages", STANDARD, UnitOfMeasure.PIECE, 49, 1999, false,
            new String[] {"Sparkling Water", "Apple Juice", "Orange Juice", "Cola Zero", "Lemonade", "Iced Tea Peach",
                "Pilsner Beer", "Riesling Wine", "Espresso Beans", "Green Tea"},
            new String[] {"0.5 l", "1 l", "1.5 l", "6 x 0.33 l", "0.75 l", "500 g"}),
        new Category("Pantry", REDUCED, UnitOfMeasure.PIECE, 59, 899, false,
            new String[] {"Spaghetti", "Penne Rigate", "Basmati Rice", "Tomato Passata", "Olive Oil Extra Virgin",
                "Sunflower Oil", "Wheat Flour", "Cane Sugar", "Muesli Crunchy", "Peanut Butter", "Honey"},
            new String[] {"500 g", "1 kg", "250 ml", "750 ml", "400 g"}),
        new Category("Snacks", REDUCED, UnitOfMeasure.PIECE, 79, 499, false,
            new String[] {"Potato Chips Paprika", "Salted Pretzels", "Dark Chocolate 70%", "Milk Chocolate Hazelnut",
                "Gummy Bears", "Trail Mix", "Butter Cookies", "Rice Crackers"},
            new String[] {"100 g", "175 g", "200 g", "300 g"}),
        new Category("Household", STANDARD, UnitOfMeasure.PIECE, 99, 1499, false,
            new String[] {"Dish Soap Lemon", "Laundry Detergent", "Paper Towels", "Toilet Paper", "Sponges",
                "Glass Cleaner", "Trash Bags", "Aluminium Foil"},
            new String[] {"500 ml", "1 l", "4 rolls", "8 rolls", "10 pcs", "20 m"}),
        new Category("Personal Care", STANDARD, UnitOfMeasure.PIECE, 99, 1299, false,
            new String[] {"Shampoo", "Shower Gel", "Toothpaste", "Hand Cream", "Deodorant", "Body Lotion",
                "Sun Cream SPF 30"},
            new String[] {"75 ml", "200 ml", "250 ml", "400 ml"}),
        new Category("Deli", REDUCED, UnitOfMeasure.KILOGRAM, 899, 3999, false,
            new String[] {"Emmentaler", "Gouda Aged", "Black Forest Ham", "Salami Milano", "Smoked Salmon",
                "Olives Kalamata", "Feta"},
            new String[] {"per kg"}),
        new Category("Produce", REDUCED, UnitOfMeasure.KILOGRAM, 99, 899, false,
            new String[] {"Bananas", "Apples Braeburn", "Tomatoes Vine", "Potatoes", "Carrots", "Grapes Seedless",
                "Avocados", "Lemons"},
            new String[] {"per kg"}),
        new Category("Electronics", STANDARD, UnitOfMeasure.PIECE, 1999, 29999, true,
            new String[] {"Bluetooth Headphones", "Smartphone", "Power Bank", "Smart Watch", "USB-C Charger",
                "E-Reader"},
            new String[] {"Black", "White", "Blue"}),
    };

    private final int count;
    private final long seed;

    public DemoCatalog(int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        this.count = count;
        this.seed = seed;
    }

    /** The 1,000-item demo store. */
    public static DemoCatalog demoStore() {
        return new DemoCatalog(1_000, 42);
    }

    @Override
    public Iterator<CatalogItem> iterator() {
        Random random = new Random(seed);
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < count;
            }

            @Override
            public CatalogItem next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return item(random, i++);
            }
        };
    }

    /** The barcodes of item {@code i}, without generating the whole catalog. */
    public static String primaryBarcode(int i) {
        return Gtin.withCheckDigit("400" + String.format("%09d", i));
    }

    private static CatalogItem item(Random r, int i) {
        Category c = CATEGORIES[i % CATEGORIES.length];
        String brand = BRANDS[r.nextInt(BRANDS.length)];
        String name = c.items[r.nextInt(c.items.length)];
        String size = c.sizes[r.nextInt(c.sizes.length)];
        String full = c.unit.isMeasured() ? brand + " " + name : brand + " " + name + " " + size;
        int round = i / (CATEGORIES.length * 60);
        if (round > 0) {
            // large catalogs: variants like real assortments, then numbered lines
            full = full + " " + VARIANTS[(round - 1) % VARIANTS.length]
                    + (round > VARIANTS.length ? " " + (round / VARIANTS.length + 1) : "");
        }
        int cents = c.minCents + r.nextInt(c.maxCents - c.minCents + 1);
        cents = cents - cents % 10 + 9; // shelf prices end in 9
        Money price = Money.of(BigDecimal.valueOf(cents, 2), EUR);
        String sku = String.format("%06d", i + 1);
        Product p = new Product(new Sku(sku), full, c.name, c.rate, c.unit, price, true, c.serialized);
        List<String> codes = new ArrayList<>(2);
        codes.add(primaryBarcode(i));
        if (r.nextInt(10) == 0) {
            codes.add(Gtin.withCheckDigit("401" + String.format("%09d", i)));
        }
        if (c.unit.isMeasured()) {
            // in-store item code for variable-measure labels: 2 + 5-digit item code (see hardware docs)
            codes.add(String.format("21%05d", i % 100_000));
        }
        return new CatalogItem(p, codes);
    }
}
