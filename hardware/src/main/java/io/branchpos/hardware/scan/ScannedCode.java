package io.branchpos.hardware.scan;

import java.math.BigDecimal;
import java.util.UUID;

/** What a scan turned out to be, after normalisation. The desktop switches over these. */
public sealed interface ScannedCode {

    /** The text as it came from the scanner, AIM prefix and all. */
    String raw();

    /** A trade item number (EAN-8, UPC-A, UPC-E expanded, EAN-13, GTIN-14), normalised to 14 digits. */
    record Product(String raw, String gtin14) implements ScannedCode {
    }

    /** A price- or weight-embedded EAN-13; look the item up by {@code lookupGtin14} (value digits zeroed). */
    record VariableMeasure(String raw, String lookupGtin14, String itemReference,
                           VariableMeasureTemplate.Measure measure, BigDecimal value) implements ScannedCode {
    }

    /** GS1 data (GS1-128, DataBar, GS1 QR/DataMatrix element strings, or a GS1 Digital Link URI). */
    record Gs1Data(String raw, Gs1ElementString data) implements ScannedCode {
    }

    /** One of our own receipt QR codes (see {@link ReceiptQr}). */
    record ReceiptReference(String raw, String receiptNumber, UUID saleId) implements ScannedCode {
    }

    /** Anything else; {@code reason} says why it was not understood. */
    record Unrecognized(String raw, String reason) implements ScannedCode {
    }
}
