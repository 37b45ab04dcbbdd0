package io.branchpos.desktop.receipt;

import io.branchpos.domain.sale.Payment;
import io.branchpos.domain.sale.Tender;
import io.branchpos.hardware.DeviceOutcome;
import io.branchpos.hardware.drawer.PrinterKickDrawer;
import io.branchpos.hardware.escpos.PrinterProfile;
import io.branchpos.hardware.escpos.ReceiptEncoder;
import io.branchpos.hardware.printer.DirectoryPrintJobStore;
import io.branchpos.hardware.printer.EscPosPrinter;
import io.branchpos.hardware.printer.PrintJob;
import io.branchpos.hardware.printer.PrintQueue;
import io.branchpos.hardware.receipt.ReceiptDocument;
import io.branchpos.hardware.receipt.ReceiptDocument.Align;
import io.branchpos.hardware.receipt.ReceiptDocument.Style;
import io.branchpos.hardware.render.EscPosRenderer;
import io.branchpos.hardware.render.RenderedReceipt;
import io.branchpos.hardware.scan.ReceiptQr;
import io.branchpos.hardware.transport.PrinterTransports;
import io.branchpos.hardware.transport.TcpTransport;
import io.branchpos.hardware.virtual.VirtualPrinter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints receipts through the hardware module: the sale becomes a {@link ReceiptDocument} (the
 * {@link PlainTextReceipt} layout, the receipt QR for returns, a drawer kick for cash, a cut), goes
 * through the journaled {@link PrintQueue} to an ESC/POS printer — the virtual network printer in
 * demo mode — and the preview is the renderer's image of exactly those bytes. Reprints are marked
 * COPY by the encoder. Runs on the store executor; never throws.
 */
