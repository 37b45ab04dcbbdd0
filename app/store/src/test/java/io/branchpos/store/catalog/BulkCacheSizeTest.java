package io.branchpos.store.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** H2's page cache during a bulk load lives in the heap: it must leave a till's heap room (decision 0260). */
class BulkCacheSizeTest {
    private static final long MB = 1024 * 1024;

    @Test
    void aTillsHeapGetsH2sDefaultCacheAndALargeHeapTheFullBulkCache() {
        assertThat(CatalogRepository.bulkCacheKb(256 * MB)).isEqualTo(16 * 1024);
        assertThat(CatalogRepository.bulkCacheKb(128 * MB)).isEqualTo(16 * 1024);
        assertThat(CatalogRepository.bulkCacheKb(512 * MB)).isEqualTo(80 * 1024);
        assertThat(CatalogRepository.bulkCacheKb(3072 * MB)).isEqualTo(256 * 1024);
    }
}
