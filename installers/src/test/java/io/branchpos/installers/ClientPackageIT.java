package io.branchpos.installers;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.branchpos.sync.server.SyncServer;
import io.branchpos.sync.server.db.Databases;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.awt.image.BufferedImage;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
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
 * The terminal's .deb on this machine, for real: pre-seed (with a one-time enrollment code from a real
 * HQ: embedded PostgreSQL + the sync server on loopback), install, start headless, start under Xvfb
 * (enrols, deletes the code line), upgrade N to N+1 with queued sales and a parked ticket in the local
 * database, start: the queue drains to HQ, once. Remove, purge. Root on Debian only (else skipped).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientPackageIT {
    static final Path DATA = Path.of("/var/lib/branchpos");
    static final Path CONF = Path.of("/etc/branchpos/branchpos.properties");
    static final Path LAUNCHER = Path.of("/opt/branchpos/bin/branchpos");
    /** Written into the data directory by this test, so a later run knows it may wipe it. */
    static final String MARKER = ".installer-test";
    static final String TERMINAL = "T-042";
    /** An unprivileged terminal account the test creates (and deletes) to exercise the package's modes. */
    static final String TERMINAL_ACCOUNT = "branchpos-it";

    static final int QUEUED_SALES = 3;

    static List<String> eventsBeforeUpgrade = new ArrayList<>();
    static List<String> salesBeforeUpgrade = new ArrayList<>();
    static List<String> parkedBeforeUpgrade = new ArrayList<>();

    @TempDir
    static Path tmp;

    /** HQ: real PostgreSQL and the real sync server, on a loopback port the pre-seeded config names. */
    static EmbeddedPostgres pg;
    static HikariDataSource hqDb;
    static SyncServer hq;
    static int hqPort;
    static String enrollmentCode;

    @BeforeAll
    static void cleanMachine() throws Exception {
        Host.assumeRootOnDebian();
        if (Files.isDirectory(DATA) && !Files.exists(DATA.resolve(MARKER))) {
            throw new IllegalStateException(DATA + " exists and was not made by this test: it may hold a real"
                    + " terminal's sales. Run the installer tests on a throwaway machine, or purge first (dpkg -P branchpos).");
        }
        Host.run("userdel", TERMINAL_ACCOUNT);
        Host.run("dpkg", "-P", "branchpos");
        Host.deleteTree(DATA);
        Host.deleteTree(CONF.getParent());

        pg = Databases.startEmbedded(tmp.resolve("hq"), 0);
        hqDb = Databases.pool(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        Databases.migrate(hqDb);
        enrollmentCode = new SyncServer(hqDb).registry().createEnrollmentCode("B-007", TERMINAL);
        try (ServerSocket s = new ServerSocket(0)) {
            hqPort = s.getLocalPort();
        }
    }

    @AfterAll
    static void purge() throws Exception {
        stopHq();
        if (hqDb != null) {
            hqDb.close();
        }
        if (pg != null) {
            pg.close();
        }
        if ("root".equals(System.getProperty("user.name"))) {
            Host.run("userdel", TERMINAL_ACCOUNT);
            Host.run("dpkg", "-P", "branchpos");
        }
    }

    static void startHq() {
        hq = new SyncServer(hqDb).start("127.0.0.1", hqPort);
    }

    static void stopHq() {
        if (hq != null) {
            hq.close();
            hq = null;
        }
    }

    @Test
    @Order(1)
    void installedLauncherStartsWithThePreSeededConfigEnrolsAndDeletesTheOneTimeCode() throws Exception {
        // IT pre-seeds the configuration before installing (silent install), with a code from HQ
        Files.createDirectories(CONF.getParent());
        String seeded = """
                # pre-seeded by IT before installing
                server.url=http://127.0.0.1:%d
                branch.code=B-007

                terminal.id=%s
                enrollment.code=%s
                """.formatted(hqPort, TERMINAL, enrollmentCode);
        Files.writeString(CONF, seeded);

        Path deb = Host.onlyFile(Host.packagesDir(), "branchpos_" + System.getProperty("package.version") + "-1_*.deb");
        Host.run("dpkg", "-i", deb.toString()).assertOk("dpkg -i " + deb.getFileName());
        assertThat(Host.installedVersion("branchpos")).startsWith("install ok installed " + System.getProperty("package.version"));

        assertThat(LAUNCHER).isExecutable();
        assertThat(Files.readString(CONF)).as("pre-seeded config kept").isEqualTo(seeded);
        assertConfigForTheGroupOnly();
        assertThat(DATA).isDirectory();
        Files.writeString(DATA.resolve(MARKER), "made by ClientPackageIT\n");
        assertThat(Host.run("dpkg-query", "-W", "-f=${Depends}", "branchpos").output()).contains("libgtk-3-0");
        assertThat(Path.of("/opt/branchpos/lib/app/native/libjSerialComm.so")).isRegularFile();
        assertThat(Path.of("/opt/branchpos/lib/branchpos-branchpos.desktop")).as("menu entry")
                .content().contains("Name=BranchPOS", "Exec=/opt/branchpos/bin/branchpos");

        terminalAccountMayDropALineButOthersCannotReadTheConfig();

        // HQ down: the app starts and renders; the code is not spent
        Path shot = tmp.resolve("installed.png");
        startHeadless(shot);
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(800);
        assertThat(distinctColours(image)).as("a drawn window, not a blank image").isGreaterThan(20);
        assertThat(Files.readString(CONF)).as("HQ was down: the code is still needed").isEqualTo(seeded);

        // AppCDS (decision 0407): the setup made the class-data archive from the installed jars and the launcher
        // maps it (-Xshare:on makes a start that cannot map it fail); a stale one (a jar changed since, as
        // between an upgrade's unpack and its configure) costs the start its speed, never the start; the next
        // configure makes it anew
        assertThat(DATA.resolve("cds/branchpos.jsa")).isNotEmptyFile();
        assertThat(classesFromTheArchive("-Xshare:on")).as("classes a start maps from the archive").isGreaterThan(3000);
        Path jar = Host.onlyFile(Path.of("/opt/branchpos/lib/app"), "branchpos-desktop-*.jar");
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        assertThat(classesFromTheArchive("-Xshare:auto")).as("stale archive: the app starts without it").isZero();
        Host.run(Duration.ofMinutes(3), Map.of(), "/opt/branchpos/lib/app/share/branchpos-setup.sh", "configure")
                .assertOk("branchpos-setup.sh configure");
        assertThat(classesFromTheArchive("-Xshare:on")).as("made anew").isGreaterThan(3000);

        // HQ up, on a real (virtual) X display through GTK, with a fresh home: the first start that reaches HQ
        // enrols and removes the code line; JavaFX loads its libraries from /opt/branchpos/lib/app/native
        startHq();
        Path home = Files.createDirectories(tmp.resolve("home"));
        Host.Background app = Host.start(Map.of("HOME", home.toString()), "xvfb-run", "-a", LAUNCHER.toString());
        String x11;
        try {
            await("the enrollment code line to disappear from " + CONF, app, () -> !Files.readString(CONF).contains("enrollment.code"));
            assertThat(app.isAlive()).as("still running under Xvfb").isTrue();
        } finally {
            x11 = app.stop();
            stopHq();
        }
        assertThat(x11).doesNotContain("Unable to load glass GTK");
        assertThat(home.resolve(".openjfx")).doesNotExist();

        // everything IT wrote is still there byte for byte, only the spent code is gone; same mode and group
        assertThat(Files.readString(CONF)).isEqualTo(seeded.replace("enrollment.code=" + enrollmentCode + "\n", ""));
        assertConfigForTheGroupOnly();
        assertThat(DATA.resolve("credential.properties")).isRegularFile();
        assertThat(DATA.resolve("enrollment-codes-used.properties")).content().doesNotContain(enrollmentCode);
        assertThat(hqQuery("select count(*) from terminal where terminal_id = '" + TERMINAL + "' and token_hash is not null"))
                .containsExactly("1");

        // the packaged app used the machine's data dir and read the pre-seeded terminal id
        assertThat(DATA.resolve("branchpos.mv.db")).isRegularFile();
        assertThat(Files.readString(DATA.resolve("logs/branchpos.log")))
                .contains("Local store open at " + DATA + " for terminal " + TERMINAL)
                .contains("removed the used one-time enrollment code from " + CONF);
    }

    @Test
    @Order(2)
    void upgradeKeepsQueuedSalesTheParkedTicketAndTheConfigurationAndTheQueueDrainsToHqOnce() throws Exception {
        // HQ is down; the cashier sells: a till opened with a float, sales and a parked ticket (journaled,
        // unsynced). In a child JVM on the terminal's own class path: this module's test class path also holds
        // the server's migrations, which the local store's Flyway would refuse.
        Path libs = Path.of(System.getProperty("packages.dir", "target"), "libs", "client");
        String cp = Path.of(QueueUnsyncedWork.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + java.io.File.pathSeparator + libs + "/*";
        Host.run(Duration.ofMinutes(2), Map.of(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dbranchpos.logDir=" + tmp.resolve("helper-logs"), "-cp", cp,
                QueueUnsyncedWork.class.getName(), DATA.toString(), TERMINAL, String.valueOf(QUEUED_SALES))
                .assertOk("queue unsynced work");
        eventsBeforeUpgrade = unsyncedEventIds();
        salesBeforeUpgrade = localIds("SELECT sale_id FROM sale ORDER BY sale_id");
        parkedBeforeUpgrade = localIds("SELECT sale_id FROM parked_sale ORDER BY sale_id");
        assertThat(eventsBeforeUpgrade).hasSizeGreaterThanOrEqualTo(QUEUED_SALES + 2); // till, sales, park
        assertThat(salesBeforeUpgrade).hasSize(QUEUED_SALES);
        assertThat(parkedBeforeUpgrade).hasSize(1);
        String config = Files.readString(CONF);

        String next = System.getProperty("package.upgradeTestVersion");
        Path deb = Host.onlyFile(Host.packagesDir().resolve("upgrade-test"), "branchpos_" + next + "-1_*.deb");
        Host.run("dpkg", "-i", deb.toString()).assertOk("upgrade with dpkg -i " + deb.getFileName());
        assertThat(Host.installedVersion("branchpos")).startsWith("install ok installed " + next);
        assertThat(unsyncedEventIds()).as("queued events after the upgrade").containsExactlyElementsOf(eventsBeforeUpgrade);

        // N+1 starts (HQ still down): everything is still there
        startHeadless(tmp.resolve("upgraded.png"));
        assertThat(unsyncedEventIds()).as("queued events after N+1 started").containsExactlyElementsOf(eventsBeforeUpgrade);
        assertThat(localIds("SELECT sale_id FROM sale ORDER BY sale_id")).isEqualTo(salesBeforeUpgrade);
        assertThat(localIds("SELECT sale_id FROM parked_sale ORDER BY sale_id")).as("parked ticket").isEqualTo(parkedBeforeUpgrade);
        assertThat(Files.readString(CONF)).isEqualTo(config);
        assertConfigForTheGroupOnly();

        // HQ comes back; N+1 runs: the queue drains by itself
        Path log = DATA.resolve("logs/branchpos.log");
        long upToDateBefore = upToDateLines(log);
        startHq();
        Host.Background app = Host.start(Map.of("HOME", Files.createDirectories(tmp.resolve("home2")).toString()),
                "xvfb-run", "-a", LAUNCHER.toString());
        try {
            await("the upgraded terminal to report its queue drained (" + log + ")", app, () -> upToDateLines(log) > upToDateBefore);
        } finally {
            app.stop();
            stopHq();
        }
        assertThat(unsyncedEventIds()).as("nothing left in the queue").isEmpty();
        assertThat(localIds("SELECT sale_id FROM parked_sale ORDER BY sale_id")).as("still parked").isEqualTo(parkedBeforeUpgrade);
        String events = String.join("','", eventsBeforeUpgrade);
        assertThat(hqQuery("select event_id::text from event where event_id::text in ('" + events + "') order by event_id"))
                .as("every queued event at HQ, once").containsExactlyInAnyOrderElementsOf(eventsBeforeUpgrade);
        assertThat(hqQuery("select sale_id from sale where terminal_id = '" + TERMINAL + "' order by sale_id"))
                .as("each sale at HQ exactly once").containsExactlyInAnyOrderElementsOf(salesBeforeUpgrade);
    }

    @Test
    @Order(3)
    void removeKeepsDataAndConfigurationPurgeDeletesThem() throws Exception {
        Host.run("dpkg", "-r", "branchpos").assertOk("dpkg -r branchpos");
        assertThat(Path.of("/opt/branchpos")).doesNotExist();
        assertThat(DATA.resolve("branchpos.mv.db")).isRegularFile();
        assertThat(DATA.resolve("cds")).as("the class-data archive fits only the removed jars").doesNotExist();
        assertThat(CONF).isRegularFile();
        assertThat(localIds("SELECT sale_id FROM sale ORDER BY sale_id")).isEqualTo(salesBeforeUpgrade);
        assertThat(localIds("SELECT sale_id FROM parked_sale ORDER BY sale_id")).isEqualTo(parkedBeforeUpgrade);

        Host.run("dpkg", "-P", "branchpos").assertOk("dpkg -P branchpos");
        assertThat(DATA).doesNotExist();
        assertThat(CONF.getParent()).doesNotExist();
        assertThat(Host.installedVersion("branchpos")).doesNotContain("install ok");
    }

    /**
     * The modes the package sets, exercised by real accounts (the app itself runs as root in these tests):
     * an unprivileged member of `branchpos` replaces a file in /etc/branchpos with the app's atomic rewrite
     * (the group is kept), is refused a file IT locked (0640 root), and a non-member cannot read the config.
     */
    private static void terminalAccountMayDropALineButOthersCannotReadTheConfig() throws Exception {
        Host.run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "-G", "branchpos", TERMINAL_ACCOUNT)
                .assertOk("useradd " + TERMINAL_ACCOUNT);
        Path probe = CONF.resolveSibling("terminal-account-probe.properties");
        Files.writeString(probe, "# written by IT\nkeep=1\nenrollment.code=PROBE\n");
        Host.run("chown", "root:branchpos", probe.toString()).assertOk("chown");
        Files.setPosixFilePermissions(probe, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
        Path libs = Path.of(System.getProperty("packages.dir", "target"), "libs", "client");
        String cp = Path.of(RewriteConfigAsTerminalAccount.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + java.io.File.pathSeparator + libs + "/*";
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Host.run("runuser", "-u", TERMINAL_ACCOUNT, "--", javaBin, "-cp", cp, RewriteConfigAsTerminalAccount.class.getName(),
                probe.toString(), "PROBE").assertOk("the app's rewrite as " + TERMINAL_ACCOUNT);
        assertThat(Files.readString(probe)).isEqualTo("# written by IT\nkeep=1\n");
        assertThat(Host.run("stat", "-c", "%a %G", probe.toString()).output().trim()).isEqualTo("660 branchpos");

        Files.writeString(probe, "enrollment.code=PROBE\n");
        Host.run("chown", "root:branchpos", probe.toString()).assertOk("chown");
        Files.setPosixFilePermissions(probe, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        Host.Result locked = Host.run("runuser", "-u", TERMINAL_ACCOUNT, "--", javaBin, "-cp", cp,
                RewriteConfigAsTerminalAccount.class.getName(), probe.toString(), "PROBE");
        assertThat(locked.exitCode()).as("a file IT locked (0640 root) is left alone:\n" + locked.output()).isEqualTo(3);
        assertThat(locked.output()).contains("not writable by this account");
        assertThat(Files.readString(probe)).isEqualTo("enrollment.code=PROBE\n");
        Files.delete(probe);

        assertThat(Host.run("runuser", "-u", "nobody", "--", "cat", CONF.toString()).exitCode())
                .as("a non-member cannot read the config (it holds the enrollment code)").isNotZero();
    }

    /** 0660 root:branchpos in a 2770 root:branchpos directory: the group reads it and may drop the spent code. */
    private static void assertConfigForTheGroupOnly() throws Exception {
        assertThat(Files.getPosixFilePermissions(CONF)).as("read and write for the group only")
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
        assertThat(Files.readAttributes(CONF, java.nio.file.attribute.PosixFileAttributes.class).group().getName())
                .isEqualTo("branchpos");
        assertThat(Host.run("stat", "-c", "%a %U:%G", CONF.getParent().toString()).output().trim())
                .isEqualTo("2770 root:branchpos");
    }

    /** Waits (up to 3 minutes, polling) while the app runs; fails with its output if it exits or time runs out. */
    private static void await(String what, Host.Background app, Callable<Boolean> done) throws Exception {
        long giveUp = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!done.call()) {
            if (!app.isAlive()) {
                throw new AssertionError("the app exited while waiting for " + what + ":\n" + app.output());
            }
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("gave up waiting for " + what + "; the app said:\n" + app.output());
            }
            Thread.sleep(500);
        }
    }

    private static long upToDateLines(Path log) throws Exception {
        return Files.isRegularFile(log) ? Files.readAllLines(log).stream().filter(l -> l.contains("Sync UP_TO_DATE (0 waiting)")).count() : 0;
    }

    private static List<String> hqQuery(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = hqDb.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static List<String> localIds(String sql) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = h2(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** Starts the installed launcher headless (a screenshot) and counts the classes it loaded from the archive. */
    private static long classesFromTheArchive(String share) throws Exception {
        Path log = tmp.resolve("class-load-" + System.nanoTime() + ".log");
        Path shot = tmp.resolve("cds-" + System.nanoTime() + ".png");
        Host.Result r = Host.run(Duration.ofMinutes(3), Map.of("_JAVA_OPTIONS", share + " -Xlog:class+load=info:file=" + log),
                LAUNCHER.toString(), "--screenshot", shot.toString()).assertOk("installed launcher " + share + " --screenshot");
        assertThat(shot).as("screenshot; launcher said:\n" + r.output()).isRegularFile();
        try (java.util.stream.Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("source: shared objects file")).count();
        }
    }

    private static void startHeadless(Path shot) throws Exception {
        Host.Result r = Host.run(Duration.ofMinutes(3), Map.of(), LAUNCHER.toString(),
                "--screenshot", shot.toString()).assertOk("installed launcher --screenshot");
        assertThat(shot).as("screenshot; launcher said:\n" + r.output()).isRegularFile();
    }

    private static List<String> unsyncedEventIds() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = h2(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT event_id FROM journal_event WHERE seq > COALESCE((SELECT m.synced_through_seq FROM journal_sync_mark m"
                        + " WHERE m.terminal_id = journal_event.terminal_id), 0) ORDER BY terminal_id, seq")) {
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
