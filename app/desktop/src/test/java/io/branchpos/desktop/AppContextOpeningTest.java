package io.branchpos.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchpos.desktop.config.AppConfig;
import io.branchpos.domain.auth.SignInResult;
import io.branchpos.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UI is built while the store opens (decision 0012): whatever reaches the store before it is
 * open waits for it, and a store that cannot open fails every such call with its reason.
 */
class AppContextOpeningTest {
    @TempDir
    Path dir;

    private AppConfig demo(Path dataDir) {
        return AppConfig.load(new String[] {"--demo", "--data-dir", dataDir.toString()},
                dir.resolve("no-system-file"), dataDir);
    }

    @Test
    void aSignInQueuedWhileTheStoreOpensIsCheckedAgainstTheOpenStoreWithItsDemoUsers() throws Exception {
        try (AppContext ctx = AppContext.opening(demo(dir.resolve("data")))) {
            // what the sign-in screen does with user 1 and PIN 1111, queued at once
            Future<SignInResult> signIn = ctx.storeExecutor().submit(() -> ctx.users().signIn("1", "1111"));

            assertThat(signIn.get(120, TimeUnit.SECONDS)).isInstanceOf(SignInResult.Accepted.class);
            assertThat(ctx.whenReady().toCompletableFuture().isDone()).isTrue();
            assertThat(ctx.catalog().countProducts()).isPositive();
        }
    }

    @Test
    void aStoreThatCannotOpenFailsItsCallersWithTheReasonAndStillCloses() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("data"), "a file where the data directory should be");
        AppContext ctx = AppContext.opening(demo(notADirectory));

        Future<SignInResult> signIn = ctx.storeExecutor().submit(() -> ctx.users().signIn("1", "1111"));

        assertThatThrownBy(() -> signIn.get(120, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreException.class)
                .hasMessageContaining("cannot create the data directory");
        assertThatThrownBy(ctx::store).isInstanceOf(StoreException.class);
        assertThat(ctx.whenReady().toCompletableFuture().isCompletedExceptionally()).isTrue();
        ctx.close();
    }
}
