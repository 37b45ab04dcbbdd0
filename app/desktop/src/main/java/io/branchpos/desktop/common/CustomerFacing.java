package io.branchpos.desktop.common;

/**
 * What the customer sees: a pole display or a window on a second monitor. Two short lines.
 * Implementations must return at once and never throw (a slow serial display must not hold up
 * the cashier).
 */
@FunctionalInterface
public interface CustomerFacing {
    CustomerFacing NONE = (top, bottom) -> {
    };

    void show(String top, String bottom);
}
