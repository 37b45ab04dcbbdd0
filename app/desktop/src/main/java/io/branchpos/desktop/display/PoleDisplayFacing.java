package io.branchpos.desktop.display;

import io.branchpos.desktop.common.CustomerFacing;
import io.branchpos.hardware.DeviceOutcome;
import io.branchpos.hardware.display.CustomerDisplay;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hardware customer display (pole display) behind {@link CustomerFacing}: the device blocks, so
 * lines are sent on a thread of its own and the cashier never waits for it.
 */
public final class PoleDisplayFacing implements CustomerFacing, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PoleDisplayFacing.class);
    private final CustomerDisplay display;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "branchpos-customer-display");
        t.setDaemon(true);
        return t;
    });

    public PoleDisplayFacing(CustomerDisplay display) {
        this.display = display;
    }

    @Override
    public void show(String line1, String line2) {
        worker.execute(() -> {
            DeviceOutcome o = display.show(line1, line2);
            if (!o.ok()) {
                log.warn("Customer display: {}", o.message());
            }
        });
    }

    @Override
    public void close() {
        worker.shutdown();
    }
}
