package io.branchpos.sync.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One catalog change of a branch feed: the whole new state of one entity ({@code kind} + {@code key}),
 * never a diff, so applying a change twice is harmless. {@code intended} is HQ's mark that a
 * deactivation belongs to a deliberate bulk removal (the terminal's mass-deletion guard lets it pass).
 * Readers ignore kinds they do not know. Kinds and their {@code data}: see docs/feed.md.
 */
public record FeedChange(String kind, String key, boolean intended, JsonNode data) {

    public static final String TAX = "TAX";
    public static final String PRODUCT = "PRODUCT";
    public static final String PRICE = "PRICE";
    public static final String USER = "USER";
    public static final String PROMOTION = "PROMOTION";
    /** A purchase order addressed to one branch (docs/feed.md). */
    public static final String PURCHASE_ORDER = "PURCHASE_ORDER";
    /** A transfer from another branch, in transit to this one. */
    public static final String TRANSFER_IN = "TRANSFER_IN";
    /** HQ's on-hand figure for one SKU of this branch at an instant. */
    public static final String STOCK_BASELINE = "STOCK_BASELINE";
}
