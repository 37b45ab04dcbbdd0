package io.branchpos.store.catalog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A growing big-endian byte image of arrays and strings, and the matching readers (decision 0010). */
final class Image {
    /**
     * Written in chunks of this size, never one growing array: the search index's image is ~40 MB
     * at 200k SKUs, and doubling a contiguous buffer (32 + 64 MB) plus copying it out ran a till
     * with -Xmx256m out of memory on the first start after a catalog change.
     */
    private static final int CHUNK = 1 << 20;

    private final List<ByteBuffer> done = new ArrayList<>();
    private ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    private long doneBytes;

    private void room(int bytes) {
        if (buf.remaining() < bytes) {
            buf.flip();
            done.add(buf);
            doneBytes += buf.remaining();
            buf = ByteBuffer.allocate(Math.max(CHUNK, bytes));
        }
    }

    void putInt(int v) {
        room(4);
        buf.putInt(v);
    }

    void putShort(short v) {
        room(2);
        buf.putShort(v);
    }

    void bytes(byte[] b) {
        putInt(b.length);
        int off = 0;
        while (off < b.length) {
            room(1);
            int n = Math.min(buf.remaining(), b.length - off);
            buf.put(b, off, n);
            off += n;
        }
    }

    void ints(int[] a) {
        putInt(a.length);
        int off = 0;
        while (off < a.length) {
            room(4);
            int n = Math.min(buf.remaining() / 4, a.length - off);
            buf.asIntBuffer().put(a, off, n);
            buf.position(buf.position() + 4 * n);
            off += n;
        }
    }

    void longs(long[] a) {
        putInt(a.length);
        int off = 0;
        while (off < a.length) {
            room(8);
            int n = Math.min(buf.remaining() / 8, a.length - off);
            buf.asLongBuffer().put(a, off, n);
            buf.position(buf.position() + 8 * n);
            off += n;
        }
    }

    void string(String s) {
        bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    void strings(String[] a) {
        putInt(a.length);
        for (String s : a) {
            string(s);
        }
    }

    /** Bytes written so far. */
    long length() {
        return doneBytes + buf.position();
    }

    /** The image's bytes, in order, as read-only views (nothing copied). */
    List<ByteBuffer> chunks() {
        List<ByteBuffer> out = new ArrayList<>(done.size() + 1);
        for (ByteBuffer b : done) {
            out.add(b.asReadOnlyBuffer());
        }
        ByteBuffer last = buf.duplicate();
        last.flip();
        out.add(last.asReadOnlyBuffer());
        return out;
    }

    byte[] toBytes() {
        long n = length();
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("image of " + n + " bytes");
        }
        byte[] out = new byte[(int) n];
        int at = 0;
        for (ByteBuffer b : chunks()) {
            int len = b.remaining();
            b.get(out, at, len);
            at += len;
        }
        return out;
    }

    static int count(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("bad length " + n);
        }
        return n;
    }

    static byte[] readBytes(ByteBuffer in) {
        byte[] b = new byte[count(in)];
        in.get(b);
        return b;
    }

    static int[] readInts(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || (long) n * 4 > in.remaining()) {
            throw new IllegalArgumentException("bad length " + n);
        }
        int[] a = new int[n];
        in.asIntBuffer().get(a);
        in.position(in.position() + 4 * n);
        return a;
    }

    static long[] readLongs(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || (long) n * 8 > in.remaining()) {
            throw new IllegalArgumentException("bad length " + n);
        }
        long[] a = new long[n];
        in.asLongBuffer().get(a);
        in.position(in.position() + 8 * n);
        return a;
    }

    static String readString(ByteBuffer in) {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    static String[] readStrings(ByteBuffer in) {
        String[] a = new String[count(in)];
        for (int i = 0; i < a.length; i++) {
            a[i] = readString(in);
        }
        return a;
    }
}
