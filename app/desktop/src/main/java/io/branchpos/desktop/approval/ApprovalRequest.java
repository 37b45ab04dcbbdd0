package io.branchpos.desktop.approval;

import io.branchpos.domain.auth.Permission;
import java.util.Objects;

/**
 * What a cashier asks a supervisor to approve: the journaled {@code action} name (e.g.
 * {@code PRICE_OVERRIDE}), the ticket line if any, a sentence for the dialog, and the permission
 * the approver must hold.
 */
public record ApprovalRequest(String action, Integer lineNo, String description, Permission required) {
    public ApprovalRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(required, "required");
    }
}
