package io.branchpos.domain.id;

import java.util.UUID;

/** Source of new unique ids; injected so tests and replays are deterministic. */
@FunctionalInterface
public interface IdGenerator {
    UUID next();
}
