package io.branchpos.desktop.install;

import io.branchpos.desktop.config.AppConfig;
import io.branchpos.sync.client.CredentialStore;
import io.branchpos.sync.client.TerminalCredential;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-time enrollment code IT pre-seeds in the configuration ({@code enrollment.code}): handed to the
 * sync engine once; when HQ has answered it with a credential, the code is spent. Then it is
 * <ol>
 * <li>recorded as used in the data directory ({@value #USED_FILE}, a SHA-256 of the code, never the code),
 *     so this terminal never offers it again, and</li>
 * <li>removed from the configuration file(s) it came from ({@link ConfigFileRewrite}: every other line
 *     kept, atomic). Where that is not possible (a read-only or locked file, a symbolic link, a directory
 *     this account cannot write) the app logs, at every start while the line is there, what IT should delete.</li>
 * </ol>
 * See decision 0404.
 */
public final class PreseededEnrollment {
    /** In the data directory: SHA-256 of each code this terminal redeemed, with the time. */
    public static final String USED_FILE = "enrollment-codes-used.properties";
    private static final Logger log = LoggerFactory.getLogger(PreseededEnrollment.class);

    private final String code;
    private final Path dataDir;
    private final java.util.List<Path> configFiles;
    private final Clock clock;

    private PreseededEnrollment(String code, Path dataDir, java.util.List<Path> configFiles, Clock clock) {
        this.code = code;
        this.dataDir = dataDir;
        this.configFiles = configFiles;
        this.clock = clock;
    }

    public static PreseededEnrollment of(AppConfig config, Clock clock) {
        String code = config.get(AppConfig.ENROLLMENT_CODE, "").trim();
        return new PreseededEnrollment(code.isEmpty() ? null : code, config.dataDir(), config.files(), clock);
    }

    /**
     * The code for the sync engine: the configured one, unless this terminal redeemed it before (then
     * empty, with a warning naming the file IT should clean up).
     */
    public Optional<String> codeForSync() {
        if (code == null) {
            return Optional.empty();
        }
        Optional<String> usedAt = usedAt();
        if (usedAt.isPresent()) {
            log.warn("The enrollment code in {} was already used by this terminal ({}) and is ignored: it is single use."
                    + " The app could not remove it; please delete the enrollment.code line.", sourceOfCode(), usedAt.get());
            return Optional.empty();
        }
        return Optional.of(code);
    }

    /** Wraps the terminal's credential store: saving the credential HQ issued for the code spends the code. */
    public CredentialStore spendingOnSave(CredentialStore delegate) {
        if (code == null) {
            return delegate;
        }
        return new CredentialStore() {
            @Override
            public Optional<TerminalCredential> load() {
                return delegate.load();
            }

            @Override
            public void save(TerminalCredential credential) {
                delegate.save(credential);
                spent();
            }

            @Override
            public void clear() {
                delegate.clear();
            }
        };
    }

    /** Records the code as used, then removes it from the configuration files that hold it. */
    public void spent() {
        if (code == null) {
            return;
        }
        recordUsed();
        for (Path file : configFiles) {
            try {
                int removed = ConfigFileRewrite.removeEntries(file, AppConfig.ENROLLMENT_CODE, v -> v.trim().equals(code));
                if (removed > 0) {
                    log.info("Enrolled: removed the used one-time enrollment code from {}", file);
                }
            } catch (IOException | RuntimeException e) {
                log.warn("Enrolled, but could not remove the used enrollment code from {} ({}). It is recorded as used in {}"
                        + " and will not be offered again; please delete the enrollment.code line.", file, e.getMessage(),
                        dataDir.resolve(USED_FILE));
            }
        }
    }

    private Optional<String> usedAt() {
        Path f = dataDir.resolve(USED_FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
        return Optional.ofNullable(p.getProperty(hash(code)));
    }

    private void recordUsed() {
        Path f = dataDir.resolve(USED_FILE);
        try {
            Properties p = new Properties();
            if (Files.isRegularFile(f)) {
                try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
            }
            p.setProperty(hash(code), "used " + clock.instant());
            Files.createDirectories(dataDir);
            Path tmp = dataDir.resolve(USED_FILE + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "SHA-256 of one-time enrollment codes this terminal redeemed at HQ; they are never offered again");
            }
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the credential is saved, so the code is not needed again; only a later re-enrollment could trip on it
            log.warn("could not record the used enrollment code in {}: {}", f, e.getMessage());
        }
    }

    private String sourceOfCode() {
        for (int i = configFiles.size() - 1; i >= 0; i--) {
            Path file = configFiles.get(i);
            try {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                if (code.equals(p.getProperty(AppConfig.ENROLLMENT_CODE, "").trim())) {
                    return file.toString();
                }
            } catch (IOException e) {
                // named by the fallback below
            }
        }
        return "the configuration (--set enrollment.code)";
    }

    static String hash(String code) {
        try {
            return "sha256-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
