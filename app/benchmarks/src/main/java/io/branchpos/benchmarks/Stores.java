package io.branchpos.benchmarks;

import io.branchpos.domain.id.UuidV7Generator;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/** Opens terminal stores exactly as the app does (FSYNC durability, UUIDv7 ids). */
final class Stores {
    static final String TERMINAL = "T-001";

    private Stores() {
    }

    static LocalStore open(Path dir) {
        return open(dir, TERMINAL);
    }

    static LocalStore open(Path dir, String terminal) {
        Clock clock = Clock.systemUTC();
        return LocalStore.open(new StoreConfig(dir, terminal, clock, new UuidV7Generator(clock, new SecureRandom()),
                StoreConfig.Durability.FSYNC));
    }
}
