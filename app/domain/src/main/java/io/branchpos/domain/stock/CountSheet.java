package io.branchpos.domain.stock;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entries of a stock count by several counters, summed per SKU. Counters count different
 * shelves, so their quantities add up. The instant of a SKU's count is its LAST entry: the shelf
 * is assumed complete then, and sales of the SKU after it are reconciled as later movements.
 */
public final class CountSheet {
    /** Total counted of one SKU and the instant it counts as counted at. */
    public record Counted(String sku, BigDecimal quantity, Instant at) {
    }

    private CountSheet() {
    }

    public static Map<String, Counted> summarize(Collection<CountEntry> entries) {
        Map<String, Counted> out = new LinkedHashMap<>();
        for (CountEntry e : entries) {
            out.merge(e.sku(), new Counted(e.sku(), e.quantity(), e.at()), (a, b) -> new Counted(a.sku(),
                    a.quantity().add(b.quantity()), a.at().isAfter(b.at()) ? a.at() : b.at()));
        }
        return out;
    }

    /**
     * The SKUs a count covers: a cycle count only what was counted; a full count also every SKU
     * with stock that nobody counted (it counts as zero).
     */
    public static List<String> scope(boolean full, Collection<String> counted, Collection<String> withStock) {
        LinkedHashMap<String, Boolean> s = new LinkedHashMap<>();
        counted.forEach(c -> s.put(c, true));
        if (full) {
            withStock.forEach(c -> s.putIfAbsent(c, true));
        }
        return List.copyOf(s.keySet());
    }
}
