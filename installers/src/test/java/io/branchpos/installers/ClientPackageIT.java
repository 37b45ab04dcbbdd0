package io.branchpos.installers;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal's .deb on this machine, for real: pre-seed, install, start headless, upgrade N to
 * N+1 with queued events in the local database, remove, purge. Root on Debian only (else skipped).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientPackageIT {
    static final Path DATA = Path.of("/var/lib/branchpos");
    static final Path CONF = Path.of("/etc/branchpos/branchpos.properties");
    static final Path LAUNCHER = Path.of("/opt/branchpos/bin/branchpos");
    /** Written into the data directory by this test, so a later run knows it may wipe it. */
    static final String MARKER = ".installer-test";
    static final String TERMINAL = "T-042";

    static List<String> eventsBeforeUpgrade = new ArrayList<>();

    @TempDir
    static Path tmp;

    @BeforeAll
    static void cleanMachine() throws Exception {
        Host.assumeRootOnDebian();
        if (Files.isDirectory(DATA) && !Files.exists(DATA.resolve(MARKER))) {
            throw new IllegalStateException(DATA + " exists and was not made by this test: it may hold a real"
                    + " terminal's sales. Run the installer tests on a throwaway machine, or purge first (dpkg -P branchpos).");
        }
        Host.run("dpkg", "-P", "branchpos");
        Host.deleteTree(DATA);
        Host.deleteTree(CONF.getParent());
    }

    @AfterAll
    static void purge() throws Exception {
        if ("root".equals(System.getProperty("user.name"))) {
            Host.run("dpkg", "-P", "branchpos");
        }
    }

    @Test
    @Order(1)
    void installedLauncherStartsWithThePreSeededConfigAndRendersTheMainWindow() throws Exception {
        // IT pre-seeds the configuration before installing (silent install)
        Files.createDirectories(CONF.getParent());
        String seeded = """
                server.url=http://127.0.0.1:9
                branch.code=B-007
                terminal.id=%s
                enrollment.code=ONE-TIME-CODE
                """.formatted(TERMINAL);
        Files.writeString(CONF, seeded);

        Path deb = Host.onlyFile(Host.packagesDir(), "branchpos_" + System.getProperty("package.version") + "-1_*.deb");
        Host.run("dpkg", "-i", deb.toString()).assertOk("dpkg -i " + deb.getFileName());
        assertThat(Host.installedVersion("branchpos")).startsWith("install ok installed " + System.getProperty("package.version"));

        assertThat(LAUNCHER).isExecutable();
        assertThat(Files.readString(CONF)).as("pre-seeded config kept").isEqualTo(seeded);
        assertThat(Files.getPosixFilePermissions(CONF)).as("readable by the group only")
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        assertThat(Files.readAttributes(CONF, java.nio.file.attribute.PosixFileAttributes.class).group().getName())
                .isEqualTo("branchpos");
        assertThat(DATA).isDirectory();
        Files.writeString(DATA.resolve(MARKER), "made by ClientPackageIT\n");
        assertThat(Host.run("dpkg-query", "-W", "-f=${Depends}", "branchpos").output()).contains("libgtk-3-0");
        assertThat(Path.of("/opt/branchpos/lib/app/native/libjSerialComm.so")).isRegularFile();
        assertThat(Path.of("/opt/branchpos/lib/branchpos-branchpos.desktop")).as("menu entry")
                .content().contains("Name=BranchPOS", "Exec=/opt/branchpos/bin/branchpos");

        Path shot = tmp.resolve("installed.png");
        startHeadless(shot);
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(800);
        assertThat(distinctColours(image)).as("a drawn window, not a blank image").isGreaterThan(20);

        // and on a real (virtual) X display through GTK, with a fresh home: it keeps running until stopped,
        // and JavaFX loads its libraries from /opt/branchpos/lib/app/native (nothing unpacked to ~/.openjfx)
        Path home = Files.createDirectories(tmp.resolve("home"));
        Host.Result x11 = Host.run(java.time.Duration.ofMinutes(2), java.util.Map.of("HOME", home.toString()),
                "xvfb-run", "-a", "timeout", "20", LAUNCHER.toString());
        assertThat(x11.exitCode()).as("still running after 20 s under Xvfb (124 = stopped by timeout):\n" + x11.output())
                .isEqualTo(124);
        assertThat(x11.output()).doesNotContain("Unable to load glass GTK", "Exception");
        assertThat(home.resolve(".openjfx")).doesNotExist();

        // the packaged app used the machine's data dir and read the pre-seeded terminal id
        assertThat(DATA.resolve("branchpos.mv.db")).isRegularFile();
        assertThat(Files.readString(DATA.resolve("logs/branchpos.log")))
                .contains("Local store open at " + DATA + " for terminal " + TERMINAL);
    }

    @Test
    @Order(2)
    void upgradeKeepsQueuedEventsAndTheConfiguration() throws Exception {
        // queue work that HQ has not seen: a till opened with a float (journaled, unsynced). In a child
        // JVM on the terminal's own class path: this module's test class path also holds the server's
        // migrations, which the local store's Flyway would refuse.
        Path libs = Path.of(System.getProperty("packages.dir", "target"), "libs", "client");
        String cp = Path.of(QueueUnsyncedWork.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + java.io.File.pathSeparator + libs + "/*";
        Host.run(java.time.Duration.ofMinutes(2), java.util.Map.of(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dbranchpos.logDir=" + tmp.resolve("helper-logs"), "-cp", cp,
                QueueUnsyncedWork.class.getName(), DATA.toString(), TERMINAL).assertOk("queue unsynced work");
        eventsBeforeUpgrade = unsyncedEventIds();
        assertThat(eventsBeforeUpgrade).isNotEmpty();
        String config = Files.readString(CONF);

        String next = System.getProperty("package.upgradeTestVersion");
        Path deb = Host.onlyFile(Host.packagesDir().resolve("upgrade-test"), "branchpos_" + next + "-1_*.deb");
        Host.run("dpkg", "-i", deb.toString()).assertOk("upgrade with dpkg -i " + deb.getFileName());
        assertThat(Host.installedVersion("branchpos")).startsWith("install ok installed " + next);

        startHeadless(tmp.resolve("upgraded.png"));
        assertThat(unsyncedEventIds()).as("queued events after the upgrade").containsExactlyElementsOf(eventsBeforeUpgrade);
        assertThat(Files.readString(CONF)).isEqualTo(config);
    }

    @Test
    @Order(3)
    void removeKeepsDataAndConfigurationPurgeDeletesThem() throws Exception {
        Host.run("dpkg", "-r", "branchpos").assertOk("dpkg -r branchpos");
        assertThat(Path.of("/opt/branchpos")).doesNotExist();
        assertThat(DATA.resolve("branchpos.mv.db")).isRegularFile();
        assertThat(CONF).isRegularFile();
        assertThat(unsyncedEventIds()).containsExactlyElementsOf(eventsBeforeUpgrade);

        Host.run("dpkg", "-P", "branchpos").assertOk("dpkg -P branchpos");
        assertThat(DATA).doesNotExist();
        assertThat(CONF.getParent()).doesNotExist();
        assertThat(Host.installedVersion("branchpos")).doesNotContain("install ok");
    }

    private static void startHeadless(Path shot) throws Exception {
        Host.Result r = Host.run(java.time.Duration.ofMinutes(3), java.util.Map.of(), LAUNCHER.toString(),
                "--screenshot", shot.toString()).assertOk("installed launcher --screenshot");
        assertThat(shot).as("screenshot; launcher said:\n" + r.output()).isRegularFile();
    }

    private static List<String> unsyncedEventIds() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = h2(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT event_id FROM journal_event WHERE synced_at IS NULL ORDER BY terminal_id, seq")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static Connection h2() throws Exception {
        return DriverManager.getConnection("jdbc:h2:file:" + DATA.resolve("branchpos") + ";IFEXISTS=TRUE", "branchpos", "");
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
