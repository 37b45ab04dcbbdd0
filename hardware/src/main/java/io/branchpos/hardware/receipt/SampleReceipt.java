package io.branchpos.hardware.receipt;

import io.branchpos.hardware.receipt.ReceiptDocument.Align;
import io.branchpos.hardware.receipt.ReceiptDocument.BarcodeType;
import io.branchpos.hardware.receipt.ReceiptDocument.Style;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;

/** A fixed demo receipt: the Devices screen's test print, the docs screenshots and the golden tests use it. */
public final class SampleReceipt {

    /** The QR content printed on the sample receipt. */
    public static final String QR_CONTENT = "BPOS:R:0042-000123:0190f3a2-7c1e-7b3d-9a1f-2b3c4d5e6f70";
    /** The barcode printed on the sample receipt. */
    public static final String BARCODE = "4006381333931";
    /** The sale id in {@link #QR_CONTENT}. */
    public static final UUID SALE_ID = UUID.fromString("0190f3a2-7c1e-7b3d-9a1f-2b3c4d5e6f70");

    private SampleReceipt() {
    }

    public static ReceiptDocument build() {
        return ReceiptDocument.builder()
                .logoPng(logoPng())
                .text("BranchPOS Demo-Markt", Align.CENTER, Style.TITLE)
                .text("Hauptstraße 1, 10115 Berlin", Align.CENTER, Style.NORMAL)
                .text("USt-IdNr. DE123456789", Align.CENTER, Style.NORMAL)
                .separator('=')
                .keyValue("Müller Käse 1,5 kg", "12,99")
                .keyValue("  2 x Brötchen à 0,45", "0,90")
                .keyValue("Äpfel Elstar 0,754 kg × 2,49", "1,88")
                .keyValue("Crème fraîche 200 g", "1,29")
                .keyValue("Pfand", "0,25")
                .separator()
                .keyValue("SUMME EUR", "17,31", Style.TITLE)
                .keyValue("Bar", "20,00")
                .keyValue("Rückgeld", "2,69")
                .separator()
                .keyValue("MwSt 7 %  netto 15,87", "1,11")
                .keyValue("MwSt 19 % netto 0,28", "0,05")
                .feed(1)
                .text("Vielen Dank für Ihren Einkauf!", Align.CENTER, Style.BOLD)
                .text("Grüße aus Köln · Ευχαριστούμε", Align.CENTER, Style.NORMAL)
                .text("Kasse 2  Bon 0042-000123", Align.CENTER, Style.NORMAL.withUnderline())
                .text("22.11.2026 17:25", Align.CENTER, Style.NORMAL)
                .qr(QR_CONTENT)
                .barcode(BarcodeType.EAN13, BARCODE)
                .cut()
                .build();
    }

    /** The bundled sample logo (PNG). */
    public static byte[] logoPng() {
        try (InputStream in = SampleReceipt.class.getResourceAsStream("sample-logo.png")) {
            if (in == null) {
                throw new IllegalStateException("sample-logo.png missing from the hardware jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
