package io.branchpos.installers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs real commands (dpkg, the installed launchers) on this machine, for the installer tests. */
final class Host {
    private Host() {
    }

    /** What a finished command printed and returned. */
    record Result(int exitCode, String output) {
        Result assertOk(String what) {
            assertThat(exitCode).as(what + " failed (exit " + exitCode + "):\n" + output).isZero();
            return this;
        }
    }

    /** The tests install, upgrade and purge real packages: root on a dpkg system only. */
    static void assumeRootOnDebian() {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean dpkg = Files.isExecutable(Path.of("/usr/bin/dpkg"));
        String why = !root ? "not root (dpkg -i needs root)" : "no /usr/bin/dpkg (not Debian/Ubuntu)";
        if (!(root && dpkg)) {
            System.err.println("SKIPPED installer tests: " + why);
        }
        assumeTrue(root && dpkg, "installer tests skipped: " + why);
    }

    static Path packagesDir() {
        return Path.of(System.getProperty("packages.dir", "target")).resolve("packages");
    }

    static Path onlyFile(Path dir, String glob) throws IOException {
        List<Path> found = new ArrayList<>();
        try (var s = Files.newDirectoryStream(dir, glob)) {
            s.forEach(found::add);
        }
        assertThat(found).as("exactly one " + glob + " in " + dir + " (build with -Ppackages)").hasSize(1);
        return found.get(0);
    }

    /**
     * Runs a command; dpkg commands wait (up to 5 minutes) while another process holds the dpkg lock
     * (the CI machines are shared: someone else's apt-get may be running).
     */
    static Result run(Duration timeout, Map<String, String> env, String... command) throws IOException, InterruptedException {
        long giveUp = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            Result r = runOnce(timeout, env, command);
            boolean locked = command[0].startsWith("dpkg") && r.exitCode() != 0
                    && (r.output().contains("dpkg frontend lock") || r.output().contains("database is locked"));
            if (!locked || System.nanoTime() > giveUp) {
                return r;
            }
            Thread.sleep(3_000);
        }
    }

    private static Result runOnce(Duration timeout, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("installer-test", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process p = pb.start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                return new Result(-1, "TIMED OUT after " + timeout + ": " + String.join(" ", command) + "\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** A command running in the background (an installed app) until {@link #stop()}. */
    static final class Background {
        private final Process process;
        private final Path log;

        private Background(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        boolean isAlive() {
            return process.isAlive();
        }

        String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        /** SIGTERM to the command and everything it started, SIGKILL after 30 s; returns what it printed. */
        String stop() throws IOException, InterruptedException {
            List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
            tree.forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor();
            }
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < giveUp) {
                Thread.sleep(200);
            }
            tree.forEach(ProcessHandle::destroyForcibly);
            try {
                return output();
            } finally {
                Files.deleteIfExists(log);
            }
        }
    }

    static Background start(Map<String, String> env, String... command) throws IOException {
        Path log = Files.createTempFile("installer-test-bg", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return new Background(pb.start(), log);
    }

    static Result run(String... command) throws IOException, InterruptedException {
        return run(Duration.ofMinutes(3), Map.of(), command);
    }

    static String installedVersion(String pkg) throws IOException, InterruptedException {
        Result r = run("dpkg-query", "-W", "-f=${Status} ${Version}", pkg);
        return r.exitCode() == 0 ? r.output().trim() : "not installed";
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
