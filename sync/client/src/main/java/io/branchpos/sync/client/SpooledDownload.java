package io.branchpos.sync.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A response body copied to a temporary file by its own thread as fast as HQ sends it, read back
 * by the caller at its own pace (decision 0263). A feed snapshot is loaded while it is read; the
 * loader may stop reading for long stretches (a commit, a collection in a till's heap), and HQ
 * must not wait for it: its writing thread would run into the server's idle timeout, and its
 * REPEATABLE READ transaction would hold back the xmin horizon every terminal's feed waits for
 * (decision 0250). Reading blocks until more bytes are on disk; a failed or cut download is
 * rethrown to the reader after the bytes that did arrive. Closing stops the copy (closing the
 * body) and deletes the file.
 */
final class SpooledDownload extends InputStream {
    private final InputStream body;
    private final Runnable cancel;
    private final Path file;
    private final FileChannel in;
    private final Thread copier;
    private final Object lock = new Object();
    private long written;
    private boolean done;
    private IOException failure;
    private long position;
    private volatile boolean closed;

    /** {@code cancel} aborts the download (the HTTP call) when the reader closes before it ended. */
    SpooledDownload(InputStream body, Runnable cancel) throws IOException {
        this.body = body;
        this.cancel = cancel;
        this.file = Files.createTempFile("branchpos-feed-snapshot", ".gz");
        OutputStream out;
        try {
            out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            this.in = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        this.copier = new Thread(() -> copy(out), "branchpos-snapshot-download");
        copier.setDaemon(true);
        copier.start();
    }

    private void copy(OutputStream out) {
        IOException failed = null;
        try (out) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = body.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush(); // to the OS: the reader's channel sees it
                synchronized (lock) {
                    written += n;
                    lock.notifyAll();
                }
            }
        } catch (IOException e) {
            failed = closed ? null : e;
        } catch (RuntimeException e) {
            failed = new IOException("feed snapshot download failed: " + e, e);
        }
        synchronized (lock) {
            failure = failed;
            done = true;
            lock.notifyAll();
        }
    }

    /** The temporary file (tests: it is gone after {@link #close}). */
    Path file() {
        return file;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        long available;
        synchronized (lock) {
            while (position == written && !done) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("feed snapshot read interrupted");
                }
            }
            available = written - position;
            if (available == 0) {
                if (failure != null) {
                    throw failure;
                }
                return -1;
            }
        }
        int n = in.read(ByteBuffer.wrap(b, off, (int) Math.min(len, available)), position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        try {
            if (copier.isAlive()) {
                cancel.run(); // ends the copy if it still runs (the loader stopped early)
            }
            copier.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            in.close();
            Files.deleteIfExists(file);
        }
    }
}
