package io.branchpos.desktop.common;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** What the status bar at the bottom of every screen shows. Updated on the FX thread only. */
public final class StatusBarViewModel {
    private final StringProperty terminal = new SimpleStringProperty("");
    private final StringProperty businessDay = new SimpleStringProperty("");
    private final StringProperty catalog = new SimpleStringProperty("");
    private final StringProperty sync = new SimpleStringProperty("");
    private final StringProperty printer = new SimpleStringProperty("");

    public StringProperty terminalProperty() {
        return terminal;
    }

    public StringProperty businessDayProperty() {
        return businessDay;
    }

    public StringProperty catalogProperty() {
        return catalog;
    }

    public StringProperty syncProperty() {
        return sync;
    }

    public StringProperty printerProperty() {
        return printer;
    }
}
