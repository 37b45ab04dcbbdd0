package io.branchpos.desktop.devices;

import io.branchpos.hardware.DeviceOutcome;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of the Devices screen: each device's state, a test per device, and the
 * receipts still queued. Device calls run on {@code background}; results are applied on {@code ui}.
 */
public final class DevicesViewModel {
    private final DeviceBench bench;
    private final Executor background;
    private final Executor ui;
    private final ObservableList<DeviceBench.Check> devices = FXCollections.observableArrayList();
    private final ObservableList<DeviceBench.QueuedJob> queued = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

    public DevicesViewModel(DeviceBench bench, Executor background, Executor ui) {
        this.bench = bench;
        this.background = background;
        this.ui = ui;
    }

    public ObservableList<DeviceBench.Check> devices() {
        return devices;
    }

    public ObservableList<DeviceBench.QueuedJob> queued() {
        return queued;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Reads every device's state and the print queue again. */
    public void refresh() {
        run(() -> null, "");
    }

    /** Runs the test of {@code kind} (test print, drawer, display text, weigh) and refreshes. */
    public void test(DeviceBench.Kind kind) {
        run(() -> bench.test(kind), null);
    }

    /** Sends queued receipts again and refreshes. */
    public void retryQueued() {
        run(bench::retryQueued, null);
    }

    private void run(Supplier<DeviceOutcome> action, String idleMessage) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        background.execute(() -> {
            DeviceOutcome outcome;
            try {
                outcome = action.get();
            } catch (RuntimeException e) {
                outcome = DeviceOutcome.failed(e.getMessage());
            }
            List<DeviceBench.Check> checks = bench.check();
            List<DeviceBench.QueuedJob> jobs = bench.queuedJobs();
            String text = outcome == null ? idleMessage
                    : (outcome.ok() ? "✔ " : "✖ ") + (outcome.message() == null || outcome.message().isBlank()
                            ? (outcome.ok() ? "Done" : "Failed") : outcome.message());
            ui.execute(() -> {
                devices.setAll(checks);
                queued.setAll(jobs);
                message.set(text);
                busy.set(false);
            });
        });
    }
}
