package io.branchpos.hardware.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Two connected pseudo-terminals made by {@code socat}: the code under test opens {@link #deviceSide()}, the
 * scripted peer (scale, scanner, display) opens {@link #peerSide()}. Fails loudly when socat is missing —
 * {@code ./mvnw verify} installs it via {@code .ci/ensure-tools.sh}.
 */
public final class PtyPair implements AutoCloseable {

    private final Process socat;
    private final Path a;
    private final Path b;

    private PtyPair(Process socat, Path a, Path b) {
        this.socat = socat;
        this.a = a;
        this.b = b;
    }

    public static PtyPair open(Path dir) throws IOException, InterruptedException {
        if (!onPath("socat")) {
            throw new IllegalStateException("socat is not installed: the serial device tests need it for pty pairs. "
                    + "Run .ci/ensure-tools.sh socat (or apt-get install socat) and build again.");
        }
        Path a = dir.resolve("ttyA");
        Path b = dir.resolve("ttyB");
        Process p = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("socat.log").toFile())
                .start();
        // socat creates the links asynchronously; wait (bounded) until both exist
        for (int i = 0; i < 200 && !(Files.exists(a) && Files.exists(b)); i++) {
            if (!p.isAlive()) {
                throw new IllegalStateException("socat exited: " + Files.readString(dir.resolve("socat.log")));
            }
            Thread.sleep(25);
        }
        if (!(Files.exists(a) && Files.exists(b))) {
            p.destroy();
            throw new IllegalStateException("socat did not create the pty links within 5 s");
        }
        return new PtyPair(p, a, b);
    }

    public String deviceSide() {
        return a.toString();
    }

    public String peerSide() {
        return b.toString();
    }

    @Override
    public void close() {
        socat.destroy();
        try {
            if (!socat.waitFor(5, TimeUnit.SECONDS)) {
                socat.destroyForcibly();
            }
        } catch (InterruptedException e) {
            socat.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
