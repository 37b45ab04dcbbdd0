package io.branchpos.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sale log record costs the device about its own pages, not a large page-cache folio (decision
 * 0022): the log is preallocated one page per write, because the kernel caches written data in folios
 * of the write's size (ext4 with large folios, this machine's 6.18 kernel) and {@code fdatasync} writes
 * whole dirty folios back. Preallocated in 64 KiB writes, each 3.5 KB record cost ~55 KiB of device
 * writes here. Counted with {@code /proc/self/io write_bytes} (bytes this process sent to the device).
 */
@EnabledOnOs(OS.LINUX)
class SaleLogDeviceBytesTest {
    @TempDir
    Path dir;

    @Test
    void aForcedRecordWritesAboutItsOwnPagesToTheDevice() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/io")), "no /proc/self/io");
        byte[] record = new byte[3500]; // a sale of a few lines
        Arrays.fill(record, (byte) 'x');
        int n = 100;
        try (SaleLog log = SaleLog.openEmpty(dir.resolve(SaleLog.FILE_NAME), 4L << 20)) {
            long before = writeBytes();
            for (int i = 0; i < n; i++) {
                log.append(record);
            }
            double perRecord = (writeBytes() - before) / (double) n;
            // 3.5 KB spans one or two 4 KiB pages; a 64 KiB folio would be 65,536
            assertThat(perRecord).isLessThan(16 * 1024);
        }
    }

    private static long writeBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
            if (line.startsWith("write_bytes:")) {
                return Long.parseLong(line.substring("write_bytes:".length()).trim());
            }
        }
        throw new IllegalStateException("no write_bytes in /proc/self/io");
    }
}
