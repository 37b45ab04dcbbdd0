package io.branchpos.installers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fast checks of the packaging sources that run in every build (no -Ppackages): shell syntax of
 * every script and maintainer script, and the settings the installer tests and README rely on.
 */
class PackagingFilesTest {
    static final Path DIR = Path.of(System.getProperty("installers.dir", "."));

    @Test
    void everyScriptAndMaintainerScriptParses() throws Exception {
        List<Path> scripts;
        try (Stream<Path> s = Files.walk(DIR)) {
            scripts = s.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(DIR.resolve("target")))
                    .filter(p -> p.toString().endsWith(".sh")
                            || p.getFileName().toString().matches("preinst|postinst|prerm|postrm"))
                    .toList();
        }
        assertThat(scripts).hasSizeGreaterThanOrEqualTo(10);
        for (Path script : scripts) {
            String shell = Files.readString(script).startsWith("#!/usr/bin/env bash") ? "bash" : "sh";
            Process p = new ProcessBuilder(shell, "-n", script.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(shell + " -n " + script + ": " + out).isZero();
            assertThat(Files.isExecutable(script)).as(script + " is executable").isTrue();
        }
    }

    @Test
    void clientPackageKeepsDataAndConfigOutsideTheInstallDirectory() throws IOException {
        String build = Files.readString(DIR.resolve("linux/client/build.sh"));
        assertThat(build).contains("-Dbranchpos.data.dir=/var/lib/branchpos",
                "-Dbranchpos.config=/etc/branchpos/branchpos.properties",
                "-DjSerialComm.library.path=\\$APPDIR/native", "--linux-package-deps");
        String setup = Files.readString(DIR.resolve("linux/client/branchpos-setup.sh"));
        assertThat(setup).as("config is created only when missing").contains("if [ ! -e \"$CONF\" ]");
        String postrm = Files.readString(DIR.resolve("linux/client/deb/postrm"));
        assertThat(postrm).contains("purge)").contains("rm -rf /var/lib/branchpos");
        String keepBranch = postrm.substring(postrm.indexOf("remove|upgrade"));
        assertThat(keepBranch.substring(0, keepBranch.indexOf(";;"))).as("remove and upgrade delete nothing")
                .doesNotContain("rm ");
    }

    @Test
    void everyClientPackageShipsTheClientJvmOptionsAndTheJvmAcceptsThem() throws Exception {
        for (String script : List.of("linux/client/build.sh", "windows/build.sh", "macos/build.sh")) {
            assertThat(Files.readString(DIR.resolve(script))).as(script)
                    .contains("done < \"$INSTALLERS/client-jvm-options\"");
        }
        List<String> options = Files.readAllLines(DIR.resolve("client-jvm-options")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(options).contains("-XX:+UseSerialGC").anyMatch(o -> o.startsWith("-Xmx"));
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(options);
        cmd.add("-version");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
    }

    @Test
    void serverUnitRunsAsItsOwnUserRestartsAndChecksHealth() throws IOException {
        String unit = Files.readString(DIR.resolve("linux/server/branchpos-server.service"));
        assertThat(unit).contains("User=branchpos-server", "Restart=on-failure", "ExecStartPost=",
                "StandardOutput=journal", "@/etc/branchpos-server/db.args");
        String postinst = Files.readString(DIR.resolve("linux/server/deb/postinst"));
        assertThat(postinst).contains("branchpos-server migrate", "useradd --system");
    }
}
