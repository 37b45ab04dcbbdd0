package io.branchpos.desktop.receipt;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receipt output while no printer is wired: the text layout goes to the preview and the log.
 * Replaced by the hardware module's virtual/ESC-POS printer where available.
 */
public final class TextReceiptOutput implements ReceiptOutput {
    private static final Logger log = LoggerFactory.getLogger(TextReceiptOutput.class);
    private final PlainTextReceipt layout;

    public TextReceiptOutput(PlainTextReceipt layout) {
        this.layout = layout;
    }

    @Override
    public Printed print(ReceiptData data) {
        List<String> text = layout.lines(data);
        log.info("Receipt {}{}:\n{}", data.receipt().receiptNumber(), data.copy() ? " (copy)" : "",
                String.join("\n", text));
        return new Printed(text, null, null);
    }
}
