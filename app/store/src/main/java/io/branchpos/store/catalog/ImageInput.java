package io.branchpos.store.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Reads what {@link Image} wrote, big-endian, from a buffer or streamed from a file through a small
 * window (decision 0023): a saved catalog file is parsed straight into the arrays it holds, never
 * first read whole into one ~40 MB array, so a start's heap does not have to grow for a copy it
 * throws away. Reading past the end throws {@link BufferUnderflowException}; a count that cannot
 * fit in what is left throws {@link IllegalArgumentException}.
 */
final class ImageInput {
    /** The window a file is read through; arrays are copied out of it. */
    private static final int WINDOW = 1 << 16;

    private final ByteBuffer buf;
    private final FileChannel file;
    /** Bytes of the file not yet read into the window. */
    private long unread;
    /** Over every byte read from the file into the window, when streaming. */
    private final CRC32 crc;

    private ImageInput(ByteBuffer buf, FileChannel file, long unread, CRC32 crc) {
        this.buf = buf;
        this.file = file;
        this.unread = unread;
        this.crc = crc;
    }

    /** Reads the buffer's remaining bytes (not copied). */
    static ImageInput of(ByteBuffer in) {
        return new ImageInput(in.slice(), null, 0, null);
    }

    /**
     * Streams the next {@code length} bytes of {@code file} from its position, updating {@code crc}
     * with every byte read.
     */
    static ImageInput streaming(FileChannel file, long length, CRC32 crc) {
        ByteBuffer window = ByteBuffer.allocateDirect(WINDOW);
        window.flip(); // empty
        return new ImageInput(window, file, length, crc);
    }

    /** Bytes left to read. */
    long remaining() {
        return buf.remaining() + unread;
    }

    /** Makes at least {@code n} bytes (at most the window) readable from the window. */
    private void need(int n) {
        if (buf.remaining() >= n) {
            return;
        }
        if (file == null || buf.remaining() + unread < n) {
            throw new BufferUnderflowException();
        }
        buf.compact();
        try {
            while (buf.hasRemaining() && unread > 0) {
                int before = buf.position();
                ByteBuffer slot = buf.duplicate();
                slot.limit((int) Math.min(buf.limit(), before + unread));
                int got = file.read(slot);
                if (got < 0) {
                    throw new BufferUnderflowException(); // the file shrank under us
                }
                ByteBuffer fresh = buf.duplicate();
                fresh.position(before).limit(before + got);
                crc.update(fresh);
                buf.position(before + got);
                unread -= got;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            buf.flip();
        }
        if (buf.remaining() < n) {
            throw new BufferUnderflowException();
        }
    }

    int getInt() {
        need(4);
        return buf.getInt();
    }

    short getShort() {
        need(2);
        return buf.getShort();
    }

    /** A non-negative count no larger than the bytes left (each element at least one byte). */
    int count() {
        int n = getInt();
        if (n < 0 || n > remaining()) {
            throw new IllegalArgumentException("bad length " + n);
        }
        return n;
    }

    /** A count of elements of {@code width} bytes each that fit in what is left. */
    private int count(int width) {
        int n = getInt();
        if (n < 0 || (long) n * width > remaining()) {
            throw new IllegalArgumentException("bad length " + n);
        }
        return n;
    }

    byte[] readBytes() {
        byte[] b = new byte[count()];
        int off = 0;
        while (off < b.length) {
            need(1);
            int n = Math.min(buf.remaining(), b.length - off);
            buf.get(b, off, n);
            off += n;
        }
        return b;
    }

    int[] readInts() {
        return ints(count(4));
    }

    /** {@code n} ints with no count before them. */
    int[] ints(int n) {
        if (n < 0 || (long) n * 4 > remaining()) {
            throw new IllegalArgumentException("bad length " + n);
        }
        int[] a = new int[n];
        int off = 0;
        while (off < n) {
            need(4);
            int k = Math.min(buf.remaining() / 4, n - off);
            buf.asIntBuffer().get(a, off, k);
            buf.position(buf.position() + 4 * k);
            off += k;
        }
        return a;
    }

    long[] readLongs() {
        long[] a = new long[count(8)];
        int off = 0;
        while (off < a.length) {
            need(8);
            int k = Math.min(buf.remaining() / 8, a.length - off);
            buf.asLongBuffer().get(a, off, k);
            buf.position(buf.position() + 8 * k);
            off += k;
        }
        return a;
    }

    /** A count of ints as {@link Image#ints} writes it before them, checked against what is left. */
    int intCount() {
        return count(4);
    }

    String readString() {
        return new String(readBytes(), StandardCharsets.UTF_8);
    }

    String[] readStrings() {
        String[] a = new String[count()];
        for (int i = 0; i < a.length; i++) {
            a[i] = readString();
        }
        return a;
    }
}
