package io.branchpos.store.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evidence that a sale commit reaches the disk, not just the page cache: under strace, N sales
 * cause at least N fsync/fdatasync calls on the sale log, their durability point since decision
 * 0014 (before it: on the database file, one {@code CHECKPOINT SYNC} each); the same sales without
 * {@code FSYNC} durability cause (almost) none, so the test can tell the two apart. Also reports bytes written per sale.
 * strace is installed by the build (.ci/ensure-tools.sh); without it this test fails and says so.
 */
class FsyncPerCommitTest {
    private static final Logger log = LoggerFactory.getLogger(FsyncPerCommitTest.class);
    private static final int SALES = 40;

    @TempDir
    Path dir;

    @Test
    void everySaleCommitIsForcedToDiskWithFsync() throws Exception {
        assumeThat(System.getProperty("os.name")).startsWith("Linux");
        assertThat(hasStrace()).as("strace is needed for this evidence; install it (apt-get install strace)"
                + " or run the build as root so .ci/ensure-tools.sh can").isTrue();

        Run fsync = run("fsync", SALES, "FSYNC");
        Run buffered = run("buffered", SALES, "OS_BUFFER");

        long perSaleFsync = fsync.logSyncs;
        long perSaleBuffered = buffered.logSyncs + buffered.dbSyncs;
        log.info("fsync/fdatasync calls for {} sales: FSYNC durability {} of the sale log and {} of the database"
                + " file, OS_BUFFER {}; bytes written per sale: FSYNC {} B, OS_BUFFER {} B", SALES, perSaleFsync,
                fsync.dbSyncs, perSaleBuffered, fsync.wchar / SALES, buffered.wchar / SALES);
        assertThat(perSaleFsync).as("sync calls added by %d durable sales", SALES).isGreaterThanOrEqualTo(SALES);
        assertThat(perSaleBuffered).as("sync calls added by %d buffered sales", SALES).isLessThan(SALES / 2);
        assertThat(fsync.wchar).isPositive();
    }

    private record Run(long logSyncs, long dbSyncs, long wchar) {
    }

    private Run run(String name, int sales, String durability) throws IOException, InterruptedException {
        Path data = dir.resolve(name);
        Path trace = dir.resolve(name + ".strace");
        List<String> cmd = new ArrayList<>(List.of("strace", "--seccomp-bpf", "-f", "-qq",
                "-y", "-e", "trace=fsync,fdatasync", "-o", trace.toString()));
        cmd.addAll(ChildJvm.command(CommitProbe.class, data.toString(), Integer.toString(sales), durability));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("probe output: %s", output).isZero();
        // count syncs of the database file between the begin and end markers
        long logSyncs = 0;
        long dbSyncs = 0;
        boolean inside = false;
        for (String l : Files.readAllLines(trace)) {
            if (l.contains("begin.marker")) {
                inside = true;
            } else if (l.contains("end.marker")) {
                inside = false;
            } else if (inside && (l.contains("fsync(") || l.contains("fdatasync("))) {
                if (l.contains("branchpos.salelog")) {
                    logSyncs++;
                } else if (l.contains("branchpos.mv.db")) {
                    dbSyncs++;
                }
            }
        }
        long wchar = output.lines().filter(l -> l.startsWith("END wchar=")).mapToLong(l -> Long.parseLong(l.substring(10)))
                .findFirst().orElse(-1);
        return new Run(logSyncs, dbSyncs, wchar);
    }

    private static boolean hasStrace() {
        try {
            return new ProcessBuilder("strace", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
