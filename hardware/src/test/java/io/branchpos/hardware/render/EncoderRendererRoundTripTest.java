package io.branchpos.hardware.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import io.branchpos.hardware.escpos.PrinterProfile;
import io.branchpos.hardware.escpos.ReceiptEncoder;
import io.branchpos.hardware.receipt.ReceiptDocument;
import io.branchpos.hardware.receipt.ReceiptDocument.Align;
import io.branchpos.hardware.receipt.ReceiptDocument.BarcodeType;
import io.branchpos.hardware.receipt.ReceiptDocument.Style;
import io.branchpos.hardware.receipt.SampleReceipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncoderRendererRoundTripTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"generic-80mm", "generic-58mm", "basic-58mm"})
    void printedQrAndBarcodeDecodeToTheSameContent(String profileId) {
        PrinterProfile profile = PrinterProfile.load(profileId);
        byte[] bytes = new ReceiptEncoder(profile).encode(SampleReceipt.build());

        RenderedReceipt rendered = new EscPosRenderer(profile).render(bytes);

        assertThat(rendered.image().getWidth()).isEqualTo(profile.dotsPerLine());
        assertThat(ReceiptImages.decode(rendered.image(), BarcodeFormat.QR_CODE)).contains(SampleReceipt.QR_CONTENT);
        assertThat(ReceiptImages.decode(rendered.image(), BarcodeFormat.EAN_13)).contains(SampleReceipt.BARCODE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"generic-80mm", "generic-58mm", "basic-58mm"})
    void rendererUnderstandsEveryCommandTheEncoderEmits(String profileId) {
        PrinterProfile profile = PrinterProfile.load(profileId);
        ReceiptDocument everything = ReceiptDocument.builder()
                .logoPng(SampleReceipt.logoPng())
                .lineSpacing(36)
                .text("bold", Align.LEFT, Style.BOLD)
                .text("underline", Align.CENTER, Style.NORMAL.withUnderline())
                .text("inverse", Align.RIGHT, Style.NORMAL.withInverse())
                .text("big", Align.CENTER, Style.TITLE)
                .text("tall", Align.LEFT, Style.NORMAL.withDoubleHeight())
                .lineSpacing(0)
                .text("Grüße Привет Ευχαριστώ")
                .keyValue("Müller Käse 1,5 kg", "12,99")
                .separator('=')
                .qr(SampleReceipt.QR_CONTENT)
                .barcode(BarcodeType.EAN13, SampleReceipt.BARCODE)
                .barcode(BarcodeType.EAN8, "96385074")
                .barcode(BarcodeType.UPC_A, "036000291452")
                .barcode(BarcodeType.CODE39, "R42")
                .barcode(BarcodeType.CODE128, "R-42")
                .feed(2)
                .openDrawer()
                .cut()
                .build();

        RenderedReceipt r = new EscPosRenderer(profile).render(new ReceiptEncoder(profile).encode(everything.asCopy()));

        assertThat(r.skippedCommands()).isEmpty();
        assertThat(r.cuts()).isEqualTo(profile.cutter() ? 1 : 0);
        assertThat(r.drawerPulses()).isEqualTo(profile.drawer() ? 1 : 0);
    }

    @Test
    void code128RoundTripsNativeAndRaster() {
        ReceiptDocument doc = ReceiptDocument.builder().barcode(BarcodeType.CODE128, "R-0042/123").build();
        for (PrinterProfile p : new PrinterProfile[] {PrinterProfile.generic80mm(), PrinterProfile.load("basic-58mm")}) {
            RenderedReceipt r = new EscPosRenderer(p).render(new ReceiptEncoder(p).encode(doc));
            assertThat(ReceiptImages.decode(r.image(), BarcodeFormat.CODE_128)).as(p.id()).contains("R-0042/123");
        }
    }

    @Test
    void germanTextIsPrintedInACodePageNotAsImage() {
        PrinterProfile profile = PrinterProfile.generic80mm();
        byte[] bytes = new ReceiptEncoder(profile).encode(SampleReceipt.build());

        RenderedReceipt rendered = new EscPosRenderer(profile).render(bytes);

        assertThat(rendered.textLines()).anySatisfy(l -> assertThat(l).startsWith("Müller Käse 1,5 kg").endsWith("12,99"));
        assertThat(rendered.textLines()).anySatisfy(l -> assertThat(l).contains("Äpfel Elstar 0,754 kg × 2,49"));
        assertThat(rendered.textLines()).anySatisfy(l -> assertThat(l).contains("Vielen Dank für Ihren Einkauf!"));
        assertThat(rendered.cuts()).isEqualTo(1);
    }

    @Test
    void textNoCodePageCanHoldIsPrintedAsRaster() {
        PrinterProfile profile = PrinterProfile.generic58mm();
        ReceiptDocument doc = ReceiptDocument.builder().text("Ευχαριστούμε").text("ok").build();

        byte[] bytes = new ReceiptEncoder(profile).encode(doc);
        RenderedReceipt rendered = new EscPosRenderer(profile).render(bytes);

        assertThat(indexOf(bytes, new byte[] {0x1D, 'v', '0'})).isNotNegative();
        assertThat(rendered.textLines()).containsExactly("ok");
        assertThat(ReceiptImages.blackPixels(rendered.image(), 0, 0, 200, 24)).isPositive();
    }

    @Test
    void encoderSwitchesCodePageOnlyWhenTheLineNeedsIt() {
        PrinterProfile profile = PrinterProfile.generic80mm(); // CP858 first (ESC t 19), then CP437, ..., CP866 (17)
        ReceiptDocument doc = ReceiptDocument.builder().text("Grüße").text("Привет").text("Grüße").build();

        byte[] bytes = new ReceiptEncoder(profile).encode(doc);

        assertThat(count(bytes, new byte[] {0x1B, 't', 19})).isEqualTo(2);
        assertThat(count(bytes, new byte[] {0x1B, 't', 17})).isEqualTo(1);
        RenderedReceipt r = new EscPosRenderer(profile).render(bytes);
        assertThat(r.textLines()).containsExactly("Grüße", "Привет", "Grüße");
    }

    @Test
    void copyIsMarkedAtTopAndBottom() {
        PrinterProfile profile = PrinterProfile.generic80mm();
        ReceiptDocument doc = ReceiptDocument.builder().text("Bon 1").cut().build().asCopy();

        RenderedReceipt r = new EscPosRenderer(profile).render(new ReceiptEncoder(profile).encode(doc));

        assertThat(r.textLines()).filteredOn(l -> l.strip().equals("COPY")).hasSize(2);
        assertThat(r.textLines().get(0).strip()).isEqualTo("COPY");
    }

    @Test
    void doubleWidthTextIsTwiceAsWideAsNormal() {
        PrinterProfile profile = PrinterProfile.generic80mm();
        ReceiptDocument doc = ReceiptDocument.builder()
                .text("WWWW", Align.LEFT, Style.NORMAL)
                .text("WWWW", Align.LEFT, Style.NORMAL.withDoubleWidth())
                .build();
        RenderedReceipt r = new EscPosRenderer(profile).render(new ReceiptEncoder(profile).encode(doc));
        // normal line is rows 0..29, the double-width one starts at 30; nothing beyond 4 cells on line 1
        assertThat(ReceiptImages.blackPixels(r.image(), 48, 0, 528, 24)).isZero();
        assertThat(ReceiptImages.blackPixels(r.image(), 48, 30, 48, 24)).isPositive();
        assertThat(ReceiptImages.blackPixels(r.image(), 96, 30, 480, 24)).isZero();
    }

    @Test
    void rightAlignedKeyValueEndsAtTheRightEdge() {
        PrinterProfile profile = PrinterProfile.generic58mm();
        ReceiptDocument doc = ReceiptDocument.builder().keyValue("TOTAL", "9,99").build();
        RenderedReceipt r = new EscPosRenderer(profile).render(new ReceiptEncoder(profile).encode(doc));
        assertThat(r.textLines()).containsExactly("TOTAL" + " ".repeat(32 - 9) + "9,99");
    }

    @Test
    void longTextWrapsAtWordBoundaries() {
        PrinterProfile profile = PrinterProfile.generic58mm();
        ReceiptDocument doc = ReceiptDocument.builder()
                .text("Umtausch innerhalb von 14 Tagen nur mit Kassenbon und Originalverpackung").build();
        RenderedReceipt r = new EscPosRenderer(profile).render(new ReceiptEncoder(profile).encode(doc));
        assertThat(r.textLines()).containsExactly("Umtausch innerhalb von 14 Tagen", "nur mit Kassenbon und", "Originalverpackung");
    }

    @Test
    void lineSpacingChangesTheDistanceBetweenLines() {
        PrinterProfile profile = PrinterProfile.generic80mm();
        ReceiptDocument tight = ReceiptDocument.builder().lineSpacing(24).text("a").text("b").text("c").build();
        ReceiptDocument loose = ReceiptDocument.builder().lineSpacing(60).text("a").text("b").text("c").build();

        int tightHeight = new EscPosRenderer(profile).render(new ReceiptEncoder(profile).encode(tight)).image().getHeight();
        int looseHeight = new EscPosRenderer(profile).render(new ReceiptEncoder(profile).encode(loose)).image().getHeight();

        assertThat(looseHeight - tightHeight).isEqualTo(3 * (60 - 24));
    }

    @Test
    void controlCharactersInTextCannotInjectPrinterCommands() {
        PrinterProfile profile = PrinterProfile.generic80mm();
        // ESC p would open the drawer, GS V would cut
        ReceiptDocument doc = ReceiptDocument.builder().keyValue("Evil\u001Bp\u0000\u0019\u00FAItem\u001DV\u0001", "1,00").build();

        RenderedReceipt r = new EscPosRenderer(profile).render(new ReceiptEncoder(profile).encode(doc));

        assertThat(r.drawerPulses()).isZero();
        assertThat(r.cuts()).isZero();
        assertThat(r.textLines()).singleElement().satisfies(l -> assertThat(l).startsWith("Evil p"));
    }

    @Test
    void barcodeTooWideForThePaperIsPrintedAsText() {
        PrinterProfile profile = PrinterProfile.generic58mm();
        String longCode = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        ReceiptDocument doc = ReceiptDocument.builder().barcode(BarcodeType.CODE128, longCode).build();

        RenderedReceipt r = new EscPosRenderer(profile).render(new ReceiptEncoder(profile).encode(doc));

        assertThat(r.textLines()).anySatisfy(l -> assertThat(l.strip()).isEqualTo(longCode.substring(0, 32)));
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static int count(byte[] hay, byte[] needle) {
        int n = 0;
        for (int i = 0; i + needle.length <= hay.length; i++) {
            boolean match = true;
            for (int j = 0; j < needle.length && match; j++) {
                match = hay[i + j] == needle[j];
            }
            if (match) {
                n++;
            }
        }
        return n;
    }
}
