package io.branchpos.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's I/O counters and memory from /proc (Linux); zeros elsewhere. */
final class ProcIo {
    private ProcIo() {
    }

    /** {wchar, write_bytes} of this process so far. */
    static long[] read() {
        long wchar = 0;
        long writeBytes = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("wchar:")) {
                    wchar = Long.parseLong(line.substring(6).trim());
                } else if (line.startsWith("write_bytes:")) {
                    writeBytes = Long.parseLong(line.substring(12).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
        return new long[] {wchar, writeBytes};
    }

    /** {VmRSS, VmHWM} in KiB of the given process ("self" or a pid). */
    static long[] memory(String pid) {
        long rss = 0;
        long hwm = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kib(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
        return new long[] {rss, hwm};
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
