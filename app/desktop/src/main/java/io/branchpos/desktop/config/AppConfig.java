package io.branchpos.desktop.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The terminal's configuration. Sources, later ones winning: built-in defaults, the system-wide
 * file ({@code /etc/branchpos/branchpos.properties} or {@code -Dbranchpos.config=FILE}), the
 * data directory's {@code branchpos.properties}, then command-line flags.
 *
 * <p>Flags: {@code --data-dir DIR}, {@code --terminal-id ID}, {@code --server-url URL},
 * {@code --demo}, {@code --screenshot FILE}, {@code --set key=value}.
 */
public final class AppConfig {
    public static final String DATA_DIR = "data.dir";
    public static final String TERMINAL_ID = "terminal.id";
    public static final String SERVER_URL = "server.url";
    public static final String DEMO = "demo";
    /** One-time code from HQ; the first start enrols with it (then the credential is kept in the data dir). */
    public static final String ENROLLMENT_CODE = "enrollment.code";
    public static final String LOCALE = "locale";
    public static final String PRINTER = "printer";

    private final Properties values;
    private final Optional<Path> screenshot;
    private final List<Path> files;

    private AppConfig(Properties values, Optional<Path> screenshot, List<Path> files) {
        this.values = values;
        this.screenshot = screenshot;
        this.files = List.copyOf(files);
    }

    /** Thrown for a command line or file that cannot be understood; the message says what to fix. */
    public static final class ConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConfigException(String message) {
            super(message);
        }
    }

    public static AppConfig load(String[] args) {
        return load(args, systemFile(), DataDirectories.defaultDir());
    }

    static Path systemFile() {
        String override = System.getProperty("branchpos.config");
        return override != null ? Path.of(override) : Path.of("/etc/branchpos/branchpos.properties");
    }

    /** Loads with an explicit system file and default data directory (tests, installers). */
    public static AppConfig load(String[] args, Path systemFile, Path defaultDataDir) {
        Properties cli = new Properties();
        Path screenshot = null;
        List<String> rest = new ArrayList<>(List.of(args));
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            switch (a) {
                case "--demo" -> cli.setProperty(DEMO, "true");
                case "--data-dir" -> cli.setProperty(DATA_DIR, value(rest, ++i, a));
                case "--terminal-id" -> cli.setProperty(TERMINAL_ID, value(rest, ++i, a));
                case "--server-url" -> cli.setProperty(SERVER_URL, value(rest, ++i, a));
                case "--screenshot" -> screenshot = Path.of(value(rest, ++i, a));
                case "--set" -> {
                    String kv = value(rest, ++i, a);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new ConfigException("--set needs key=value, got '" + kv + "'");
                    }
                    cli.setProperty(kv.substring(0, eq), kv.substring(eq + 1));
                }
                default -> throw new ConfigException("unknown option '" + a + "' (options: --demo, --data-dir DIR,"
                        + " --terminal-id ID, --server-url URL, --screenshot FILE, --set key=value)");
            }
        }
        Properties merged = new Properties();
        merged.setProperty(LOCALE, "en");
        merged.setProperty(PRINTER, "virtual");
        List<Path> files = new ArrayList<>();
        readInto(merged, systemFile, files);
        boolean demo = Boolean.parseBoolean(cli.getProperty(DEMO, merged.getProperty(DEMO, "false")));
        String dataDir = cli.getProperty(DATA_DIR, merged.getProperty(DATA_DIR,
                (demo ? defaultDataDir.resolveSibling(defaultDataDir.getFileName() + "-demo") : defaultDataDir).toString()));
        readInto(merged, Path.of(dataDir).resolve("branchpos.properties"), files);
        merged.putAll(cli);
        merged.setProperty(DATA_DIR, dataDir);
        if (!merged.containsKey(TERMINAL_ID)) {
            merged.setProperty(TERMINAL_ID, demo ? "DEMO-01" : "T-001");
        }
        return new AppConfig(merged, Optional.ofNullable(screenshot), files);
    }

    private static String value(List<String> args, int i, String flag) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new ConfigException(flag + " needs a value");
        }
        return args.get(i);
    }

    private static void readInto(Properties target, Path file, List<Path> read) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        read.add(file);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            target.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read configuration " + file + ": " + e.getMessage());
        }
    }

    public Path dataDir() {
        return Path.of(values.getProperty(DATA_DIR));
    }

    public String terminalId() {
        return values.getProperty(TERMINAL_ID);
    }

    public Optional<String> serverUrl() {
        return Optional.ofNullable(values.getProperty(SERVER_URL)).filter(s -> !s.isBlank());
    }

    public boolean demo() {
        return Boolean.parseBoolean(values.getProperty(DEMO, "false"));
    }

    public Optional<Path> screenshot() {
        return screenshot;
    }

    public String get(String key, String fallback) {
        return values.getProperty(key, fallback);
    }

    /** The configuration files that existed and were read, in the order read (later ones win). */
    public List<Path> files() {
        return files;
    }

    public Path logDir() {
        return dataDir().resolve("logs");
    }
}
