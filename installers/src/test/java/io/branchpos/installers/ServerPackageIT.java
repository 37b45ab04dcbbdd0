package io.branchpos.installers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The central server's .deb on this machine: install (service user, config, units, migration of the
 * embedded database as the service user), serve as the unit would, answer the health check, purge.
 * systemd itself is not running in CI containers: the unit is checked with `systemd-analyze verify`
 * and its command line is run directly. Root on Debian only (else skipped).
 */
class ServerPackageIT {
    static final Path ETC = Path.of("/etc/branchpos-server");
    static final Path DATA = Path.of("/var/lib/branchpos-server");
    static final String PORT = "18089";

    @BeforeAll
    static void cleanMachine() throws Exception {
        Host.assumeRootOnDebian();
        Path jar;
        try (var s = Files.newDirectoryStream(Path.of(System.getProperty("packages.dir", "target"), "libs", "server"),
                "branchpos-sync-server-*.jar")) {
            jar = s.iterator().next();
        }
        try (ZipFile z = new ZipFile(jar.toFile())) {
            boolean hasMain = z.getEntry("io/branchpos/sync/server/ServerMain.class") != null;
            if (!hasMain) {
                System.err.println("SKIPPED server package test: the sync server (ServerMain) is not in this build yet");
            }
            assumeTrue(hasMain, "server package test skipped: io.branchpos.sync.server.ServerMain not in " + jar.getFileName());
        }
        if (Files.exists(DATA) && !Files.exists(ETC.resolve(".installer-test"))) {
            throw new IllegalStateException(DATA + " exists and was not made by this test: it may hold a real database."
                    + " Run the installer tests on a throwaway machine, or purge first (dpkg -P branchpos-server).");
        }
        Host.run("dpkg", "-P", "branchpos-server");
    }

    @AfterAll
    static void purge() throws Exception {
        if ("root".equals(System.getProperty("user.name"))) {
            Host.run("dpkg", "-P", "branchpos-server");
        }
    }

    @Test
    void installMigratesServesHealthAndPurgeRemovesEverything() throws Exception {
        Path deb = Host.onlyFile(Host.packagesDir(), "branchpos-server_*.deb");
        // a pre-seeded HTTP port (IT may pre-seed /etc/branchpos-server/*.args like the terminal's config)
        Files.createDirectories(ETC);
        Files.writeString(ETC.resolve("serve.args"), "--port " + PORT + "\n");
        Files.writeString(ETC.resolve(".installer-test"), "made by ServerPackageIT\n");

        Host.Result install = Host.run(Duration.ofMinutes(4), Map.of(), "dpkg", "-i", deb.toString());
        install.assertOk("dpkg -i " + deb.getFileName());
        assertThat(install.output()).contains("database schema is up to date");
        assertThat(Host.run("id", "-u", "branchpos-server").exitCode()).as("service user").isZero();
        assertThat(ETC.resolve("db.args")).isRegularFile();
        assertThat(Files.readString(ETC.resolve("serve.args"))).isEqualTo("--port " + PORT + "\n");
        Path unit = Path.of("/lib/systemd/system/branchpos-server.service");
        assertThat(unit).isRegularFile();
        assertThat(Files.readString(unit)).contains("User=branchpos-server", "Restart=on-failure", "ExecStartPost=");
        if (Files.isExecutable(Path.of("/usr/bin/systemd-analyze"))) {
            Host.Result verify = Host.run("systemd-analyze", "verify", unit.toString(),
                    "/lib/systemd/system/branchpos-server-healthcheck.service",
                    "/lib/systemd/system/branchpos-server-healthcheck.timer");
            assertThat(verify.output()).as("systemd-analyze verify").doesNotContainIgnoringCase("branchpos-server.service:");
        }

        // the unit's ExecStart, as its user; then its ExecStartPost health check
        ProcessBuilder pb = new ProcessBuilder("runuser", "-u", "branchpos-server", "--",
                "/opt/branchpos-server/bin/branchpos-server", "serve", "@/etc/branchpos-server/db.args",
                "@/etc/branchpos-server/serve.args").redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("server", ".log").toFile());
        Process server = pb.start();
        try {
            Host.run(Duration.ofMinutes(3), Map.of(), "/opt/branchpos-server/lib/app/share/healthcheck.sh", "--wait", "150")
                    .assertOk("health check of the installed server");
        } finally {
            server.descendants().forEach(ProcessHandle::destroy);
            server.destroy();
            server.waitFor();
        }

        // upgrade path: reinstalling runs prerm/postinst again, migrates, keeps the config
        Host.run(Duration.ofMinutes(4), Map.of(), "dpkg", "-i", deb.toString()).assertOk("reinstall");
        assertThat(Files.readString(ETC.resolve("serve.args"))).isEqualTo("--port " + PORT + "\n");

        Host.run("dpkg", "-r", "branchpos-server").assertOk("dpkg -r");
        assertThat(unit).doesNotExist();
        assertThat(ETC.resolve("db.args")).isRegularFile();
        assertThat(DATA).isDirectory();
        Host.run("dpkg", "-P", "branchpos-server").assertOk("dpkg -P");
        assertThat(ETC).doesNotExist();
        assertThat(DATA).doesNotExist();
        assertThat(Host.run("id", "-u", "branchpos-server").exitCode()).as("service user removed").isNotZero();
    }
}