public final class EscPosReceiptOutput implements ReceiptOutput, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EscPosReceiptOutput.class);
    private static final Pattern KEY_VALUE = Pattern.compile("^(\\S.*?\\S|\\s{1,3}\\S.*?\\S)\\s{2,}(\\S.*)$");

    private final PlainTextReceipt layout;
    private final PrinterProfile profile;
    private final PrintQueue queue;
    private final EscPosPrinter printer;
    private final VirtualPrinter virtual;
    private final ReceiptEncoder encoder;
    private final EscPosRenderer renderer;

    private EscPosReceiptOutput(PlainTextReceipt layout, PrinterProfile profile, EscPosPrinter printer,
            VirtualPrinter virtual, Path jobDir, Clock clock) {
        this.layout = layout;
        this.profile = profile;
        this.printer = printer;
        this.virtual = virtual;
        this.encoder = new ReceiptEncoder(profile);
        this.renderer = new EscPosRenderer(profile);
        AtomicLong n = new AtomicLong(clock.millis());
        this.queue = new PrintQueue(new DirectoryPrintJobStore(jobDir), printer, encoder, clock,
                () -> "job-" + n.incrementAndGet());
        this.queue.recoverInterrupted();
    }

    /**
     * The printer named by {@code setting}: {@code virtual} starts the virtual network printer on
     * 127.0.0.1; anything else is a transport URI ({@code tcp://host:9100}, {@code serial:/dev/ttyUSB0},
     * {@code file:/dev/usb/lp0}, {@code spooler:NAME}).
     */
    public static EscPosReceiptOutput open(String setting, PlainTextReceipt layout, Path dataDir, Clock clock)
            throws IOException {
        PrinterProfile profile = PrinterProfile.generic80mm();
        if ("virtual".equals(setting)) {
            VirtualPrinter v = VirtualPrinter.start(profile);
            EscPosPrinter p = EscPosPrinter.over(new TcpTransport(v.host(), v.port(), Duration.ofSeconds(2)));
            return new EscPosReceiptOutput(layout, profile, p, v, dataDir.resolve("print-jobs"), clock);
        }
        return new EscPosReceiptOutput(layout, profile, EscPosPrinter.over(PrinterTransports.fromUri(setting)), null,
                dataDir.resolve("print-jobs"), clock);
    }

    /** The receipt as the printer gets it (never marked copy: the queue marks reprints). */
    ReceiptDocument document(ReceiptData data) {
        ReceiptData original = data.copy() ? new ReceiptData(data.sale(), data.receipt(), data.storeName(),
                data.terminalId(), data.cashierName(), false) : data;
        List<String> lines = layout.lines(original);
        ReceiptDocument.Builder b = ReceiptDocument.builder();
        b.text(original.storeName(), Align.CENTER, Style.TITLE);
        for (String line : lines.subList(1, lines.size())) {
            // the printer lays out by itself: rules, centred lines and "left ... right" rows
            Matcher kv = KEY_VALUE.matcher(line);
            if (line.chars().allMatch(c -> c == '-')) {
                b.separator('-');
            } else if (kv.matches()) {
                b.keyValue(kv.group(1), kv.group(2).trim());
            } else if (line.startsWith("  ") && line.trim().length() < PlainTextReceipt.WIDTH - 4
                    && !line.startsWith("  " + line.trim().charAt(0) + " ")) {
                b.text(line.trim(), line.length() > line.trim().length() + 4 ? Align.CENTER : Align.LEFT,
                        Style.NORMAL);
            } else {
                b.text(line, Align.LEFT, Style.NORMAL);
            }
        }
        b.qr(ReceiptQr.encode(data.receipt().receiptNumber(), data.sale().saleId()));
        b.text(data.receipt().receiptNumber(), Align.CENTER, Style.NORMAL);
        boolean cash = data.sale().payments().stream().map(Payment::tender).anyMatch(t -> t == Tender.CASH);
        if (cash && !data.copy()) {
            b.openDrawer();
        }
        return b.cut().build();
    }

    @Override
    public Printed print(ReceiptData data) {
        List<String> text = layout.lines(data);
        byte[] png = null;
        String problem = null;
        try {
            ReceiptDocument doc = document(data);
            String what = "Receipt " + data.receipt().receiptNumber();
            PrintJob job = data.copy() ? queue.reprint(doc, what + " (copy)") : queue.print(doc, what);
            if (job.state() != PrintJob.State.PRINTED) {
                problem = job.lastError().isEmpty() ? job.state().name() : job.lastError();
            }
            RenderedReceipt rendered = renderer.render(encoder.encode(data.copy() ? doc.asCopy() : doc));
            png = rendered.toPng();
        } catch (RuntimeException e) {
            log.warn("Receipt {} not printed: {}", data.receipt().receiptNumber(), e.getMessage(), e);
            problem = e.getMessage();
        }
        return new Printed(text, png, problem);
    }

    /** Live status of the printer (blocks up to the status timeout; never throws). */
    public io.branchpos.hardware.printer.PrinterStatus printerStatus() {
        return printer.status();
    }

    public String describe() {
        return virtual != null ? "virtual printer " + virtual.host() + ":" + virtual.port() : printer.describe();
    }

    /** Prints the sample receipt (logo, QR, barcode, non-ASCII text) through the print journal. */
    public io.branchpos.hardware.DeviceOutcome testPrint() {
        PrintJob job = queue.print(io.branchpos.hardware.receipt.SampleReceipt.build(), "Test print");
        return job.state() == PrintJob.State.PRINTED ? io.branchpos.hardware.DeviceOutcome.done()
                : io.branchpos.hardware.DeviceOutcome.failed(job.lastError().isEmpty() ? job.state().name()
                        : job.lastError());
    }

    /** Receipts that did not come out yet, with their reasons. */
    public List<PrintJob> queuedJobs() {
        return queue.pending();
    }

    /** Sends queued receipts again; returns how many are still queued. */
    public int retryQueued() {
        queue.retryAll();
        return queue.pending().size();
    }

    /** Kicks the cash drawer wired to the receipt printer (no-sale). Blocking; never throws. */
    public DeviceOutcome openDrawer() {
        try {
            return new PrinterKickDrawer(printer, 0).open();
        } catch (RuntimeException e) {
            return new DeviceOutcome(false, e.getMessage());
        }
    }

    /** The virtual printer, if this output prints to one (tests read what was printed). */
    public VirtualPrinter virtualPrinter() {
        return virtual;
    }

    public PrinterProfile profile() {
        return profile;
    }

    @Override
    public void close() {
        try {
            printer.close();
        } catch (Exception e) {
            log.debug("closing printer: {}", e.getMessage());
        }
        if (virtual != null) {
            virtual.close();
        }
    }
}
