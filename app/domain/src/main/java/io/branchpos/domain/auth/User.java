package io.branchpos.domain.auth;

import java.util.Objects;

/**
 * A person who signs in at the till. {@code code} is what they type before their PIN (a short
 * number printed on their badge); {@code id} is what journal events name.
 */
public record User(String id, String code, String name, Role role) {
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }

    public boolean can(Permission permission) {
        return role.permissions().contains(permission);
    }
}
