package io.branchpos.store.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A search index saved and loaded again (decision 0010) finds exactly what the one built from the names finds. */
class ProductSearchIndexImageTest {
    private static final String[] WORDS = {"milk", "organic", "whole", "bread", "rye", "butter", "buttermilk", "oat",
        "drink", "choco", "hazelnut", "rolls", "grain", "cheese", "gouda", "yogurt", "greek", "1l", "500g", "4pcs"};

    @Test
    void aLoadedIndexAnswersEveryQueryAsTheBuiltOne() {
        Random r = new Random(11);
        List<ProductSearchIndex.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            StringBuilder name = new StringBuilder();
            int words = 1 + r.nextInt(4);
            for (int w = 0; w < words; w++) {
                name.append(w == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
            }
            entries.add(new ProductSearchIndex.Entry("SKU-" + i + (i % 7 == 0 ? "-é" : ""), name.toString()));
        }
        ProductSearchIndex built = ProductSearchIndex.build(entries);
        ProductSearchIndex loaded = ProductSearchIndex.read(ByteBuffer.wrap(built.write()));
        assertThat(loaded.size()).isEqualTo(built.size());
        for (List<String> q : List.of(List.of("mil"), List.of("ilk"), List.of("b"), List.of("bu", "mi"), List.of("oat", "drink"),
                List.of("butermilk"), List.of("hazelnit"), List.of("zzz"), List.of("500g"), List.of("gr", "ch"))) {
            assertThat(loaded.search(q, 50, Set.of())).as("query %s", q).isEqualTo(built.search(q, 50, Set.of()));
        }
        String someSku = built.search(List.of("milk"), 1, Set.of()).get(0).sku();
        assertThat(loaded.search(List.of("milk"), 50, Set.of(someSku))).isEqualTo(built.search(List.of("milk"), 50, Set.of(someSku)))
                .noneMatch(h -> h.sku().equals(someSku));
    }

    @Test
    void aMalformedImageIsRefused() {
        byte[] image = ProductSearchIndex.build(List.of(new ProductSearchIndex.Entry("1", "milk"),
                new ProductSearchIndex.Entry("2", "bread"))).write();
        assertThrows(IllegalArgumentException.class,
                () -> ProductSearchIndex.read(ByteBuffer.wrap(java.util.Arrays.copyOf(image, image.length - 3))));
        assertThrows(IllegalArgumentException.class, () -> ProductSearchIndex.read(ByteBuffer.wrap(new byte[0])));
    }
}
