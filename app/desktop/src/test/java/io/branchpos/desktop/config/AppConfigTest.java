package io.branchpos.desktop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {
    @TempDir
    Path dir;

    @Test
    void commandLineOverridesDataDirectoryFileWhichOverridesSystemFile() throws Exception {
        Path system = dir.resolve("etc.properties");
        Files.writeString(system, "server.url=https://hq.example\nterminal.id=FROM-ETC\n");
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("branchpos.properties"), "terminal.id=FROM-DATA\n");
        AppConfig c = AppConfig.load(new String[] {"--data-dir", data.toString()}, system, dir.resolve("default"));
        assertThat(c.terminalId()).isEqualTo("FROM-DATA");
        assertThat(c.serverUrl()).contains("https://hq.example");
        AppConfig c2 = AppConfig.load(new String[] {"--data-dir", data.toString(), "--terminal-id", "CLI"}, system,
                dir.resolve("default"));
        assertThat(c2.terminalId()).isEqualTo("CLI");
    }

    @Test
    void demoUsesItsOwnDataDirectoryAndTerminal() {
        AppConfig c = AppConfig.load(new String[] {"--demo"}, dir.resolve("none"), dir.resolve("branchpos"));
        assertThat(c.dataDir()).isEqualTo(dir.resolve("branchpos-demo"));
        assertThat(c.terminalId()).isEqualTo("DEMO-01");
        assertThat(c.demo()).isTrue();
    }

    @Test
    void unknownOrIncompleteOptionsAreClearErrors() {
        assertThatThrownBy(() -> AppConfig.load(new String[] {"--frobnicate"}, dir, dir))
                .hasMessageContaining("unknown option '--frobnicate'");
        assertThatThrownBy(() -> AppConfig.load(new String[] {"--data-dir"}, dir, dir))
                .hasMessageContaining("--data-dir needs a value");
    }

    @Test
    void perUserDataDirectoryFollowsTheOperatingSystem() {
        assertThat(DataDirectories.perUser("Linux", Map.of(), "/home/anna"))
                .isEqualTo(Path.of("/home/anna/.local/share/branchpos"));
        assertThat(DataDirectories.perUser("Linux", Map.of("XDG_DATA_HOME", "/x"), "/home/anna"))
                .isEqualTo(Path.of("/x/branchpos"));
        assertThat(DataDirectories.perUser("Mac OS X", Map.of(), "/Users/anna"))
                .isEqualTo(Path.of("/Users/anna/Library/Application Support/BranchPOS"));
        assertThat(DataDirectories.perUser("Windows 11", Map.of("LOCALAPPDATA", "C:\\Users\\anna\\AppData\\Local"),
                "C:\\Users\\anna").toString()).endsWith("BranchPOS");
    }

    @Test
    void nativePackagesChooseTheMachineDataDirectoryThroughASystemProperty() {
        String before = System.getProperty("branchpos.data.dir");
        try {
            System.setProperty("branchpos.data.dir", "/var/lib/branchpos");
            assertThat(DataDirectories.defaultDir()).isEqualTo(Path.of("/var/lib/branchpos"));
            System.clearProperty("branchpos.data.dir");
            assertThat(DataDirectories.defaultDir()).isEqualTo(DataDirectories.perUser());
        } finally {
            if (before != null) {
                System.setProperty("branchpos.data.dir", before);
            }
        }
    }
}
