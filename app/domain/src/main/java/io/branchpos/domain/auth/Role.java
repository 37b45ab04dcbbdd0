package io.branchpos.domain.auth;

import java.util.EnumSet;
import java.util.Set;

/** What a user is at the branch; each role grants a fixed set of {@link Permission}s. */
public enum Role {
    CASHIER(EnumSet.of(Permission.SELL, Permission.REFUND_WITH_RECEIPT)),
    SUPERVISOR(EnumSet.of(Permission.SELL, Permission.REFUND_WITH_RECEIPT, Permission.APPROVE_OVERRIDES,
            Permission.NO_SALE, Permission.VOID_SALE)),
    MANAGER(EnumSet.allOf(Permission.class));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    public Set<Permission> permissions() {
        return permissions;
    }
}
