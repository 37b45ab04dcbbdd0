package io.branchpos.store.catalog;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Many short strings in one byte array (decision 0010): 200,000 SKUs or names cost their bytes
 * plus 4 bytes each, instead of ~40 bytes of object headers each as {@code String}s.
 * {@link #contains} searches the bytes directly; it is exact for text of one-byte characters
 * (normalised names are [a-z0-9 ], see {@link TextNormalizer}).
 */
final class PackedText {
    private final byte[] data;
    private final int[] start; // n + 1 entries
    private final Charset charset;

    private PackedText(byte[] data, int[] start, Charset charset) {
        this.data = data;
        this.start = start;
        this.charset = charset;
    }

    /** Normalised names: ISO-8859-1 (a character outside it, which normalising never leaves, becomes '?'). */
    static PackedText latin1(String[] values) {
        return of(values, StandardCharsets.ISO_8859_1);
    }

    static PackedText utf8(String[] values) {
        return of(values, StandardCharsets.UTF_8);
    }

    private static PackedText of(String[] values, Charset charset) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(values.length * 16);
        int[] start = new int[values.length + 1];
        for (int i = 0; i < values.length; i++) {
            out.writeBytes(values[i].getBytes(charset));
            start[i + 1] = out.size();
        }
        return new PackedText(out.toByteArray(), start, charset);
    }

    int size() {
        return start.length - 1;
    }

    String get(int i) {
        return new String(data, start[i], start[i + 1] - start[i], charset);
    }

    /** Entry {@code i} without its first and last character. */
    String inner(int i) {
        return new String(data, start[i] + 1, start[i + 1] - start[i] - 2, charset);
    }

    int length(int i) {
        return start[i + 1] - start[i];
    }

    char charAt(int i, int at) {
        return (char) (data[start[i] + at] & 0xFF);
    }

    /** Whether entry {@code i} contains {@code needle} (compared as one-byte characters). */
    boolean contains(int i, String needle) {
        int from = start[i];
        int last = start[i + 1] - needle.length();
        int m = needle.length();
        if (m == 0) {
            return true;
        }
        char first = needle.charAt(0);
        for (int p = from; p <= last; p++) {
            if ((data[p] & 0xFF) != first) {
                continue;
            }
            int k = 1;
            while (k < m && (data[p + k] & 0xFF) == needle.charAt(k)) {
                k++;
            }
            if (k == m) {
                return true;
            }
        }
        return false;
    }

    void write(Image out) {
        out.bytes(data);
        out.ints(start);
    }

    static PackedText read(ImageInput in, Charset charset) {
        byte[] data = in.readBytes();
        int[] start = in.readInts();
        if (start.length < 1 || start[0] != 0 || start[start.length - 1] != data.length) {
            throw new IllegalArgumentException("inconsistent packed text");
        }
        for (int i = 0; i + 1 < start.length; i++) {
            if (start[i] > start[i + 1]) {
                throw new IllegalArgumentException("inconsistent packed text");
            }
        }
        return new PackedText(data, start, charset);
    }
}
