package io.branchpos.sync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A snapshot's body is taken from HQ at HQ's pace and read back at the loader's (decision 0263). */
class SpooledDownloadTest {
    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(7).nextBytes(b);
        return b;
    }

    /** Yields {@code data} and counts down {@code ended} once it has been read to its end. */
    static InputStream source(byte[] data, CountDownLatch ended) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, Math.min(len, 4096));
                if (n < 0) {
                    ended.countDown();
                }
                return n;
            }
        };
    }

    @Test
    void hqsWholeBodyIsTakenWhileTheReaderReadsNothingAndTheReaderThenGetsEveryByteInOrder() throws Exception {
        byte[] data = bytes(3_000_000);
        CountDownLatch ended = new CountDownLatch(1);
        try (SpooledDownload d = new SpooledDownload(source(data, ended), () -> { })) {
            assertThat(ended.await(60, TimeUnit.SECONDS)).as("the body was read to its end before the reader took a byte").isTrue();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            assertThat(d.read()).isEqualTo(data[0] & 0xff);
            got.write(data[0]);
            d.transferTo(got);
            assertThat(got.toByteArray()).isEqualTo(data);
            assertThat(d.read()).isEqualTo(-1);
        }
    }

    @Test
    void aDownloadCutMidwayGivesTheBytesThatArrivedThenTheFailure() throws Exception {
        byte[] data = bytes(100_000);
        InputStream cut = new InputStream() {
            private int at;

            @Override
            public int read() throws IOException {
                if (at == 50_000) {
                    throw new IOException("unexpected end of stream");
                }
                return data[at++] & 0xff;
            }
        };
        try (SpooledDownload d = new SpooledDownload(cut, () -> { })) {
            byte[] first = d.readNBytes(50_000);
            assertThat(first).isEqualTo(java.util.Arrays.copyOf(data, 50_000));
            assertThatThrownBy(d::read).isInstanceOf(IOException.class).hasMessageContaining("unexpected end of stream");
        }
    }

    @Test
    void closingBeforeTheEndCancelsTheDownloadAndLeavesNoFileBehind() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        java.io.PipedOutputStream hq = new java.io.PipedOutputStream();
        java.io.PipedInputStream body = new java.io.PipedInputStream(hq, 1024);
        hq.write(bytes(100));
        java.nio.file.Path file;
        try (SpooledDownload d = new SpooledDownload(body, () -> {
            cancelled.countDown();
            try {
                hq.close(); // as a cancelled call ends its body
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        })) {
            assertThat(d.read()).isGreaterThanOrEqualTo(0);
            file = d.file();
            assertThat(file).exists();
        }
        assertThat(cancelled.getCount()).isZero();
        assertThat(file).doesNotExist();
    }
}
