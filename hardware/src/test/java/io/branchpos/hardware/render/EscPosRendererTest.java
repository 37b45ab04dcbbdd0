package io.branchpos.hardware.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.hardware.escpos.PrinterProfile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EscPosRendererTest {

    private final PrinterProfile profile = PrinterProfile.generic80mm();

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            } else if (p instanceof Integer i) {
                out.write(i);
            } else if (p instanceof Character c) {
                out.write(c);
            } else if (p instanceof byte[] b) {
                out.writeBytes(b);
            }
        }
        return out.toByteArray();
    }

    @Test
    void unknownCommandsAreSkippedAndTextAroundThemStillPrints() {
        byte[] data = bytes(0x1B, '@', "before\n", 0x1B, '~', 0x1D, 0xF0, 0x1C, 0xEE, 0x10, 0x04, 1,
                0x1D, '(', 'Z', 2, 0, 9, 9, "after\n");

        RenderedReceipt r = new EscPosRenderer(profile).render(data);

        assertThat(r.textLines()).containsExactly("before", "after");
        assertThat(r.skippedCommands()).isNotEmpty();
    }

    @Test
    void truncatedCommandAtTheEndDoesNotThrow() {
        RenderedReceipt r = new EscPosRenderer(profile).render(bytes("text\n", 0x1D, 'v', '0', 0, 10, 0, 100));

        assertThat(r.textLines()).containsExactly("text");
        assertThat(r.skippedCommands()).anySatisfy(s -> assertThat(s).contains("truncated"));
    }

    @Test
    void escBangModesSelectBoldAndDoubleSize() {
        // ESC ! 0x38 = emphasized + double height + double width
        RenderedReceipt r = new EscPosRenderer(profile).render(bytes(0x1B, '!', 0x38, "AB\n"));

        assertThat(r.textLines()).containsExactly("AB");
        assertThat(ReceiptImages.blackPixels(r.image(), 24, 0, 24, 48)).isPositive();
        assertThat(ReceiptImages.blackPixels(r.image(), 48, 0, 200, 48)).isZero();
    }

    @Test
    void columnBitImageFromOlderSoftwareIsDrawn() {
        // ESC * 33 (24-dot double density), 10 columns of solid black
        byte[] cols = new byte[30];
        java.util.Arrays.fill(cols, (byte) 0xFF);
        RenderedReceipt r = new EscPosRenderer(profile).render(bytes(0x1B, '*', 33, 10, 0, cols, "\n"));

        assertThat(ReceiptImages.blackPixels(r.image(), 0, 0, 10, 24)).isEqualTo(240);
    }

    @Test
    void gsParenLGraphicsAreStoredAndPrinted() {
        // GS ( L fn 112: 16x2 dots, all black; then GS ( L fn 50: print
        byte[] store = bytes(0x1D, '(', 'L', 14, 0, 48, 112, 48, 1, 1, 49, 16, 0, 2, 0, 0xFF, 0xFF, 0xFF, 0xFF);
        byte[] print = bytes(0x1D, '(', 'L', 2, 0, 48, 50);

        RenderedReceipt r = new EscPosRenderer(profile).render(bytes(store, print));

        assertThat(ReceiptImages.blackPixels(r.image(), 0, 0, 16, 2)).isEqualTo(32);
    }

    @Test
    void cutsAndDrawerPulsesAreCounted() {
        RenderedReceipt r = new EscPosRenderer(profile).render(bytes("x\n", 0x1B, 'p', 0, 25, 250, 0x1D, 'V', 66, 3));

        assertThat(r.cuts()).isEqualTo(1);
        assertThat(r.drawerPulses()).isEqualTo(1);
    }

    @Test
    void codePageCommandChangesHowBytesDecode() {
        // 0x81 is ü in CP858 (ESC t 19) and Б in CP866 (ESC t 17)
        RenderedReceipt r = new EscPosRenderer(profile).render(bytes(0x1B, 't', 19, 0x81, "\n", 0x1B, 't', 17, 0x81, "\n"));

        assertThat(r.textLines()).containsExactly("ü", "Б");
    }

    @Test
    void overlongLineWrapsLikeAPrinter() {
        RenderedReceipt r = new EscPosRenderer(PrinterProfile.generic58mm()).render(bytes("x".repeat(40) + "\n"));

        assertThat(r.textLines()).containsExactly("x".repeat(32), "x".repeat(8));
    }
}
