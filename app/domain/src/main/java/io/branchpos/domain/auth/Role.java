package io.branchpos.domain.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a user is at the branch; each role grants a fixed set of {@link Permission}s.
 *
 * <table>
 * <caption>manager functions per role</caption>
 * <tr><th></th><th>cashier</th><th>supervisor</th><th>manager</th></tr>
 * <tr><td>pay-out / pay-in / safe drop</td><td>no</td><td>yes</td><td>yes</td></tr>
 * <tr><td>receive stock, start/post counts, reports</td><td>no</td><td>yes</td><td>yes</td></tr>
 * <tr><td>adjust stock, transfers out, close the day (Z)</td><td>no</td><td>no</td><td>yes</td></tr>
 * </table>
 */
public enum Role {
    CASHIER(EnumSet.of(Permission.SELL, Permission.REFUND_WITH_RECEIPT)),
    SUPERVISOR(EnumSet.of(Permission.SELL, Permission.REFUND_WITH_RECEIPT, Permission.APPROVE_OVERRIDES,
            Permission.NO_SALE, Permission.VOID_SALE, Permission.CASH_MOVEMENTS, Permission.RECEIVE_STOCK,
            Permission.COUNT_STOCK, Permission.VIEW_REPORTS)),
    MANAGER(EnumSet.allOf(Permission.class));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    /** The roles that have {@code p}, lowest first. */
    public static List<Role> grantedTo(Permission p) {
        return Arrays.stream(values()).filter(r -> r.permissions.contains(p)).toList();
    }

    /** Lower-case name for sentences ("a supervisor"). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
