package io.branchpos.desktop.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error sound. The app has no javafx-media (AudioClip) and {@code java.awt.Toolkit.beep()}
 * does nothing useful headless, so for now there is NO sound: only a debug log line. The visible
 * signal (red flash of the main field + a red message) is what the cashier relies on. See
 * decision 0303.
 */
public final class Beeper {
    private static final Logger log = LoggerFactory.getLogger(Beeper.class);

    private Beeper() {
    }

    public static Runnable create() {
        return () -> log.debug("beep");
    }
}
