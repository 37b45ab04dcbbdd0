package io.branchpos.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.branchpos.desktop.sync.FileCredentialStore;
import io.branchpos.sync.client.TerminalCredential;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The first catalog download as the cashier sees it: a progress window over the till while HQ's
 * catalog arrives, no selling behind it, and a usable till once the last page is in. HQ is a
 * scripted feed server that holds back its second page until the test lets it go.
 */
class BootstrapWindowUiTest {
    @TempDir
    Path dir;
    private RunningApp app;
    private ScriptedFeedHq hq;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.stop();
        }
        if (hq != null) {
            hq.secondPage.countDown();
            hq.close();
        }
    }

    @Test
    void theTillShowsProgressAndCannotBeUsedUntilTheCatalogIsCompleteThenItSells() throws Exception {
        hq = new ScriptedFeedHq();
        new FileCredentialStore(dir).save(new TerminalCredential("T-001", "B-001", "token-1"));
        app = RunningApp.start(dir, "--server-url", hq.url());
        FxRobot robot = new FxRobot();

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> bootstrapWindow().isPresent()
                && bar(bootstrapWindow().get()).getProgress() > 0);
        Stage window = bootstrapWindow().orElseThrow();
        assertThat(bar(window).getProgress()).as("first page of two applied").isBetween(0.5, 0.99);
        assertThat(text(window)).contains("7 of about 10 changes");
        assertThat(app.context().catalogFeed().orElseThrow().readyToSell()).isFalse();

        // the cashier tries to sign in behind the window: nothing reaches the till
        robot.write("3").type(javafx.scene.input.KeyCode.ENTER).write("3333").type(javafx.scene.input.KeyCode.ENTER);
        app.settle();
        assertThat(app.shell().session().activeBinding().get()).as("signed in behind the bootstrap window").isFalse();
        assertThat(signInFields(robot)).as("keys reached the sign-in screen").isEqualTo(" | ");
        assertThat(window.isShowing()).isTrue();

        hq.secondPage.countDown();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.isShowing());
        assertThat(app.context().catalogFeed().orElseThrow().readyToSell()).isTrue();
        assertThat(app.context().catalog().findByBarcode("2900000000042")).hasValueSatisfying(p -> {
            assertThat(p.name()).isEqualTo("Feed Product 42");
            assertThat(p.price().amount()).isEqualByComparingTo("4.20");
        });
        try {
            app.signIn("3", "3333");
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("not signed in after the catalog was complete; sign-in screen: " + signInFields(robot) + " / "
                    + robot.lookup(".signin-message").queryAs(Label.class).getText(), e);
        }
        assertThat(app.shell().session().activeBinding().get()).isTrue();
    }

    /** What the sign-in screen's user and PIN fields hold, "user | pin". */
    private static String signInFields(FxRobot robot) {
        return robot.lookup(".signin .big-field").queryAllAs(javafx.scene.control.TextField.class).stream()
                .map(javafx.scene.control.TextField::getText).reduce((a, b) -> a + " | " + b).orElse("(no sign-in screen)");
    }

    private static Optional<Stage> bootstrapWindow() {
        return Window.getWindows().stream().filter(w -> w instanceof Stage s && "Catalog download".equals(s.getTitle())
                && s.isShowing()).map(w -> (Stage) w).findFirst();
    }

    private static ProgressBar bar(Stage stage) {
        return (ProgressBar) stage.getScene().getRoot().lookup(".progress-bar");
    }

    private static String text(Stage stage) {
        return stage.getScene().getRoot().lookupAll(".label").stream().map(n -> ((Label) n).getText())
                .reduce("", (a, b) -> a + " | " + b);
    }

    /** HQ's feed endpoint with two scripted pages; the second waits for {@link #secondPage}. No snapshot (404); everything else: 503. */
    static final class ScriptedFeedHq implements AutoCloseable {
        final CountDownLatch secondPage = new CountDownLatch(1);
        private final HttpServer server;

        ScriptedFeedHq() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "scripted-hq");
                t.setDaemon(true);
                return t;
            }));
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void handle(HttpExchange ex) throws IOException {
            String path = ex.getRequestURI().getPath();
            if ("/v1/branches/B-001/feed/snapshot".equals(path)) { // an HQ without snapshots (decision 0258): the pages
                send(ex, 404, "{\"code\":\"NOT_FOUND\",\"message\":\"no such endpoint\"}");
                return;
            }
            if (!"/v1/branches/B-001/feed".equals(path)) {
                send(ex, 503, "{\"code\":\"UNAVAILABLE\",\"message\":\"scripted HQ serves only the feed\"}");
                return;
            }
            String after = query(ex).getOrDefault("after", "0");
            switch (after) {
                case "0" -> send(ex, 200, page("1.1", true, 3, 1, 3, true));
                case "1.1" -> {
                    try {
                        secondPage.await(2, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    send(ex, 200, page("1.2", false, 0, 41, 43, false));
                }
                default -> send(ex, 200, "{\"nextCursor\":\"" + after + "\",\"hasMore\":false,\"remaining\":0,\"changes\":[]}");
            }
        }

        /** Products {@code from..to}: a PRODUCT change each; with {@code taxes} the tax rate first; prices in one more change each. */
        private static String page(String next, boolean hasMore, long remaining, int from, int to, boolean taxes) {
            StringBuilder changes = new StringBuilder();
            if (taxes) {
                changes.append("{\"kind\":\"TAX\",\"key\":\"STD\",\"intended\":false,\"data\":{\"code\":\"STD\",\"percent\":\"19\",\"name\":\"standard\"}}");
            }
            for (int i = from; i <= to; i++) {
                String sku = String.format("F%05d", i);
                changes.append(changes.length() == 0 ? "" : ",")
                        .append("{\"kind\":\"PRODUCT\",\"key\":\"").append(sku).append("\",\"intended\":false,\"data\":{\"sku\":\"")
                        .append(sku).append("\",\"name\":\"Feed Product ").append(i).append("\",\"category\":\"Feed\",\"taxCode\":\"STD\",")
                        .append("\"unit\":\"PIECE\",\"currency\":\"EUR\",\"active\":true,\"serialized\":false,\"barcodes\":[\"")
                        .append(String.format("29%011d", i)).append("\"]}},")
                        .append("{\"kind\":\"PRICE\",\"key\":\"").append(sku).append("@2026-01-01T00:00:00Z\",\"intended\":false,")
                        .append("\"data\":{\"sku\":\"").append(sku).append("\",\"price\":\"").append(i / 10).append('.').append(i % 10)
                        .append("0\",\"effectiveFrom\":\"2026-01-01T00:00:00Z\",\"version\":").append(i).append("}}");
            }
            return "{\"nextCursor\":\"" + next + "\",\"hasMore\":" + hasMore + ",\"remaining\":" + remaining
                    + ",\"changes\":[" + changes + "]}";
        }

        private static Map<String, String> query(HttpExchange ex) {
            Map<String, String> out = new java.util.HashMap<>();
            String q = ex.getRequestURI().getRawQuery();
            if (q != null) {
                for (String part : q.split("&")) {
                    int eq = part.indexOf('=');
                    if (eq > 0) {
                        out.put(part.substring(0, eq), URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
                    }
                }
            }
            return out;
        }

        private static void send(HttpExchange ex, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
