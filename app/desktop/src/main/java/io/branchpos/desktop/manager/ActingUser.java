package io.branchpos.desktop.manager;

import java.util.Objects;

/**
 * Who is doing a manager task. Until sign-in lands (issue 3) the app passes the configured
 * manager; the screens only ask {@link #mayManage()}.
 */
public record ActingUser(String userId, String role) {
    public static final String MANAGER = "MANAGER";
    public static final String CASHIER = "CASHIER";

    public ActingUser {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }

    /** Day close, cash movements, stock and reports are for managers only. */
    public boolean mayManage() {
        return MANAGER.equals(role);
    }
}
