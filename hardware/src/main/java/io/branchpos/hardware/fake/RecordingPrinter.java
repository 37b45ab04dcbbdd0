package io.branchpos.hardware.fake;

import io.branchpos.hardware.escpos.PrinterProfile;
import io.branchpos.hardware.printer.PrinterStatus;
import io.branchpos.hardware.printer.ReceiptPrinter;
import io.branchpos.hardware.render.EscPosRenderer;
import io.branchpos.hardware.render.RenderedReceipt;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A receipt printer that keeps every job it is sent (bytes and rendering) and reports whatever status the test
 * sets. {@link #failNextSends(int)} makes sends fail like a dropped connection.
 */
public final class RecordingPrinter implements ReceiptPrinter {

    private final PrinterProfile profile;
    private final List<byte[]> jobs = new ArrayList<>();
    private PrinterStatus status = new PrinterStatus(PrinterStatus.State.READY, false, false, false,
            PrinterStatus.DrawerState.CLOSED, "");
    private int failures;

    public RecordingPrinter(PrinterProfile profile) {
        this.profile = profile;
    }

    public synchronized void setStatus(PrinterStatus value) {
        status = value;
    }

    public synchronized void failNextSends(int count) {
        failures = count;
    }

    /** Every job sent, in order. */
    public synchronized List<byte[]> jobs() {
        return List.copyOf(jobs);
    }

    /** The jobs as printed paper. */
    public synchronized List<RenderedReceipt> rendered() {
        return jobs.stream().map(j -> new EscPosRenderer(profile).render(j)).toList();
    }

    @Override
    public String describe() {
        return "recording printer (" + profile.name() + ")";
    }

    @Override
    public synchronized boolean isAvailable() {
        return status.state() != PrinterStatus.State.UNREACHABLE;
    }

    @Override
    public synchronized PrinterStatus status() {
        return status;
    }

    @Override
    public synchronized Delivery send(byte[] job, int processId) throws IOException {
        if (failures > 0) {
            failures--;
            throw new IOException("connection dropped (simulated)");
        }
        if (!status.canPrint()) {
            throw new IOException("printer not ready: " + status.message());
        }
        jobs.add(job.clone());
        return Delivery.CONFIRMED;
    }

    @Override
    public synchronized void write(byte[] bytes) throws IOException {
        send(bytes, 0);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
