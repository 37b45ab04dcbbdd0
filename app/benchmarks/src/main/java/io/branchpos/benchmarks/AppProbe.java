package io.branchpos.benchmarks;

import io.branchpos.desktop.Main;
import io.branchpos.desktop.checkout.ProductRow;
import io.branchpos.desktop.checkout.TicketView;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.robot.Robot;
import javafx.stage.Window;

/**
 * Runs in a child JVM started by {@link AppBench}. Command-line entry point; talks to the parent
 * through stdout lines ({@code READY}, {@code MEM rss hwm}, {@code MEMLATER rss hwm}, {@code SCAN ...}).
 *
 * <ul>
 * <li>{@code start DIR}: starts the real app ({@link Main}) on the data directory, headless, and
 * prints READY once ready to scan: the demo cashier is signed in (the probe types user and PIN),
 * the selling screen shows with focus in its scan/search field, and a query typed there shows
 * products (the store thread builds the 200k-name index first, so a result can only show after
 * it), laid out in a pulse.</li>
 * <li>{@code ready DIR}: the same start, but the process ends at READY (after MEM): the benchmark's
 * starts whose deferred work and first use it does not report.</li>
 * <li>{@code scan DIR N SKUS}: the same start, then N barcodes scanned into the cashier screen
 * (digits and Enter as key events, each scan at a random phase to the pulse timer), each timed from
 * Enter until the ticket shows one more line after a layout pulse (the frame that shows it).</li>
 * <li>{@code scanfloor DIR N SKUS}: target 3's limit: a minimal scene (text field, Enter appends a
 * label) scanned and timed exactly as {@code scan}, in a JVM with the same options.</li>
 * <li>{@code idle DIR SECONDS} (by hand): the same start, then the CPU of the idle signed-in
 * till over SECONDS ({@code IDLE} line).</li>
 * <li>{@code floor DIR}: the raw floor of a start: a JVM that opens the H2 file with plain JDBC and
 * reads every product name (what any index must read), then prints READY.</li>
 * </ul>
 */
public final class AppProbe {
    private static final String READY_QUERY = "milk";

