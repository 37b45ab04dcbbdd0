package io.branchpos.store.catalog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A growing big-endian byte image of arrays and strings, and the matching readers (decision 0010). */
final class Image {
    ByteBuffer buf = ByteBuffer.allocate(1 << 16);

    private void room(int bytes) {
        if (buf.remaining() < bytes) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + bytes + 1024));
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
    }

    void putInt(int v) {
        room(4);
        buf.putInt(v);
    }

    void bytes(byte[] b) {
        room(4 + b.length);
        buf.putInt(b.length);
        buf.put(b);
    }

    void ints(int[] a) {
        room(4 + 4 * a.length);
        buf.putInt(a.length);
        buf.asIntBuffer().put(a);
        buf.position(buf.position() + 4 * a.length);
    }

    void longs(long[] a) {
        room(4 + 8 * a.length);
        buf.putInt(a.length);
        buf.asLongBuffer().put(a);
        buf.position(buf.position() + 8 * a.length);
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

    byte[] toBytes() {
        byte[] out = new byte[buf.position()];
        buf.flip();
        buf.get(out);
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
