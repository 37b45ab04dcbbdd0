package io.branchpos.desktop.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.desktop.config.AppConfig;
import io.branchpos.sync.client.CredentialStore;
import io.branchpos.sync.client.TerminalCredential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreseededEnrollmentTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC);
    static final TerminalCredential ISSUED = new TerminalCredential("T-001", "B-001", "bpt_token");

    @TempDir
    Path dir;

    @Test
    void savingTheCredentialHqIssuedRemovesTheCodeFromTheSystemFileAndItIsNeverOfferedAgain() throws Exception {
        Path etc = Files.writeString(dir.resolve("branchpos.properties"),
                "# pre-seeded\nserver.url=http://hq\nenrollment.code=ONE-TIME\nkiosk=true\n");
        AppConfig config = load(etc);
        PreseededEnrollment enrollment = PreseededEnrollment.of(config, CLOCK);
        assertThat(enrollment.codeForSync()).contains("ONE-TIME");

        CredentialStore credentials = enrollment.spendingOnSave(CredentialStore.inMemory());
        credentials.save(ISSUED);

        assertThat(credentials.load()).contains(ISSUED);
        assertThat(Files.readString(etc)).isEqualTo("# pre-seeded\nserver.url=http://hq\nkiosk=true\n");
        String used = Files.readString(dir.resolve("data").resolve(PreseededEnrollment.USED_FILE));
        assertThat(used).contains(PreseededEnrollment.hash("ONE-TIME")).doesNotContain("ONE-TIME");
        // a configuration that still carries the code (loaded before, or from a copy IT re-deploys) does not offer it
        assertThat(PreseededEnrollment.of(config, CLOCK).codeForSync()).isEmpty();
    }

    @Test
    void aFileTheAppMayNotRewriteKeepsTheLineButTheCodeIsRecordedAsUsedAndIgnored() throws Exception {
        Path etc = Files.writeString(dir.resolve("branchpos.properties"), "server.url=http://hq\nenrollment.code=ONE-TIME\n");
        Files.setPosixFilePermissions(etc, PosixFilePermissions.fromString("r--r-----"));
        PreseededEnrollment.of(load(etc), CLOCK).spendingOnSave(CredentialStore.inMemory()).save(ISSUED);

        assertThat(Files.readString(etc)).contains("enrollment.code=ONE-TIME");
        assertThat(PreseededEnrollment.of(load(etc), CLOCK).codeForSync()).as("never offered again").isEmpty();
    }

    @Test
    void theCodeIsRemovedFromTheDataDirectoryFileWhenItCameFromThereAndANewCodeIsOffered() throws Exception {
        Path etc = Files.writeString(dir.resolve("branchpos.properties"), "server.url=http://hq\n");
        Path data = Files.createDirectories(dir.resolve("data"));
        Path local = Files.writeString(data.resolve("branchpos.properties"), "enrollment.code=FIRST\nprinter=virtual\n");
        PreseededEnrollment.of(load(etc), CLOCK).spent();
        assertThat(Files.readString(local)).isEqualTo("printer=virtual\n");

        // the token was revoked; IT pre-seeds a new code: that one is offered
        Files.writeString(etc, "server.url=http://hq\nenrollment.code=SECOND\n");
        assertThat(PreseededEnrollment.of(load(etc), CLOCK).codeForSync()).contains("SECOND");
    }

    @Test
    void withoutACodeTheCredentialStoreIsUsedAsItIs() {
        CredentialStore store = CredentialStore.inMemory();
        assertThat(PreseededEnrollment.of(load(dir.resolve("missing")), CLOCK).spendingOnSave(store)).isSameAs(store);
    }

    private AppConfig load(Path etc) {
        return AppConfig.load(new String[] {"--data-dir", dir.resolve("data").toString()}, etc, dir.resolve("default"));
    }
}
