package io.branchpos.desktop;

import java.util.Properties;

/**
 * The rate of JavaFX's pulse timer for every launch of the till (decision 0311). JavaFX reads
 * {@value #PROPERTY} once, when its toolkit starts, and ticks every {@code 1000 / rate}
 * milliseconds (whole milliseconds) where the windowing system reports no display refresh period
 * (GTK and Monocle); a line added by a scan is laid out, and its frame handed to the renderer, at
 * the next tick. JavaFX's own default is 60, a 16 ms tick; the till asks for {@value #DEFAULT_HZ}, an
 * 8 ms tick. A rate given on the command line ({@code -Djavafx.animation.pulse=60}) wins.
 */
public final class PulseRate {
    /** The system property JavaFX reads (QuantumToolkit and the animation timer). */
    public static final String PROPERTY = "javafx.animation.pulse";
    /** The till's rate when none is given: an 8 ms tick. */
    public static final int DEFAULT_HZ = 125;

    private PulseRate() {
    }

    /**
     * Sets {@value #PROPERTY} to {@value #DEFAULT_HZ} unless it is already set; must run before the
     * JavaFX toolkit starts (it reads the property once). Returns the value in effect.
     */
    public static String applyDefault(Properties properties) {
        String given = properties.getProperty(PROPERTY);
        if (given != null && !given.isBlank()) {
            return given;
        }
        properties.setProperty(PROPERTY, Integer.toString(DEFAULT_HZ));
        return Integer.toString(DEFAULT_HZ);
    }
}
