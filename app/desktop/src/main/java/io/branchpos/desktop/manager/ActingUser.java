package io.branchpos.desktop.manager;

import io.branchpos.domain.auth.Permission;
import io.branchpos.domain.auth.Role;
import io.branchpos.domain.auth.User;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Who is doing a manager task: the signed-in user, their role and what that role may do. */
public record ActingUser(String userId, String role, Set<Permission> permissions) {
    public ActingUser {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        permissions = Set.copyOf(permissions);
    }

    public static ActingUser of(User user) {
        return of(user.id(), user.role());
    }

    public static ActingUser of(String userId, Role role) {
        return new ActingUser(userId, role.name(), role.permissions());
    }

    public boolean can(Permission p) {
        return permissions.contains(p);
    }

    /** True when the role may manage the branch (all manager functions). */
    public boolean mayManage() {
        return can(Permission.MANAGE_BRANCH);
    }

    /**
     * The sentence shown when this user may not do {@code p}: who they are, what they may not do,
     * and whom to ask, e.g. "A cashier may not close the day (Z report) — ask a manager to sign in."
     */
    public String refusal(Permission p) {
        List<String> who = Role.grantedTo(p).stream().map(Role::word).toList();
        String ask = who.isEmpty() ? "an administrator" : String.join(" or ", who);
        String me = role.toLowerCase(java.util.Locale.ROOT);
        return "A" + (me.matches("^[aeiou].*") ? "n " : " ") + me + " may not " + p.doing() + " — ask a " + ask + " to sign in.";
    }
}
