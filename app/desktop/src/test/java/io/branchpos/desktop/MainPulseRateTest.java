package io.branchpos.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pulse rate of decision 0311 reaches the running toolkit: the app is launched through
 * {@link Main} in a child JVM (the JavaFX toolkit reads the rate once, when it starts, so this
 * JVM's toolkit cannot show it) and reports the rate its pulse timer runs at.
 */
class MainPulseRateTest {
    @TempDir
    Path dir;

    @Test
    void theAppRunsJavaFxsPulseTimerAtTheTillsRateWhenNoneIsGiven() throws Exception {
        assertThat(pulseOfAppLaunchedWith(List.of())).isEqualTo("PULSE 125 125");
    }

    @Test
    void aPulseRateGivenOnTheCommandLineWins() throws Exception {
        assertThat(pulseOfAppLaunchedWith(List.of("-Djavafx.animation.pulse=60"))).isEqualTo("PULSE 60 60");
    }

    private String pulseOfAppLaunchedWith(List<String> jvmOptions) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        for (String p : List.of("glass.platform", "monocle.platform", "prism.order", "prism.text", "java.awt.headless")) {
            cmd.add("-D" + p + "=" + System.getProperty(p));
        }
        cmd.add("-Dbranchpos.config=" + dir.resolve("no-system-config.properties"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(PulseRateChild.class.getName());
        cmd.addAll(List.of("--demo", "--data-dir", dir.resolve("data").toString()));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("child.stderr.log").toFile()).start();
        String pulse = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("PULSE ") || line.startsWith("FAILED ")) {
                    pulse = line;
                }
            }
        } finally {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        return pulse;
    }
}
