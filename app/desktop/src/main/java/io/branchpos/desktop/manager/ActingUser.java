package io.branchpos.desktop.manager;

import io.branchpos.domain.auth.Permission;
import io.branchpos.domain.auth.User;
import java.util.Objects;

/** Who is doing a manager task: the signed-in user, and whether their role may manage the branch. */
public record ActingUser(String userId, String role, boolean mayManage) {
    public ActingUser {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }

    public static ActingUser of(User user) {
        return new ActingUser(user.id(), user.role().name(), user.can(Permission.MANAGE_BRANCH));
    }
}
