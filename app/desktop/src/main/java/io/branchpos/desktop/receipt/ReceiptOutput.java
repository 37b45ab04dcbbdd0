package io.branchpos.desktop.receipt;

import java.util.List;

/**
 * Prints a receipt and returns what the preview shows. Called on the store executor after the
 * sale is committed: a slow or failing printer never blocks the "Paid" confirmation, and must
 * not throw — a problem is reported in {@link Printed#problem()}.
 */
@FunctionalInterface
public interface ReceiptOutput {
    /** The receipt as printed: its text lines, and a problem if the printer had one. */
    record Printed(List<String> text, byte[] previewPng, String problem) {
        public Printed {
            text = List.copyOf(text);
        }
    }

    Printed print(ReceiptData data);
}
