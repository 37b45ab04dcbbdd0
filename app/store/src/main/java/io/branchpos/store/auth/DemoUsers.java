package io.branchpos.store.auth;

import io.branchpos.domain.auth.Role;
import io.branchpos.domain.auth.User;
import java.util.List;

/** The users of the demo store. Their PINs are documented in the README; never use them in a real branch. */
public final class DemoUsers {
    /** A demo user and the PIN they sign in with. */
    public record DemoUser(User user, String pin) {
    }

    public static final List<DemoUser> ALL = List.of(
            new DemoUser(new User("u-anna", "1", "Anna Cashier", Role.CASHIER), "1111"),
            new DemoUser(new User("u-ben", "2", "Ben Supervisor", Role.SUPERVISOR), "2222"),
            new DemoUser(new User("u-maria", "3", "Maria Manager", Role.MANAGER), "3333"));

    private DemoUsers() {
    }

    /** Creates the demo users if the store has no users yet. */
    public static void seed(UserRepository users, io.branchpos.store.LocalStore store) {
        if (users.count() > 0) {
            return;
        }
        store.write(ctx -> {
            for (DemoUser d : ALL) {
                users.create(ctx, d.user(), d.pin());
            }
            return null;
        });
    }
}
