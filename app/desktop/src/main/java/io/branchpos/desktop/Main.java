package io.branchpos.desktop;

import io.branchpos.desktop.config.AppConfig;
import javafx.application.Application;

/**
 * Command-line entry point. Not a JavaFX {@code Application} itself, so the app starts from a
 * plain class path too. See {@link AppConfig} for the options.
 */
public final class Main {
    private Main() {
    }

    /**
     * Logback reads its configuration (~0.1-0.3 s of CPU) on its own thread, so the toolkit and the
     * store start meanwhile (decision 0023): a logger asked for while it runs is SLF4J's substitute,
     * whose events are replayed once the configuration is read. Returns once that thread has begun.
     */
    static void configureLoggingAside() {
        quietSlf4jNotes(System.getProperties());
        java.util.concurrent.CountDownLatch begun = new java.util.concurrent.CountDownLatch(1);
        Thread t = new Thread(() -> {
            begun.countDown();
            org.slf4j.LoggerFactory.getILoggerFactory();
        }, "branchpos-log-config");
        t.setDaemon(true);
        t.start();
        try {
            begun.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Thread.yield();
    }

    /**
     * SLF4J reports only its own errors unless {@code slf4j.internal.verbosity} is given: with
     * logging configured aside, its warning that early events are replayed (they are, in order)
     * would otherwise greet every start on stderr.
     */
    static void quietSlf4jNotes(java.util.Properties properties) {
        if (properties.getProperty("slf4j.internal.verbosity") == null) {
            properties.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }

    public static void main(String[] args) {
        // before anything can start the JavaFX toolkit, which reads it once (decision 0311)
        PulseRate.applyDefault(System.getProperties());
        AppConfig config;
        try {
            config = AppConfig.load(args);
        } catch (AppConfig.ConfigException e) {
            System.err.println("branchpos: " + e.getMessage()); // command-line entry: no logger configured yet
            System.exit(2);
            return;
        }
        // logback.xml reads this: logs go to a rolling file in the data directory
        System.setProperty("branchpos.logDir", config.logDir().toString());
        configureLoggingAside();
        if (config.screenshot().isPresent()) {
            // render without a display: Monocle's headless glass, software pipeline
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("prism.text", "t2k");
            System.setProperty("java.awt.headless", "true");
        }
        BranchPosApp.configure(config);
        BranchPosApp.openStoreEarly(); // overlaps the toolkit's start-up; init() waits for it
        Application.launch(BranchPosApp.class, args);
        System.exit(Screenshots.failed || BranchPosApp.startFailed ? 1 : 0);
    }
}
