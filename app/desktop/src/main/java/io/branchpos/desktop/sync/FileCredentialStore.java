package io.branchpos.desktop.sync;

import io.branchpos.sync.client.CredentialStore;
import io.branchpos.sync.client.TerminalCredential;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * Keeps the terminal's HQ credential in {@code credential.properties} in the data directory,
 * readable only by the POS user (where the file system has POSIX permissions), replaced atomically.
 */
public final class FileCredentialStore implements CredentialStore {
    private final Path file;

    public FileCredentialStore(Path dataDir) {
        this.file = dataDir.resolve("credential.properties");
    }

    @Override
    public Optional<TerminalCredential> load() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String terminal = p.getProperty("terminalId");
        String branch = p.getProperty("branchId");
        String token = p.getProperty("token");
        return terminal == null || token == null ? Optional.empty()
                : Optional.of(new TerminalCredential(terminal, branch, token));
    }

    @Override
    public void save(TerminalCredential credential) {
        Properties p = new Properties();
        p.setProperty("terminalId", credential.terminalId());
        p.setProperty("branchId", credential.branchId() == null ? "" : credential.branchId());
        p.setProperty("token", credential.token());
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("credential.properties.tmp");
            Files.deleteIfExists(tmp);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(tmp);
            }
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "BranchPOS terminal credential issued by HQ - keep secret");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}