    private AppProbe() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String dir = args[1];
        if (mode.equals("floor")) {
            floor(dir);
            System.exit(0);
        }
        if (mode.equals("scanfloor")) {
            try {
                scanFloor(Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            } catch (Throwable e) {
                System.out.println("FAILED " + e);
                e.printStackTrace();
            }
            System.out.flush();
            System.exit(0);
        }
        Thread probe = new Thread(() -> {
            try {
                Scene scene = awaitReady();
                long[] mem = ProcIo.memory("self");
                System.out.println("READY");
                System.out.println("MEM " + mem[0] + " " + mem[1]);
                String report = System.getProperty("branchpos.probe.report");
                if (report != null) {
                    writeReport(java.nio.file.Path.of(report), mem);
                }
                // a till keeps running after it is ready: let the start-up's background work (the
                // barcode map, which saves itself for the next start, decision 0010) finish before
                // this probe ends the process; nothing of this is in the measured time
                if (mode.equals("start")) {
                    awaitThreads(List.of("barcode-map", "branchpos-search-index"), 120);
                    awaitHibernate();
                    // resident memory once the work a start defers past ready (Hibernate's bootstrap
                    // after sign-in, decision 0016) has run too, and 2 s later: not measured time,
                    // reported beside the memory at ready so deferring cannot hide memory
                    Thread.sleep(2000);
                    long[] later = ProcIo.memory("self");
                    System.out.println("MEMLATER " + later[0] + " " + later[1]);
                    firstUse(scene);
                }
                if (mode.equals("idle")) {
                    awaitThreads(List.of("barcode-map", "branchpos-search-index"), 120);
                    awaitHibernate();
                    idle(scene, Integer.parseInt(args[2]));
                }
                if (mode.equals("scan")) {
                    // the start's deferred Hibernate bootstrap (after sign-in, decision 0016) is start-up
                    // work like the barcode map: timed scans begin once it is done, as before it moved
                    awaitHibernate();
                    scanLines(scene, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
                }
            } catch (Throwable e) {
                System.out.println("FAILED " + e);
                e.printStackTrace();
            }
            System.out.flush();
            Platform.exit();
        }, "bench-probe");
        probe.setDaemon(true);
        probe.start();
        // --demo on a store that already has a catalog seeds only the demo users and opens the till
        Main.main(new String[] {"--demo", "--data-dir", dir, "--terminal-id", Stores.TERMINAL});
    }

    /**
     * For profiling a start by hand ({@code -Dbranchpos.probe.report=FILE}, not used by the
     * benchmark): CPU time per thread so far (/proc/self/task, so GC and JIT threads too) and the
     * heap's class histogram at ready.
     */
    private static void writeReport(java.nio.file.Path file, long[] mem) throws Exception {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "ready at JVM uptime %d ms, VmRSS %d KiB, VmHWM %d KiB%n",
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime(), mem[0], mem[1]));
        long tick = 100; // USER_HZ
        java.util.Map<String, Long> cpu = new java.util.TreeMap<>();
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            for (java.nio.file.Path t : (Iterable<java.nio.file.Path>) tasks::iterator) {
                try {
                    String stat = java.nio.file.Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / tick;
                    cpu.merge(name.replaceAll("#?[0-9]+$", "#"), ms, Long::sum);
                } catch (java.io.IOException | RuntimeException gone) {
                    // thread ended meanwhile
                }
            }
        }
        String self = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
        String[] sf = self.substring(self.lastIndexOf(')') + 2).split(" ");
        out.append(String.format(Locale.ROOT, "process CPU %d ms%n",
                (Long.parseLong(sf[11]) + Long.parseLong(sf[12])) * 1000 / tick));
        out.append("CPU ms per live thread (name, numbers folded):\n");
        cpu.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.append(String.format(Locale.ROOT, "%8d  %s%n", e.getValue(), e.getKey())));
        Object histogram = java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        String[] lines = histogram.toString().split("\n");
        for (int i = 0; i < Math.min(lines.length, 45); i++) {
            out.append(lines[i]).append('\n');
        }
        out.append(lines[lines.length - 1]).append('\n');
        try { // with -XX:NativeMemoryTracking=summary: where the memory outside the heap goes
            out.append(java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary", "scale=MB"}}, new String[] {String[].class.getName()}));
        } catch (Exception e) {
            out.append("no native memory summary: ").append(e).append('\n');
        }
        java.nio.file.Files.writeString(file, out);
    }

    /**
     * Waits until Hibernate's bootstrap, which the app defers past ready to the first quiet moment
     * after sign-in (decisions 0016, 0409), has been built: memory reported after it and scans timed
     * after it see it done, as before it moved.
     */
    private static void awaitHibernate() throws InterruptedException {
        long until = System.nanoTime() + 120_000_000_000L;
        while (!io.branchpos.store.StartupTimeline.reached("Hibernate bootstrap built") && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }

    private static void awaitThreads(List<String> names, long seconds) throws InterruptedException {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (names.contains(t.getName())) {
                t.join(Math.max(1, (until - System.nanoTime()) / 1_000_000));
            }
        }
    }

    /**
     * By hand, not in the benchmark ({@code idle DIR SECONDS}): the CPU an idle signed-in till
     * spends, the whole process and its FX thread, over SECONDS after the start's background work
     * has finished and 2 s of rest, and the pulses its scene ran meanwhile (decision 0311: the pulse
     * timer's rate sets how often an idle till wakes). Prints {@code IDLE hz seconds processCpuMs
     * fxCpuMs pulses}.
     */
    private static void idle(Scene scene, int seconds) throws Exception {
        java.util.concurrent.atomic.AtomicInteger pulses = new java.util.concurrent.atomic.AtomicInteger();
        onFx(() -> {
            scene.addPreLayoutPulseListener(pulses::incrementAndGet);
            return null;
        });
        Thread.sleep(2000);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long fxThread = onFx(() -> Thread.currentThread().getId());
        long cpu0 = processCpuMs();
        long fx0 = threads.getThreadCpuTime(fxThread);
        int pulses0 = pulses.get();
        Thread.sleep(seconds * 1000L);
        long cpu = processCpuMs() - cpu0;
        long fx = (threads.getThreadCpuTime(fxThread) - fx0) / 1_000_000;
        int hz = onFx(() -> com.sun.javafx.tk.Toolkit.getToolkit().getRefreshRate());
        System.out.printf(Locale.ROOT, "IDLE %d %d %d %d %d%n", hz, seconds, cpu, fx, pulses.get() - pulses0);
    }

    /** utime + stime of this process so far (/proc/self/stat, USER_HZ 100). */
    private static long processCpuMs() throws java.io.IOException {
        String self = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
        String[] f = self.substring(self.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }

    private static void floor(String dir) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + java.nio.file.Path.of(dir, "branchpos")
                .toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE", "branchpos", "");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT sku, name_norm FROM product")) {
            long n = 0;
            while (rs.next()) {
                rs.getString(1);
                rs.getString(2);
                n++;
            }
            long[] mem = ProcIo.memory("self");
            System.out.println("READY " + n);
            System.out.println("MEM " + mem[0] + " " + mem[1]);
        }
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        AtomicReference<T> out = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                out.set(work.call());
            } catch (Exception e) {
                failure.set(e);
            } finally {
                done.countDown();
            }
        });
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("FX thread did not answer in 30 s");
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return out.get();
    }

    /** Waits for the toolkit, the window and the first search result; returns the scene. */
    private static Scene awaitReady() throws Exception {
        while (true) {
            try {
                Platform.runLater(() -> { });
                break;
            } catch (IllegalStateException toolkitNotUpYet) {
                Thread.sleep(2);
            }
        }
        CountDownLatch ready = new CountDownLatch(1);
        AtomicReference<Scene> sceneRef = new AtomicReference<>();
        Runnable[] check = new Runnable[1];
        java.util.concurrent.ScheduledExecutorService again = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-probe-poll");
            t.setDaemon(true);
            return t;
        });
        boolean[] signedIn = new boolean[1];
        check[0] = () -> {
            if (sceneRef.get() != null) {
                return;
            }
            for (Window w : Window.getWindows()) {
                Scene scene = w.getScene();
                if (!w.isShowing() || scene == null) {
                    continue;
                }
                TextField user = (TextField) visible(scene, "#userField");
                TextField pin = (TextField) visible(scene, "#pinField");
                if (!signedIn[0] && user != null && pin != null) {
                    // the demo cashier signs in (user 1, PIN 1111), as fast as a person never would
                    user.setText("1");
                    pin.setText("1111");
                    pin.fireEvent(new javafx.event.ActionEvent());
                    signedIn[0] = true;
                    io.branchpos.store.StartupTimeline.mark("probe: user and PIN typed");
                }
                TextField field = (TextField) visible(scene, "#searchField");
                ListView<?> list = (ListView<?>) visible(scene, "#resultList");
                if (field == null || list == null || !field.isFocused()) {
                    continue;
                }
                sceneRef.set(scene);
                io.branchpos.store.StartupTimeline.mark("probe: selling screen focused, query typed");
                field.setText(READY_QUERY);
                scene.addPostLayoutPulseListener(() -> {
                    if (ready.getCount() > 0 && field.isFocused() && !list.getItems().isEmpty()) {
                        io.branchpos.store.StartupTimeline.mark("probe: results laid out (ready)");
                        ready.countDown();
                    }
                });
                return;
            }
            // not there yet: look again in 2 ms (re-posting at once kept the FX thread busy, one of
            // the two cores, while the app was still opening its store on the other threads)
            again.schedule(() -> Platform.runLater(check[0]), 2, TimeUnit.MILLISECONDS);
        };
        Platform.runLater(check[0]);
        long limit = Long.getLong("branchpos.probe.timeoutSeconds", 120); // longer only for profiling by hand
        if (!ready.await(limit, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not ready to scan after " + limit + " s");
        }
        again.shutdownNow();
        Scene scene = sceneRef.get();
        onFx(() -> {
            ((TextField) visible(scene, "#searchField")).setText("");
            return null;
        });
        return scene;
    }

    /** The first node matching {@code selector} that is visible with all its parents (screens are stacked). */
    static javafx.scene.Node visible(Scene scene, String selector) {
        for (javafx.scene.Node n : scene.getRoot().lookupAll(selector)) {
            if (treeVisible(n)) {
                return n;
            }
        }
        return null;
    }

    static boolean treeVisible(javafx.scene.Node node) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Target 3 with the scan flow of the cashier screen: a barcode burst (13 digits) and Enter into
     * the focused scan/search field, timed from the Enter key until the ticket has one more line and
     * a layout pulse has run.
     */
    private static void scanLines(Scene scene, int n, int skus) throws Exception {
        TextField field = (TextField) visible(scene, "#searchField");
        TicketView ticket = (TicketView) visible(scene, "#ticketView");
        if (ticket == null) {
            throw new IllegalStateException("no #ticketView in the cashier screen");
        }
        timeScans(scene, field, ticket.getItems(), n, skus, true, "SCAN");
    }

    /**
     * The toolkit's own floor for target 3, run in its own child JVM with the same JVM options: a
     * minimal scene (a text field over a column of labels) whose Enter handler appends one label
     * with the scanned code, the scans injected and timed exactly as {@link #scanLines}. What no
     * application can beat on this toolkit, this machine and this load.
     */
    private static void scanFloor(int n, int skus) throws Exception {
        // the pulse rate the app asks for (its Main does this; decision 0311), or the one given by -D
        io.branchpos.desktop.PulseRate.applyDefault(System.getProperties());
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        up.await();
        AtomicReference<Scene> sceneRef = new AtomicReference<>();
        AtomicReference<TextField> fieldRef = new AtomicReference<>();
        AtomicReference<javafx.scene.layout.VBox> linesRef = new AtomicReference<>();
        onFx(() -> {
            TextField field = new TextField();
            javafx.scene.layout.VBox lines = new javafx.scene.layout.VBox();
            field.setOnAction(e -> {
                lines.getChildren().add(new javafx.scene.control.Label(field.getText()));
                field.clear();
            });
            Scene scene = new Scene(new javafx.scene.layout.VBox(field, lines), 1280, 800); // the app's window
            javafx.stage.Stage stage = new javafx.stage.Stage();
            stage.setScene(scene);
            stage.show();
            field.requestFocus();
            sceneRef.set(scene);
            fieldRef.set(field);
            linesRef.set(lines);
            return null;
        });
        System.out.println("READY");
        timeScans(sceneRef.get(), fieldRef.get(), linesRef.get().getChildren(), n, skus, false, "FLOOR");
        System.out.flush();
        Platform.exit();
    }

    /**
     * Scans into {@code field}, each timed from the Enter key until {@code items} has one more entry
     * and a layout pulse has run. Each scan starts after a random delay (uniform over one pulse
     * period), as a keyboard-wedge scanner's keys come at any moment relative to the toolkit's steady
     * pulse timer; until session 5 the probe started each scan a fixed ~32 ms after the previous
     * scan's pulse, i.e. always just after a pulse, so every line waited most of a frame.
     */
    private static void timeScans(Scene scene, TextField field, javafx.collections.ObservableList<?> items, int n,
            int skus, boolean awaitMemory, String tag) throws Exception {
        AtomicLong enterAt = new AtomicLong();
        AtomicLong visibleAt = new AtomicLong();
        java.util.concurrent.atomic.AtomicInteger expected = new java.util.concurrent.atomic.AtomicInteger();
        // where the time goes, per scan: Enter handed to the robot -> first digit's KEY_PRESSED reaches
        // the scene -> Enter's KEY_PRESSED reaches the scene -> the list has the line -> the pulse
        // that lays it out starts -> that layout pass has run
        AtomicLong firstKeyAt = new AtomicLong();
        AtomicLong enterKeyAt = new AtomicLong();
        AtomicLong lineAt = new AtomicLong();
        AtomicLong pulseAt = new AtomicLong();
        // pulses of the scene so far (a pre-layout listener runs at every pulse, dirty or not), and
        // the count when the Enter key arrived and when the line was laid out: their difference is
        // the frame that showed the line (1 = the first pulse after the Enter key)
        java.util.concurrent.atomic.AtomicInteger pulses = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger pulsesAtEnter = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger pulsesAtVisible = new java.util.concurrent.atomic.AtomicInteger();
        AtomicLong lastPulseAt = new AtomicLong();
        AtomicLong enterPhase = new AtomicLong();
        onFx(() -> {
            scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
                if (enterAt.get() != 0 && firstKeyAt.get() == 0) {
                    firstKeyAt.set(System.nanoTime());
                }
                if (enterAt.get() != 0 && e.getCode() == KeyCode.ENTER && enterKeyAt.get() == 0) {
                    enterKeyAt.set(System.nanoTime());
                    pulsesAtEnter.set(pulses.get());
                    enterPhase.set(enterKeyAt.get() - lastPulseAt.get());
                }
            });
            items.addListener((javafx.collections.ListChangeListener<Object>) c -> {
                if (enterAt.get() != 0 && lineAt.get() == 0 && items.size() >= expected.get()) {
                    lineAt.set(System.nanoTime());
                }
            });
            scene.addPreLayoutPulseListener(() -> {
                long now = System.nanoTime();
                pulses.incrementAndGet();
                lastPulseAt.set(now);
                if (lineAt.get() != 0 && pulseAt.get() == 0) {
                    pulseAt.set(now);
                }
            });
            scene.addPostLayoutPulseListener(() -> {
                if (enterAt.get() != 0 && visibleAt.get() == 0 && items.size() >= expected.get()) {
                    visibleAt.set(System.nanoTime());
                    pulsesAtVisible.set(pulses.get());
                }
            });
            field.setText("");
            field.requestFocus();
            return null;
        });
        // the rate the toolkit's pulse timer runs at (read once at its start: javafx.animation.pulse)
        System.out.println(tag + "PULSE " + onFx(() -> com.sun.javafx.tk.Toolkit.getToolkit().getRefreshRate()));
        Robot robot = onFx(Robot::new);
        boolean useRobot = onFx(() -> {
            robot.keyType(KeyCode.DIGIT1);
            return true;
        });
        Thread.sleep(300);
        useRobot = useRobot && "1".equals(onFx(field::getText));
        onFx(() -> {
            field.setText("");
            return null;
        });
        int waitedFor = awaitMemory ? awaitScansAnsweredInFrame(field, items, skus) : 0;
        // CPU the FX thread spends per scan (keys, handler, pulses): unlike the latency, it does not
        // grow with the scheduler's queue when other work shares the cores
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long fxThread = onFx(() -> Thread.currentThread().getId());
        long fxCpuAtStart = 0;
        com.sun.management.ThreadMXBean alloc = (com.sun.management.ThreadMXBean) threads;
        long fxAllocAtStart = 0;
        long allAllocAtStart = 0;
        long gcAtStart = 0;
        java.util.Random r = new java.util.Random(17);
        java.util.Random phase = new java.util.Random(23);
        Samples s = new Samples();
        Samples fromFirst = new Samples();
        Samples toFirstKey = new Samples();
        Samples keysToEnter = new Samples();
        Samples enterToLine = new Samples();
        Samples lineToPulse = new Samples();
        Samples pulseToLaidOut = new Samples();
        Samples phases = new Samples();
        int[] frames = new int[4]; // 1, 2, 3, >= 4 pulses after the Enter key
        java.util.List<String> late = new java.util.ArrayList<>();
        int missed = 0;
        boolean robotKeys = useRobot;
        for (int i = -WARM_UP_SCANS; i < n; i++) {
            if (i == 0) {
                fxCpuAtStart = threads.getThreadCpuTime(fxThread);
                fxAllocAtStart = alloc.getThreadAllocatedBytes(fxThread);
                allAllocAtStart = allocatedByAllThreads(alloc);
                gcAtStart = collections();
            }
            String code = sellableBarcode(r, skus);
            int before = onFx(items::size);
            expected.set(before + 1);
            visibleAt.set(0);
            firstKeyAt.set(0);
            enterKeyAt.set(0);
            lineAt.set(0);
            pulseAt.set(0);
            // settle after the previous scan, then a random phase to the pulse timer
            Thread.sleep(30);
            if (!FIXED_PHASE) {
                java.util.concurrent.locks.LockSupport.parkNanos((long) (phase.nextDouble() * PULSE_PERIOD_NS));
            }
            long[] first = new long[1];
            onFx(() -> {
                first[0] = System.nanoTime();
                for (char ch : code.toCharArray()) {
                    type(robot, robotKeys, field, ch);
                }
                enterAt.set(System.nanoTime());
                if (robotKeys) {
                    robot.keyType(KeyCode.ENTER);
                } else {
                    field.fireEvent(new javafx.event.ActionEvent());
                }
                return null;
            });
            long waitFrom = System.nanoTime();
            while (visibleAt.get() == 0 && System.nanoTime() - waitFrom < 3_000_000_000L) {
                Thread.sleep(1);
            }
            if (i < 0) {
                // warm-up: the same scan, not counted
            } else if (visibleAt.get() == 0) {
                missed++;
            } else {
                s.add(visibleAt.get() - enterAt.get());
                fromFirst.add(visibleAt.get() - first[0]);
                if (firstKeyAt.get() != 0 && enterKeyAt.get() != 0 && lineAt.get() != 0 && pulseAt.get() != 0) {
                    toFirstKey.add(firstKeyAt.get() - enterAt.get());
                    keysToEnter.add(enterKeyAt.get() - firstKeyAt.get());
                    enterToLine.add(lineAt.get() - enterKeyAt.get());
                    lineToPulse.add(pulseAt.get() - lineAt.get());
                    pulseToLaidOut.add(visibleAt.get() - pulseAt.get());
                    phases.add(enterPhase.get());
                    int f = pulsesAtVisible.get() - pulsesAtEnter.get();
                    frames[Math.max(0, Math.min(f, 4) - 1)]++;
                    if (f > 1 && late.size() < 10) {
                        late.add(String.format(Locale.ROOT, "%d frames (Enter %.1f ms after a pulse, keys %.1f,"
                                + " Enter->line %.1f, line->pulse %.1f, layout %.1f ms)", f, enterPhase.get() / 1e6,
                                (enterKeyAt.get() - firstKeyAt.get()) / 1e6, (lineAt.get() - enterKeyAt.get()) / 1e6,
                                (pulseAt.get() - lineAt.get()) / 1e6, (visibleAt.get() - pulseAt.get()) / 1e6));
                    }
                }
            }
            enterAt.set(0);
        }
        long fxCpuPerScan = (threads.getThreadCpuTime(fxThread) - fxCpuAtStart) / Math.max(1, n);
        long fxAllocPerScan = (alloc.getThreadAllocatedBytes(fxThread) - fxAllocAtStart) / Math.max(1, n);
        long allAllocPerScan = (allocatedByAllThreads(alloc) - allAllocAtStart) / Math.max(1, n);
        long gcs = collections() - gcAtStart;
        System.out.printf(Locale.ROOT, "%s %d %d %d %d %d %s %d %d%n", tag, s.count(), s.percentile(50),
                s.percentile(99), s.max(), missed, useRobot ? "robot" : "fired", fromFirst.percentile(99), fxCpuPerScan);
        if (awaitMemory) {
            System.out.printf(Locale.ROOT, "%sWARMUP %d scans until answered in the frame, then %d warm-up scans%n",
                    tag, waitedFor, WARM_UP_SCANS);
        }
        System.out.printf(Locale.ROOT, "%sSTAGES %s; %s; %s; %s; %s%n", tag,
                stage("robot call returns to 1st key", toFirstKey), stage("1st key to Enter key", keysToEnter),
                stage("Enter key to line", enterToLine), stage("line to pulse start", lineToPulse),
                stage("pulse start to laid out", pulseToLaidOut));
        System.out.printf(Locale.ROOT, "%sFRAMES shown by the 1st pulse after the Enter key %d, 2nd %d, 3rd %d, later %d;"
                + " Enter key after the last pulse p50 %.1f ms (max %.1f); allocated per scan: FX thread %d KiB,"
                + " all threads %d KiB; %d collections during the timed scans%n", tag, frames[0], frames[1], frames[2],
                frames[3], phases.percentile(50) / 1e6, phases.max() / 1e6, fxAllocPerScan / 1024,
                allAllocPerScan / 1024, gcs);
        for (String l : late) {
            System.out.println(tag + "LATE " + l);
        }
    }

    private static long allocatedByAllThreads(com.sun.management.ThreadMXBean alloc) {
        long sum = 0;
        for (long b : alloc.getThreadAllocatedBytes(alloc.getAllThreadIds())) {
            sum += Math.max(0, b);
        }
        return sum;
    }

    private static long collections() {
        long sum = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionCount());
        }
        return sum;
    }

    /**
     * The random delay before each scan spans one pulse period of JavaFX's default rate: Quantum's
     * pulse timer runs at a fixed rate of 1000 / 60 ms in whole milliseconds, i.e. 16 ms
     * (com.sun.javafx.tk.quantum.QuantumToolkit PULSE_INTERVAL; the glass timers of Monocle and GTK
     * tick steadily, their pause is a no-op). The app's 8 ms tick (decision 0311) fits twice in it,
     * so the phase is uniform at either rate; kept at 16 ms so both rates are injected alike.
     */
    static final long PULSE_PERIOD_NS = 16_000_000L;

    /** {@code -Dbranchpos.probe.fixedPhase=true}, by hand only: no random delay, the probe's timing before session 5. */
    private static final boolean FIXED_PHASE = Boolean.getBoolean("branchpos.probe.fixedPhase");

    static final int WARM_UP_SCANS = 20;

    /** A random product that sells with one scan: not weighed (asks for a weight) nor serialized (asks for a serial). */
    /**
     * After the start (not in its time): the one-off delay of the screens built on first use
     * (decision 0017), each from its key (F9 returns on the empty ticket; F12 pay after one scan)
     * until a layout pulse has run with the screen in the scene. Prints {@code FIRSTUSE returnsNanos
     * paymentNanos}.
     */
    private static void firstUse(Scene scene) throws Exception {
        long returns = keyToLaidOut(scene, KeyCode.F9);
        keyToLaidOut(scene, KeyCode.ESCAPE);
        TextField field = (TextField) scene.lookup("#searchField");
        String code = sellableBarcode(new java.util.Random(5), 1000);
        onFx(() -> {
            field.setText(code);
            field.fireEvent(new javafx.event.ActionEvent());
            return null;
        });
        Thread.sleep(500);
        long payment = keyToLaidOut(scene, KeyCode.F12);
        System.out.println("FIRSTUSE " + returns + " " + payment);
    }

    private static long keyToLaidOut(Scene scene, KeyCode key) throws Exception {
        AtomicLong laidOut = new AtomicLong();
        long t0 = onFx(() -> {
            Runnable[] listener = new Runnable[1];
            listener[0] = () -> {
                if (laidOut.compareAndSet(0, System.nanoTime())) {
                    Platform.runLater(() -> scene.removePostLayoutPulseListener(listener[0]));
                }
            };
            long start = System.nanoTime();
            javafx.scene.Node target = scene.getFocusOwner() != null ? scene.getFocusOwner() : scene.getRoot();
            Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", key, false, false, false, false));
            scene.addPostLayoutPulseListener(listener[0]);
            return start;
        });
        long waitFrom = System.nanoTime();
        while (laidOut.get() == 0 && System.nanoTime() - waitFrom < 5_000_000_000L) {
            Thread.sleep(1);
        }
        Thread.sleep(300);
        return laidOut.get() == 0 ? -1 : laidOut.get() - t0;
    }

    private static String sellableBarcode(java.util.Random r, int skus) {
        int item;
        do {
            item = r.nextInt(skus);
        } while (item % 10 > 6);
        return io.branchpos.store.demo.DemoCatalog.primaryBarcode(item);
    }

    /**
     * Waits until the app has finished starting for scans: a scan is answered from memory, i.e. its
     * line is in the ticket when the Enter handler returns (decision 0306). Until the barcode map is
     * built (a start-up step of target 5, on its own thread) a scan goes through the store thread
     * and competes with that build for the two cores; timing those would measure the start, not a
     * scan. Returns the number of scans it took (each adds a line to the ticket).
     */
    private static int awaitScansAnsweredInFrame(TextField field, javafx.collections.ObservableList<?> items,
            int skus) throws Exception {
        java.util.Random r = new java.util.Random(99);
        long until = System.nanoTime() + 120_000_000_000L;
        for (int tries = 1; System.nanoTime() < until; tries++) {
            String code = sellableBarcode(r, skus);
            boolean inFrame = onFx(() -> {
                int before = items.size();
                field.setText(code);
                field.fireEvent(new javafx.event.ActionEvent());
                return items.size() > before;
            });
            if (inFrame) {
                return tries;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("no scan was answered from memory within 120 s (barcode map never built?)");
    }

    private static String stage(String name, Samples s) {
        return String.format(Locale.ROOT, "%s p50 %.2f p99 %.2f max %.2f ms", name, s.percentile(50) / 1e6,
                s.percentile(99) / 1e6, s.max() / 1e6);
    }

    private static void scans(Scene scene, int n, int skus) throws Exception {
        List<String> queries = SearchBench.queries(skus, n, 3).get("prefix");
        TextField field = (TextField) scene.lookup("#searchField");
        @SuppressWarnings("unchecked")
        ListView<ProductRow> list = (ListView<ProductRow>) scene.lookup("#resultList");
        AtomicLong lastChange = new AtomicLong(System.nanoTime());
        AtomicLong changesSinceLastKey = new AtomicLong();
        AtomicLong lastKeyAt = new AtomicLong();
        AtomicLong visibleAt = new AtomicLong();
        onFx(() -> {
            list.getItems().addListener((javafx.collections.ListChangeListener<ProductRow>) c -> {
                lastChange.set(System.nanoTime());
                changesSinceLastKey.incrementAndGet();
            });
            scene.addPostLayoutPulseListener(() -> {
                if (lastKeyAt.get() != 0 && visibleAt.get() == 0 && changesSinceLastKey.get() > 0) {
                    visibleAt.set(System.nanoTime());
                }
            });
            field.requestFocus();
            return null;
        });
        Robot robot = onFx(Robot::new);
        boolean useRobot = onFx(() -> {
            robot.keyType(KeyCode.A);
            return true;
        });
        Thread.sleep(300);
        useRobot = useRobot && "a".equals(onFx(field::getText));
        Samples s = new Samples();
        int missed = 0;
        for (String q : queries) {
            onFx(() -> {
                field.setText("");
                return null;
            });
            String head = q.substring(0, q.length() - 1);
            char last = q.charAt(q.length() - 1);
            boolean robotKeys = useRobot;
            onFx(() -> {
                for (char ch : head.toCharArray()) {
                    type(robot, robotKeys, field, ch);
                }
                return null;
            });
            long settleFrom = System.nanoTime();
            while (!head.equals(onFx(field::getText)) || System.nanoTime() - lastChange.get() < 40_000_000L
                    || System.nanoTime() - settleFrom < 40_000_000L) {
                Thread.sleep(5);
                if (System.nanoTime() - settleFrom > 5_000_000_000L) {
                    throw new IllegalStateException("typing '" + head + "' did not settle: field shows '"
                            + onFx(field::getText) + "'");
                }
            }
            visibleAt.set(0);
            changesSinceLastKey.set(0);
            onFx(() -> {
                lastKeyAt.set(System.nanoTime());
                type(robot, robotKeys, field, last);
                return null;
            });
            long waitFrom = System.nanoTime();
            while (visibleAt.get() == 0 && System.nanoTime() - waitFrom < 2_000_000_000L) {
                Thread.sleep(1);
            }
            if (visibleAt.get() == 0) {
                missed++;
            } else {
                s.add(visibleAt.get() - lastKeyAt.get());
            }
            lastKeyAt.set(0);
        }
        System.out.printf(Locale.ROOT, "SCAN %d %d %d %d %d %s%n", s.count(), s.percentile(50), s.percentile(99),
                s.max(), missed, useRobot ? "robot" : "fired");
    }

    private static void type(Robot robot, boolean useRobot, TextField field, char ch) {
        if (useRobot) {
            robot.keyType(ch == ' ' ? KeyCode.SPACE : Character.isDigit(ch) ? KeyCode.getKeyCode(String.valueOf(ch))
                    : KeyCode.getKeyCode(String.valueOf(Character.toUpperCase(ch))));
        } else {
            Event.fireEvent(field, new KeyEvent(KeyEvent.KEY_TYPED, String.valueOf(ch), "", KeyCode.UNDEFINED,
                    false, false, false, false));
        }
    }
}
