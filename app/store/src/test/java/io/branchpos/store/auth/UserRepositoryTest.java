package io.branchpos.store.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.domain.auth.LockoutPolicy;
import io.branchpos.domain.auth.SignInResult;
import io.branchpos.store.LocalStore;
import io.branchpos.store.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserRepositoryTest {
    @TempDir
    Path dir;

    private static UserRepository users(LocalStore store) {
        return new UserRepository(store, new PinHasher(), new LockoutPolicy(3, Duration.ofMinutes(5)));
    }

    @Test
    void theRightPinSignsInAndAWrongOneCountsDown() {
        try (LocalStore store = TestStores.open(dir)) {
            UserRepository users = users(store);
            DemoUsers.seed(users, store);
            assertThat(users.signIn("1", "1111")).isInstanceOfSatisfying(SignInResult.Accepted.class,
                    a -> assertThat(a.user().id()).isEqualTo("u-anna"));
            assertThat(users.signIn("1", "9999")).isEqualTo(new SignInResult.Rejected(2));
            assertThat(users.signIn("1", "9999")).isEqualTo(new SignInResult.Rejected(1));
            assertThat(users.signIn("1", "1111")).isInstanceOf(SignInResult.Accepted.class);
            assertThat(users.signIn("1", "9999")).isEqualTo(new SignInResult.Rejected(2));
        }
    }

    @Test
    void anUnknownUserLooksLikeAWrongPin() {
        try (LocalStore store = TestStores.open(dir)) {
            UserRepository users = users(store);
            DemoUsers.seed(users, store);
            assertThat(users.signIn("77", "1111")).isEqualTo(new SignInResult.Rejected(3));
        }
    }

    @Test
    void aLockOutlastsTheRightPinAndARestart() {
        try (LocalStore store = TestStores.open(dir)) {
            UserRepository users = users(store);
            DemoUsers.seed(users, store);
            users.signIn("2", "0000");
            users.signIn("2", "0000");
            assertThat(users.signIn("2", "0000")).isInstanceOf(SignInResult.Locked.class);
        }
        try (LocalStore store = TestStores.open(dir)) {
            assertThat(users(store).signIn("2", "2222")).isInstanceOf(SignInResult.Locked.class);
        }
    }

    @Test
    void pinsAreStoredOnlyAsSlowSaltedHashes() {
        try (LocalStore store = TestStores.open(dir)) {
            UserRepository users = users(store);
            DemoUsers.seed(users, store);
            var hashes = store.jdbc(c -> {
                var out = new java.util.ArrayList<String>();
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT pin_hash FROM app_user")) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            });
            assertThat(hashes).hasSize(3).allSatisfy(h -> {
                assertThat(h).startsWith("pbkdf2-sha256$120000$").doesNotContain("1111", "2222", "3333");
                assertThat(Integer.parseInt(h.split("\\$")[1])).isGreaterThanOrEqualTo(100_000);
            });
            assertThat(new PinHasher().hash("1111")).isNotEqualTo(new PinHasher().hash("1111"));
        }
    }
}
