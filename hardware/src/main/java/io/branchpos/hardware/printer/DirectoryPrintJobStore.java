package io.branchpos.hardware.printer;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A print journal in a directory: {@code <id>.escpos} holds the bytes (written once), {@code <id>.job} the
 * state (replaced atomically). Both are fsynced before {@link #save} returns, so a job survives a power cut.
 * Job ids must be file-name safe ({@code [A-Za-z0-9._-]}). Thread-safe within one process.
 */
public final class DirectoryPrintJobStore implements PrintJobStore {

    private final Path dir;

    public DirectoryPrintJobStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void save(PrintJob job) {
        if (!job.id().matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("print job id must be file-name safe: " + job.id());
        }
        try {
            Path payload = dir.resolve(job.id() + ".escpos");
            if (!Files.exists(payload)) {
                writeDurably(payload, job.payload());
            }
            Properties p = new Properties();
            p.setProperty("id", job.id());
            p.setProperty("description", job.description() == null ? "" : job.description());
            p.setProperty("copy", Boolean.toString(job.copy()));
            p.setProperty("state", job.state().name());
            p.setProperty("attempts", Integer.toString(job.attempts()));
            p.setProperty("lastError", job.lastError());
            p.setProperty("uncertain", Boolean.toString(job.uncertain()));
            p.setProperty("createdAt", job.createdAt().toString());
            p.setProperty("updatedAt", job.updatedAt().toString());
            StringWriter w = new StringWriter();
            p.store(w, null);
            writeDurably(dir.resolve(job.id() + ".job"), w.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot journal print job " + job.id() + " in " + dir, e);
        }
    }

    @Override
    public synchronized Optional<PrintJob> find(String id) {
        Path meta = dir.resolve(id + ".job");
        if (!Files.exists(meta)) {
            return Optional.empty();
        }
        try (Reader r = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(r);
            byte[] payload = Files.readAllBytes(dir.resolve(id + ".escpos"));
            return Optional.of(new PrintJob(p.getProperty("id"), p.getProperty("description"), payload,
                    Boolean.parseBoolean(p.getProperty("copy")), PrintJob.State.valueOf(p.getProperty("state")),
                    Integer.parseInt(p.getProperty("attempts")), p.getProperty("lastError"),
                    Boolean.parseBoolean(p.getProperty("uncertain")), Instant.parse(p.getProperty("createdAt")),
                    Instant.parse(p.getProperty("updatedAt"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read print job " + id + " from " + dir, e);
        }
    }

    @Override
    public synchronized List<PrintJob> all() {
        List<PrintJob> jobs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.job")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                find(name.substring(0, name.length() - 4)).ifPresent(jobs::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jobs.sort(Comparator.comparing(PrintJob::createdAt).thenComparing(PrintJob::id));
        return jobs;
    }

    private void writeDurably(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // directories cannot be opened for sync on every OS (Windows); the file itself is synced
        }
    }
}
