package io.branchpos.desktop.common;

import java.util.Objects;

/** The app's CSS theme. */
public final class Stylesheets {
    private Stylesheets() {
    }

    public static String theme() {
        return Objects.requireNonNull(Stylesheets.class.getResource("/io/branchpos/desktop/common/branchpos.css"),
                "theme missing from the build").toExternalForm();
    }
}
