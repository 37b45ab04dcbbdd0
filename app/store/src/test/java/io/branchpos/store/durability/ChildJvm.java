package io.branchpos.store.durability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a main class of the test classpath in a separate JVM, so it can be killed for real. */
final class ChildJvm {
    private ChildJvm() {
    }

    static List<String> command(Class<?> main, String... args) {
        return command("256m", main, args);
    }

    /** The same with {@code -Xmx} set to {@code maxHeap} (e.g. "128m"). */
    static List<String> command(String maxHeap, Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + maxHeap);
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    static Process start(List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Starts the child with its stderr appended to {@code log}, to explain a child that never got going. */
    static Process start(List<String> command, Path log) throws IOException {
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /**
     * In the child: if the test JVM dies, our stdin (a pipe from it) closes — then stop at once
     * instead of running on as an orphan that sells or closes days forever.
     */
    static void exitWhenParentDies() {
        Thread guard = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // the parent never writes; we only wait for the end of the stream
                }
            } catch (IOException brokenPipe) {
                // means the same
            }
            Runtime.getRuntime().halt(3);
        }, "orphan-guard");
        guard.setDaemon(true);
        guard.start();
    }

    /** What a child printed on stdout, and whether it printed {@code DONE} in time. */
    record Output(boolean finished, List<String> lines) {
    }

    /**
     * Starts the child (stderr to {@code log}), collects its stdout lines until it prints {@code DONE}
     * (at most 180 s), then kills it with SIGKILL right there, as a power cut would.
     */
    static Output runUntilDoneThenKill(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = start(command, log);
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
                    process.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                    if (line.equals("DONE")) {
                        done.countDown();
                    }
                }
            } catch (IOException endOfChild) {
                // killed
            }
        });
        reader.start();
        boolean finished = done.await(180, java.util.concurrent.TimeUnit.SECONDS);
        process.destroyForcibly(); // SIGKILL
        process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        reader.join(10_000);
        return new Output(finished, new ArrayList<>(lines));
    }

    /** The last lines of a child's log, for an assertion message. */
    static String tail(Path log) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no child log: " + e.getMessage() + ")";
        }
    }
}
