package io.branchpos.domain.promo;

import java.util.Objects;
import java.util.Set;

/** Which products a promotion is about: a list of SKUs, or every product of one category. */
public sealed interface Target {

    boolean matches(String sku, String category);

    static Target products(String... skus) {
        return new Products(Set.of(skus));
    }

    static Target category(String name) {
        return new Category(name);
    }

    /** These SKUs (one SKU for "a product"). */
    record Products(Set<String> skus) implements Target {
        public Products {
            skus = Set.copyOf(skus);
            if (skus.isEmpty()) {
                throw new IllegalArgumentException("a promotion needs at least one SKU");
            }
        }

        @Override
        public boolean matches(String sku, String category) {
            return skus.contains(sku);
        }
    }

    /** Every product whose category is exactly {@code name}. */
    record Category(String name) implements Target {
        public Category {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a category promotion needs a category");
            }
        }

        @Override
        public boolean matches(String sku, String category) {
            return name.equals(category);
        }
    }
}
