package io.branchpos.hardware.fake;

import io.branchpos.hardware.DeviceOutcome;
import io.branchpos.hardware.display.CustomerDisplay;
import java.util.ArrayList;
import java.util.List;

/** A customer display that remembers what it was asked to show. */
public final class RecordingDisplay implements CustomerDisplay {

    private final List<String[]> shown = new ArrayList<>();

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public synchronized DeviceOutcome show(String line1, String line2) {
        shown.add(new String[] {line1, line2});
        return DeviceOutcome.done();
    }

    @Override
    public synchronized DeviceOutcome clear() {
        shown.add(new String[] {"", ""});
        return DeviceOutcome.done();
    }

    /** The two lines currently on the display. */
    public synchronized List<String> current() {
        return shown.isEmpty() ? List.of("", "") : List.of(shown.get(shown.size() - 1));
    }

    public synchronized int updates() {
        return shown.size();
    }

    /** Everything shown, oldest first, each as two lines. */
    public synchronized List<List<String>> history() {
        List<List<String>> h = new ArrayList<>();
        for (String[] s : shown) {
            h.add(List.of(s));
        }
        return h;
    }
}
