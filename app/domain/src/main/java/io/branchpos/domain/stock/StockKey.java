package io.branchpos.domain.stock;

/** A SKU at a location ("STORE", "BACKROOM", "IN_TRANSIT:B-002"…). */
public record StockKey(String sku, String location) {
}
