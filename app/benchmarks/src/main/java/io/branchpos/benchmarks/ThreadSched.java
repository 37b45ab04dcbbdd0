package io.branchpos.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The calling thread's time on a core and time runnable but waiting for one, as the Linux kernel
 * counts them ({@code /proc/thread-self/schedstat}: nanoseconds on the CPU, nanoseconds waiting on a
 * run queue, time slices). Opened and read on the thread it describes; read without allocating, so
 * it can be read around every timed sale. Zeros where the file does not exist (not Linux).
 */
final class ThreadSched implements AutoCloseable {
    private final FileChannel file;
    private final ByteBuffer buffer = ByteBuffer.allocate(128);
    private final long[] values = new long[2];

    private ThreadSched(FileChannel file) {
        this.file = file;
    }

    /** For the calling thread (the file opened resolves to this thread's task). */
    static ThreadSched open() {
        try {
            return new ThreadSched(FileChannel.open(Path.of("/proc/thread-self/schedstat"), StandardOpenOption.READ));
        } catch (IOException | UnsupportedOperationException notLinux) {
            return new ThreadSched(null);
        }
    }

    /** Nanoseconds this thread has run on a core. */
    long onCpu() {
        read();
        return values[0];
    }

    /** Nanoseconds this thread has been runnable but waiting for a core. */
    long waitingForCpu() {
        read();
        return values[1];
    }

    private void read() {
        values[0] = 0;
        values[1] = 0;
        if (file == null) {
            return;
        }
        try {
            buffer.clear();
            int n = file.read(buffer, 0);
            int field = 0;
            long v = 0;
            for (int i = 0; i < n && field < 2; i++) {
                byte b = buffer.get(i);
                if (b >= '0' && b <= '9') {
                    v = v * 10 + (b - '0');
                } else {
                    values[field++] = v;
                    v = 0;
                }
            }
        } catch (IOException e) {
            values[0] = 0;
            values[1] = 0;
        }
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // read-only procfs file
            }
        }
    }
}
