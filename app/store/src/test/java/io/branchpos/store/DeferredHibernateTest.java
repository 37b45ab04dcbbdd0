package io.branchpos.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchpos.domain.auth.LockoutPolicy;
import io.branchpos.domain.auth.SignInResult;
import io.branchpos.domain.id.UuidV7Generator;
import io.branchpos.domain.till.CashCount;
import io.branchpos.domain.till.Denomination;
import io.branchpos.store.auth.DemoUsers;
import io.branchpos.store.auth.PinHasher;
import io.branchpos.store.auth.UserRepository;
import io.branchpos.store.journal.JournalRepository;
import io.branchpos.store.till.TillRepository;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision 0016: a store opened without Hibernate's bootstrap signs a cashier in, finds the open
 * till, tells its business day and journals plain writes without starting it; whatever needs a
 * Hibernate session starts it and gets it, in the same transaction as the JDBC part of the write.
 */
class DeferredHibernateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalStore openDeferred(Path dir) {
        Clock clock = Clock.systemUTC();
        return LocalStore.openDeferringHibernate(new StoreConfig(dir, "T-001", clock,
                new UuidV7Generator(clock, new SecureRandom()), StoreConfig.Durability.FSYNC));
    }

    private static UserRepository users(LocalStore store) {
        return new UserRepository(store, new PinHasher(), new LockoutPolicy(3, Duration.ofMinutes(5)));
    }

    @Test
    void theWayToReadyToScanRunsWithoutHibernate(@TempDir Path dir) {
        try (LocalStore store = TestStores.open(dir)) {
            DemoUsers.seed(users(store), store);
            new TillRepository(store).open("u-maria", CashCount.empty(Currency.getInstance("EUR"))
                    .with(Denomination.note("50"), 1));
        }
        try (LocalStore store = openDeferred(dir)) {
            assertThat(users(store).signIn("1", "1111")).isInstanceOf(SignInResult.Accepted.class);
            assertThat(users(store).signIn("1", "9999")).isEqualTo(new SignInResult.Rejected(2));
            assertThat(new TillRepository(store).current()).get()
                    .satisfies(t -> assertThat(t.openedBy()).isEqualTo("u-maria"));
            assertThat(store.businessDay()).isEqualTo(LocalDate.now(Clock.systemUTC()));
            long before = new JournalRepository(store).pendingCount();
            store.write(ctx -> ctx.journal("NOTE", 1, JSON.createObjectNode().put("text", "plain")));
            assertThat(new JournalRepository(store).pendingCount()).isEqualTo(before + 1);

            assertThat(store.hibernateStarted()).isFalse();
        }
    }

    @Test
    void aWriteThatNeedsHibernateStartsItAndCommitsBothPartsTogether(@TempDir Path dir) {
        try (LocalStore store = openDeferred(dir)) {
            DemoUsers.seed(users(store), store); // inserts through a Hibernate session
            assertThat(store.hibernateStarted()).isTrue();
            assertThat(users(store).count()).isEqualTo(DemoUsers.ALL.size());
            assertThat(new JournalRepository(store).pendingCount()).isZero();
        }
    }

    @Test
    void aFailedWriteRollsBackItsJdbcAndHibernateParts(@TempDir Path dir) {
        try (LocalStore store = openDeferred(dir)) {
            UserRepository users = users(store);
            assertThatThrownBy(() -> store.write(ctx -> {
                ctx.journal("NOTE", 1, JSON.createObjectNode().put("text", "kept?"));
                users.create(ctx, DemoUsers.ALL.get(0).user(), DemoUsers.ALL.get(0).pin());
                throw new IllegalStateException("the work failed");
            })).hasMessage("the work failed");
            assertThat(users.count()).isZero();
            assertThat(new JournalRepository(store).pendingCount()).isZero();
            // and the journal head was rolled back with them: the next event follows on
            store.write(ctx -> ctx.journal("NOTE", 1, JSON.createObjectNode().put("text", "next")));
            assertThat(new JournalRepository(store).unsynced(10)).singleElement()
                    .satisfies(e -> assertThat(e.seq()).isEqualTo(1));
        }
    }
}
