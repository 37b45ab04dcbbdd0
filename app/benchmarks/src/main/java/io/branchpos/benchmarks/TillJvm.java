package io.branchpos.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A benchmark step in a till's JVM: a child JVM with the installers' JVM options
 * (installers/client-jvm-options, as target 5's probe) runs a main class of this module that prints
 * one {@code DONE ...} line (or {@code FAILED reason}); targets 4 and 7 use it.
 */
final class TillJvm {
    private TillJvm() {
    }

    /** The installers' JVM options, as the child gets them (for the notes). */
    static String options() throws java.io.IOException {
        return String.join(" ", AppBench.installerJvmOptions());
    }

    /**
     * Runs {@code main} with {@code args} (stdout and stderr to {@code log}) and returns the fields of its
     * {@code DONE} line after the word DONE; throws with the child's reason if it failed or took longer than
     * {@code timeoutMinutes}.
     */
    static String[] run(Class<?> main, List<String> args, Path log, int timeoutMinutes, String what) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(AppBench.installerJvmOptions());
        cmd.add("-Dlogback.configurationFile=logback-bench.xml");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(what + " did not end in " + timeoutMinutes + " minutes");
        }
        String done = null;
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("DONE ") || line.startsWith("FAILED")) {
                done = line;
            }
        }
        if (done == null || done.startsWith("FAILED")) {
            throw new IllegalStateException(what + ": " + done + " (see " + log + ")");
        }
        String[] f = done.split(" ");
        return java.util.Arrays.copyOfRange(f, 1, f.length);
    }

    /** Collections of this JVM so far, summed over the collectors (in a child, or the benchmark's own). */
    static long collections() {
        long c = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            c += Math.max(0, gc.getCollectionCount());
        }
        return c;
    }

    /** In the child: milliseconds in collections so far, summed over the collectors. */
    static long gcMillis() {
        long c = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            c += Math.max(0, gc.getCollectionTime());
        }
        return c;
    }

    /** In the child: {@code Name:count/timems} per collector, comma-separated, no spaces. */
    static String perCollector() {
        StringBuilder each = new StringBuilder();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            each.append(each.length() == 0 ? "" : ",").append(gc.getName().replace(' ', '-')).append(':')
                    .append(gc.getCollectionCount()).append('/').append(gc.getCollectionTime()).append("ms");
        }
        return each.toString();
    }
}
