package io.branchpos.store.feed;

/**
 * One change from HQ as the store receives it: the entity's whole new state as JSON text.
 * Kinds: {@code TAX}, {@code PRODUCT}, {@code PRICE}, {@code USER}, {@code PROMOTION}; others are ignored.
 */
public record FeedEntry(String kind, String key, boolean intended, String dataJson) {
}
