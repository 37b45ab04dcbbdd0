package io.branchpos.desktop.dayclose;

import io.branchpos.domain.dayclose.ZReport;
import io.branchpos.hardware.escpos.ReceiptEncoder;
import io.branchpos.hardware.printer.PrinterStatus;
import io.branchpos.hardware.printer.ReceiptPrinter;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prints reports on an ESC/POS {@link ReceiptPrinter} (a real one, the virtual printer, or a fake). */
public final class EscPosZPrinter implements ZPrinter {
    private static final Logger log = LoggerFactory.getLogger(EscPosZPrinter.class);

    private final ReceiptPrinter printer;
    private final ReceiptEncoder encoder;

    public EscPosZPrinter(ReceiptPrinter printer, ReceiptEncoder encoder) {
        this.printer = printer;
        this.encoder = encoder;
    }

    @Override
    public String print(ZReport report) {
        String what = report.isZ() ? "Z " + report.zNumber() : "X report";
        PrinterStatus status = printer.status();
        if (!status.canPrint()) {
            return status.message() + " — " + what + " not printed; it stays on screen, save it as PDF or print again.";
        }
        try {
            printer.send(encoder.encode(ZReceipt.document(report)), 0);
            return what + " printed.";
        } catch (IOException | RuntimeException e) {
            log.warn("printing {} failed", what, e);
            return "The printer did not take the " + what + " (" + e.getMessage()
                    + ") — check it and press Print again, or save it as PDF.";
        }
    }
}
