package io.branchpos.installers;

import io.branchpos.domain.id.UuidV7Generator;
import io.branchpos.domain.till.CashCount;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreConfig;
import io.branchpos.store.till.TillRepository;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Currency;

/**
 * Child-JVM helper of {@link ClientPackageIT}: opens an installed terminal's database and journals
 * work HQ has not seen yet (a till opened with a float). Arguments: DATA_DIR TERMINAL_ID.
 */
public final class QueueUnsyncedWork {
    private QueueUnsyncedWork() {
    }

    public static void main(String[] args) {
        Clock clock = Clock.systemUTC();
        try (LocalStore store = LocalStore.open(new StoreConfig(Path.of(args[0]), args[1], clock,
                new UuidV7Generator(clock, new SecureRandom()), StoreConfig.Durability.FSYNC))) {
            new TillRepository(store).open("installer-test", CashCount.empty(Currency.getInstance("EUR")));
        }
    }
}
