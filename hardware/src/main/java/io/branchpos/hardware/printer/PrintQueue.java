package io.branchpos.hardware.printer;

import io.branchpos.hardware.escpos.ReceiptEncoder;
import io.branchpos.hardware.receipt.ReceiptDocument;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journaled print queue. Every job is stored before a byte is sent; a failed job stays in the store with a
 * reason a cashier can act on; retry never resends a job the printer confirmed.
 *
 * <p>The rule (see docs/hardware.md): a job is {@code PRINTED} only when the printer answered the process-ID
 * request appended to it (two-way links) or every byte was handed to a one-way link. {@link #retry} of a
 * {@code PRINTED} job does nothing. Any other job is resent whole, and only after a status check says the
 * printer is ready. Limits: if a connection dies after the printer printed a job but before its confirmation
 * arrived, the retry prints the receipt a second time; a connection lost mid-job leaves a torn partial receipt
 * before the complete one. Both are flagged {@link PrintJob#uncertain()} so the UI can say so.
 *
 * <p>Blocking and synchronized: call from one worker thread, never the FX thread.
 */
public final class PrintQueue {

    private static final Logger LOG = LoggerFactory.getLogger(PrintQueue.class);

    private final PrintJobStore store;
    private final ReceiptPrinter printer;
    private final ReceiptEncoder encoder;
    private final Clock clock;
    private final Supplier<String> ids;

    public PrintQueue(PrintJobStore store, ReceiptPrinter printer, ReceiptEncoder encoder, Clock clock, Supplier<String> ids) {
        this.store = store;
        this.printer = printer;
        this.encoder = encoder;
        this.clock = clock;
        this.ids = ids;
    }

    /** Journals the receipt and tries to print it once. The returned job says how it went. */
    public synchronized PrintJob print(ReceiptDocument document, String description) {
        return submit(encoder.encode(document), description, document.copy());
    }

    /** Prints a reprint of a receipt: always marked COPY. */
    public synchronized PrintJob reprint(ReceiptDocument original, String description) {
        return submit(encoder.encode(original.asCopy()), description, true);
    }

    /** Journals ready-made bytes (reports, test pages) and tries to print them once. */
    public synchronized PrintJob submit(byte[] payload, String description, boolean copy) {
        PrintJob job = new PrintJob(ids.get(), description, payload, copy, PrintJob.State.QUEUED, 0, "", false,
                clock.instant(), clock.instant());
        store.save(job);
        return attempt(job);
    }

    /** Tries a stored job again; a printed job is returned unchanged (never printed twice by retry). */
    public synchronized PrintJob retry(String jobId) {
        PrintJob job = store.find(jobId).orElseThrow(() -> new NoSuchElementException("no print job " + jobId));
        if (job.state() == PrintJob.State.PRINTED) {
            return job;
        }
        return attempt(job);
    }

    /** Retries every pending job, oldest first; stops at the first failure so order is kept. */
    public synchronized List<PrintJob> retryAll() {
        List<PrintJob> results = new ArrayList<>();
        for (PrintJob job : store.pending()) {
            PrintJob r = attempt(job);
            results.add(r);
            if (r.state() != PrintJob.State.PRINTED) {
                break;
            }
        }
        return results;
    }

    /**
     * Call once at startup: a job found in {@code SENDING} was cut off by a crash or power loss while printing;
     * it becomes {@code FAILED} and uncertain (part of it may have come out) and waits for the cashier's Reprint.
     */
    public synchronized List<PrintJob> recoverInterrupted() {
        List<PrintJob> recovered = new ArrayList<>();
        for (PrintJob job : store.pending()) {
            if (job.state() == PrintJob.State.SENDING) {
                PrintJob failed = job.with(PrintJob.State.FAILED, job.attempts(),
                        "Printing was interrupted when the till stopped — check the printer, then press Reprint", true,
                        clock.instant());
                store.save(failed);
                recovered.add(failed);
            }
        }
        return recovered;
    }

    /** Jobs waiting to print (failed or interrupted), oldest first. */
    public List<PrintJob> pending() {
        return store.pending();
    }

    private PrintJob attempt(PrintJob job) {
        PrinterStatus status = printer.status();
        if (!status.canPrint()) {
            PrintJob failed = job.with(PrintJob.State.FAILED, job.attempts(), status.message(), job.uncertain(), clock.instant());
            store.save(failed);
            LOG.info("print job {} not sent: {}", job.id(), status.message());
            return failed;
        }
        PrintJob sending = job.with(PrintJob.State.SENDING, job.attempts() + 1, job.lastError(), job.uncertain(),
                clock.instant());
        store.save(sending);
        try {
            ReceiptPrinter.Delivery d = printer.send(sending.payload(), sending.processId());
            PrintJob printed = sending.with(PrintJob.State.PRINTED, sending.attempts(), "", sending.uncertain(), clock.instant());
            store.save(printed);
            LOG.debug("print job {} printed ({})", job.id(), d);
            return printed;
        } catch (IOException | RuntimeException e) {
            PrinterStatus after = printer.status();
            String reason = after.canPrint()
                    ? "Printing was interrupted (" + e.getMessage() + ") — receipt kept; press Reprint"
                    : after.message();
            PrintJob failed = sending.with(PrintJob.State.FAILED, sending.attempts(), reason, true, clock.instant());
            store.save(failed);
            LOG.warn("print job {} failed on {}: {}", job.id(), printer.describe(), e.toString());
            return failed;
        }
    }
}
