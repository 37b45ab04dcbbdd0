package io.branchpos.sync.protocol;

import java.util.Map;

/** The journal event types of {@code docs/journal-events.md} and the newest payload schema version of each. */
public final class EventTypes {
    public static final String SALE_COMPLETED = "SALE_COMPLETED";
    public static final String SALE_VOIDED = "SALE_VOIDED";
    public static final String SALE_PARKED = "SALE_PARKED";
    public static final String SALE_RECALLED = "SALE_RECALLED";
    public static final String REFUND_COMPLETED = "REFUND_COMPLETED";
    public static final String TILL_OPENED = "TILL_OPENED";
    public static final String CASH_MOVEMENT = "CASH_MOVEMENT";
    public static final String NO_SALE = "NO_SALE";
    public static final String TILL_CLOSED = "TILL_CLOSED";
    public static final String STOCK_MOVEMENT = "STOCK_MOVEMENT";
    public static final String DAY_CLOSED = "DAY_CLOSED";

    /** type → newest schema version this build understands. */
    public static final Map<String, Integer> SCHEMA_VERSIONS = Map.ofEntries(
            Map.entry(SALE_COMPLETED, 1), Map.entry(SALE_VOIDED, 1), Map.entry(SALE_PARKED, 1),
            Map.entry(SALE_RECALLED, 1), Map.entry(REFUND_COMPLETED, 1), Map.entry(TILL_OPENED, 1),
            Map.entry(CASH_MOVEMENT, 1), Map.entry(NO_SALE, 1), Map.entry(TILL_CLOSED, 1),
            Map.entry(STOCK_MOVEMENT, 1), Map.entry(DAY_CLOSED, 1));

    private EventTypes() {
    }
}
