package io.branchpos.domain.sale;

import java.util.Objects;

/** A supervisor's approval of something a cashier may not do alone; recorded in the sale's event. */
public record Approval(String action, Integer lineNo, String approvedBy, String reason) {
    public Approval {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(approvedBy, "approvedBy");
    }
}
