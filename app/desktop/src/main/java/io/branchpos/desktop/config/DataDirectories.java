package io.branchpos.desktop.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where BranchPOS keeps its data per operating system when nothing else is configured. */
public final class DataDirectories {
    private DataDirectories() {
    }

    /** The per-user data directory: XDG on Linux, Application Support on macOS, LOCALAPPDATA on Windows. */
    public static Path perUser(String osName, Map<String, String> env, String userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String local = env.get("LOCALAPPDATA");
            return local != null ? Path.of(local, "BranchPOS") : Path.of(userHome, "AppData", "Local", "BranchPOS");
        }
        if (os.contains("mac")) {
            return Path.of(userHome, "Library", "Application Support", "BranchPOS");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "branchpos") : Path.of(userHome, ".local", "share", "branchpos");
    }

    /**
     * The data directory when none is configured: {@code -Dbranchpos.data.dir=DIR} (the native
     * packages set it to a per-machine directory such as {@code /var/lib/branchpos}), else the per-user one.
     */
    public static Path defaultDir() {
        String packaged = System.getProperty("branchpos.data.dir");
        return packaged != null && !packaged.isBlank() ? Path.of(packaged) : perUser();
    }

    public static Path perUser() {
        return perUser(System.getProperty("os.name"), System.getenv(), System.getProperty("user.home"));
    }
}
