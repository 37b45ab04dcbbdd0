package io.branchpos.hardware.receipt;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * A receipt as the till means it, independent of any printer: what the desktop fills from a sale and the
 * encoder lays out for a printer profile. Immutable; build with {@link #builder()}.
 *
 * @param elements what to print, top to bottom
 * @param copy     whether this is a reprint: the encoder adds a COPY marker at the top and bottom
 */
public record ReceiptDocument(List<Element> elements, boolean copy) {

    public ReceiptDocument {
        elements = List.copyOf(elements);
    }

    /** The same receipt marked as a copy (for reprints). */
    public ReceiptDocument asCopy() {
        return new ReceiptDocument(elements, true);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Horizontal alignment. */
    public enum Align { LEFT, CENTER, RIGHT }

    /** Barcode symbologies the encoder can print natively or as raster. */
    public enum BarcodeType { EAN13, EAN8, UPC_A, CODE128, CODE39 }

    /** Text style; doubled sizes halve the characters per line. */
    public record Style(boolean bold, boolean underline, boolean doubleWidth, boolean doubleHeight, boolean inverse) {
        public static final Style NORMAL = new Style(false, false, false, false, false);
        public static final Style BOLD = new Style(true, false, false, false, false);
        public static final Style TITLE = new Style(true, false, true, true, false);

        public Style withBold() {
            return new Style(true, underline, doubleWidth, doubleHeight, inverse);
        }

        public Style withUnderline() {
            return new Style(bold, true, doubleWidth, doubleHeight, inverse);
        }

        public Style withInverse() {
            return new Style(bold, underline, doubleWidth, doubleHeight, true);
        }

        public Style withDoubleWidth() {
            return new Style(bold, underline, true, doubleHeight, inverse);
        }

        public Style withDoubleHeight() {
            return new Style(bold, underline, doubleWidth, true, inverse);
        }
    }

    /** One printable piece of a receipt. */
    public sealed interface Element {
    }

    /** A paragraph, wrapped at word boundaries to the paper width. */
    public record Text(String text, Align align, Style style) implements Element {
        public Text {
            Objects.requireNonNull(text);
            Objects.requireNonNull(align);
            Objects.requireNonNull(style);
        }
    }

    /** A full-width line of one repeated character. */
    public record Separator(char character) implements Element {
    }

    /** A label on the left and a value on the right, e.g. {@code TOTAL ........ 12.34}. */
    public record KeyValue(String key, String value, Style style) implements Element {
    }

    /** An image (logo), scaled down to the paper width if wider, dithered to black and white. */
    public record Logo(BufferedImage image, Align align) implements Element {
    }

    /** A QR code; {@code moduleDots} is the size of one module in printer dots (1–16). */
    public record Qr(String content, int moduleDots, Align align) implements Element {
    }

    /** A 1D barcode with its human-readable text below. */
    public record Barcode(BarcodeType type, String content, int heightDots, Align align) implements Element {
    }

    /** Blank lines. */
    public record Feed(int lines) implements Element {
    }

    /** Line spacing in dots for the text that follows (0 = the printer's default, 30 dots on most). */
    public record LineSpacing(int dots) implements Element {
    }

    /** Kick the cash drawer on the printer's connector (pin 2) when the receipt prints, e.g. for cash sales. */
    public record OpenDrawer() implements Element {
    }

    /** Feed past the cutter and cut. */
    public record Cut() implements Element {
    }

    /** Fluent builder; the desktop maps a sale to calls on this. */
    public static final class Builder {
        private final List<Element> elements = new ArrayList<>();
        private boolean copy;

        public Builder text(String text) {
            return text(text, Align.LEFT, Style.NORMAL);
        }

        public Builder text(String text, Align align, Style style) {
            elements.add(new Text(text, align, style));
            return this;
        }

        public Builder separator() {
            return separator('-');
        }

        public Builder separator(char c) {
            elements.add(new Separator(c));
            return this;
        }

        public Builder keyValue(String key, String value) {
            return keyValue(key, value, Style.NORMAL);
        }

        public Builder keyValue(String key, String value, Style style) {
            elements.add(new KeyValue(key, value, style));
            return this;
        }

        public Builder logo(BufferedImage image) {
            elements.add(new Logo(image, Align.CENTER));
            return this;
        }

        /** A logo from PNG (or any ImageIO format) bytes. */
        public Builder logoPng(byte[] png) {
            try {
                BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
                if (img == null) {
                    throw new IllegalArgumentException("logo is not a readable image");
                }
                return logo(img);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Builder qr(String content) {
            elements.add(new Qr(content, 6, Align.CENTER));
            return this;
        }

        public Builder qr(String content, int moduleDots, Align align) {
            elements.add(new Qr(content, moduleDots, align));
            return this;
        }

        public Builder barcode(BarcodeType type, String content) {
            elements.add(new Barcode(type, content, 80, Align.CENTER));
            return this;
        }

        public Builder feed(int lines) {
            elements.add(new Feed(lines));
            return this;
        }

        public Builder lineSpacing(int dots) {
            elements.add(new LineSpacing(dots));
            return this;
        }

        public Builder openDrawer() {
            elements.add(new OpenDrawer());
            return this;
        }

        public Builder cut() {
            elements.add(new Cut());
            return this;
        }

        public Builder copy(boolean copy) {
            this.copy = copy;
            return this;
        }

        public ReceiptDocument build() {
            return new ReceiptDocument(elements, copy);
        }
    }
}
