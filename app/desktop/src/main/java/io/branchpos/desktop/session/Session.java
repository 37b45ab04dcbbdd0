package io.branchpos.desktop.session;

import io.branchpos.domain.auth.IdleLock;
import io.branchpos.domain.auth.Permission;
import io.branchpos.domain.auth.User;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Who is signed in at this till, and whether the till is locked (idle, or locked by hand). A
 * locked till keeps its open ticket; only the same user or someone who may approve overrides
 * unlocks it. FX thread only.
 */
public final class Session {
    private final ReadOnlyObjectWrapper<User> user = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper locked = new ReadOnlyBooleanWrapper(false);
    private final IdleLock idle;

    public Session(IdleLock idle) {
        this.idle = idle;
    }

    public ReadOnlyObjectProperty<User> userProperty() {
        return user.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty lockedProperty() {
        return locked.getReadOnlyProperty();
    }

    /**
     * Whether someone is signed in and the till is not locked, now. For checks per key event: a
     * binding from {@link #activeBinding()} per key added listeners to both properties each time.
     */
    public boolean isActive() {
        return user.get() != null && !locked.get();
    }

    /** True while someone is signed in and the till is not locked: the selling screens may be used. */
    public BooleanBinding activeBinding() {
        return Bindings.createBooleanBinding(() -> user.get() != null && !locked.get(), user, locked);
    }

    public Optional<User> user() {
        return Optional.ofNullable(user.get());
    }

    /** The signed-in user; fails if nobody is (a screen that sells must not be reachable then). */
    public User requireUser() {
        return user().orElseThrow(() -> new IllegalStateException("nobody is signed in"));
    }

    public boolean can(Permission p) {
        return user().map(u -> u.can(p)).orElse(false);
    }

    /**
     * Signs {@code who} in, or unlocks a locked till. Returns false (and changes nothing) if the
     * till is locked by someone else and {@code who} may not take it over.
     */
    public boolean signIn(User who) {
        User current = user.get();
        boolean someoneElsesLock = locked.get() && current != null && !current.id().equals(who.id());
        if (someoneElsesLock && !who.can(Permission.APPROVE_OVERRIDES)) {
            return false;
        }
        // a supervisor unlocking a cashier's till takes it over; the open ticket stays
        user.set(who);
        locked.set(false);
        idle.touch();
        return true;
    }

    public void lock() {
        if (user.get() != null) {
            locked.set(true);
        }
    }

    public void signOut() {
        locked.set(false);
        user.set(null);
    }

    /** Any key, click or scan. */
    public void touch() {
        idle.touch();
    }

    /** Called periodically: locks the till once it has been idle long enough. */
    public void checkIdle() {
        if (user.get() != null && !locked.get() && idle.isIdle()) {
            locked.set(true);
        }
    }
}
