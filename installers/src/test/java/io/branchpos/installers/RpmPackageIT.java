package io.branchpos.installers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The terminal's .rpm, checked without installing it (no RPM system here): its declared dependencies
 * (the GTK runtime), its files (all under /opt/branchpos, plus the licence), and its scripts (the same
 * machine set-up as the .deb). Needs the `rpm` tool and the .rpm the build made (skipped with
 * -Dpackage.skipRpm=true or without rpmbuild).
 */
class RpmPackageIT {
    static Path rpm;

    @BeforeAll
    static void findPackage() throws Exception {
        boolean tool = Files.isExecutable(Path.of("/usr/bin/rpm"));
        boolean skipped = Boolean.parseBoolean(System.getProperty("package.skipRpm", "false"));
        if (!tool || skipped) {
            System.err.println("SKIPPED rpm checks: " + (skipped ? "-Dpackage.skipRpm=true" : "no /usr/bin/rpm"));
        }
        assumeTrue(tool && !skipped, "rpm checks skipped");
        rpm = Host.onlyFile(Host.packagesDir(), "branchpos-" + System.getProperty("package.version") + "-1.*.rpm");
    }

    @Test
    void declaresTheGtkRuntimeAndItsVersion() throws Exception {
        String requires = query("-qpR");
        assertThat(requires.lines().map(String::trim)).as("rpm -qpR:\n" + requires).contains("gtk3");
        assertThat(query("-qp", "--queryformat", "%{NAME} %{VERSION}-%{RELEASE}"))
                .isEqualTo("branchpos " + System.getProperty("package.version") + "-1");
    }

    @Test
    void installsEverythingUnderOptBranchposAndNothingIntoDataOrConfigDirectories() throws Exception {
        List<String> files = query("-qpl").lines().toList();
        assertThat(files).contains("/opt/branchpos/bin/branchpos", "/opt/branchpos/lib/app/native/libjSerialComm.so",
                "/opt/branchpos/lib/app/share/branchpos-setup.sh", "/opt/branchpos/lib/app/share/branchpos.properties.example",
                "/opt/branchpos/lib/branchpos-branchpos.desktop", "/opt/branchpos/lib/runtime/lib/server/libjvm.so");
        assertThat(files).as("directories of the OS's filesystem package are not claimed")
                .doesNotContain("/opt", "/usr", "/usr/share", "/usr/share/licenses");
        assertThat(files).as("program files only; /etc/branchpos and /var/lib/branchpos belong to the set-up script")
                .allMatch(f -> f.startsWith("/opt/branchpos") || f.startsWith("/usr/share/licenses/branchpos"), "under /opt/branchpos");
    }

    @Test
    void runsTheSameMachineSetUpAsTheDeb() throws Exception {
        String scripts = query("-qp", "--scripts");
        assertThat(scripts).contains("postinstall scriptlet", "/opt/branchpos/lib/app/share/branchpos-setup.sh configure",
                "preuninstall scriptlet", "rm -f /etc/xdg/autostart/branchpos-kiosk.desktop", "rm -rf /var/lib/branchpos/cds");
    }

    private static String query(String... args) throws Exception {
        String[] command = new String[args.length + 2];
        command[0] = "rpm";
        System.arraycopy(args, 0, command, 1, args.length);
        command[command.length - 1] = rpm.toString();
        Host.Result r = Host.run(command).assertOk(String.join(" ", command));
        // rpm on a Debian host may warn about its missing database; keep only the answer
        return r.output().lines().filter(l -> !l.startsWith("warning:")).reduce((a, b) -> a + "\n" + b).orElse("").trim();
    }
}
