package io.branchpos.benchmarks;

import io.branchpos.desktop.Main;
import io.branchpos.desktop.checkout.ProductRow;
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
 * through stdout lines ({@code READY}, {@code MEM rss hwm}, {@code SCAN ...}).
 *
 * <ul>
 * <li>{@code start DIR}: starts the real app ({@link Main}) on the data directory, headless, and
 * prints READY once ready to scan: the cashier window is showing, focus is in the search field,
 * and a query typed there shows products (the store thread builds the 200k-name index first, so
 * a result can only show after it), laid out in a pulse.</li>
 * <li>{@code scan DIR N SKUS}: the same start, then N times: type all but the last key of a
 * product query, let it settle, inject the last key and time until the result list has changed
 * and a layout pulse has passed (the frame that shows it).</li>
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
        Thread probe = new Thread(() -> {
            try {
                Scene scene = awaitReady();
                long[] mem = ProcIo.memory("self");
                System.out.println("READY");
                System.out.println("MEM " + mem[0] + " " + mem[1]);
                if (mode.equals("scan")) {
                    scans(scene, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
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
        Main.main(new String[] {"--data-dir", dir, "--terminal-id", Stores.TERMINAL});
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
        check[0] = () -> {
            if (sceneRef.get() != null) {
                return;
            }
            for (Window w : Window.getWindows()) {
                Scene scene = w.getScene();
                if (!w.isShowing() || scene == null) {
                    continue;
                }
                TextField field = (TextField) scene.lookup("#searchField");
                ListView<?> list = (ListView<?>) scene.lookup("#resultList");
                if (field == null || list == null) {
                    continue;
                }
                sceneRef.set(scene);
                field.setText(READY_QUERY);
                scene.addPostLayoutPulseListener(() -> {
                    if (ready.getCount() > 0 && field.isFocused() && !list.getItems().isEmpty()) {
                        ready.countDown();
                    }
                });
                return;
            }
            Platform.runLater(check[0]); // the window is not there yet: look again next turn
        };
        Platform.runLater(check[0]);
        if (!ready.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not ready to scan after 120 s");
        }
        Scene scene = sceneRef.get();
        onFx(() -> {
            ((TextField) scene.lookup("#searchField")).setText("");
            return null;
        });
        return scene;
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
