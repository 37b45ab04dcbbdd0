package io.branchpos.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Hibernate's bootstrap is off the way to ready-to-scan (decisions 0016, 0409): a till started on
 * its store (not the first start, which seeds the demo) that nobody has signed in to never starts it, however long it is idle; once a cashier has signed in
 * and the till is quiet it starts, and the screens are built ahead after it.
 */
class HibernateStartsWhenIdleUiTest {
    @TempDir
    Path dataDir;

    @Test
    void theBootstrapWaitsForASignedInCashierAndAQuietTill() throws Exception {
        // the first start seeds the demo catalog (with Hibernate); a till's every later start does not
        RunningApp first = RunningApp.start(dataDir);
        try {
            first.context().whenCatalogLoaded().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } finally {
            first.stop();
        }
        RunningApp app = RunningApp.start(dataDir);
        try {
            app.context().whenCatalogLoaded().toCompletableFuture().get(60, TimeUnit.SECONDS);
            Thread.sleep((long) (TerminalShell.PREBUILD_QUIET.toMillis() * 2.5));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(app.context().hibernateStarted()).as("started before anyone signed in").isFalse();

            app.signIn("1", "1111");
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.context().hibernateStarted());
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                    () -> app.shell().builtView(TerminalShell.Screen.PAYMENT) != null
                            && app.shell().builtView(TerminalShell.Screen.RETURNS) != null);
            // and it serves what needs it: the store's Hibernate reads work
            assertThat(app.context().sales().findByReceipt("no-such-receipt")).isEmpty();
        } finally {
            app.stop();
        }
    }
}
