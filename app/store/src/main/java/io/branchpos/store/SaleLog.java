package io.branchpos.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The append-only, preallocated file that is the durability point of a completed sale (decision
 * 0014): a sale's record is written here and forced ({@code fdatasync}) before H2 commits the same
 * rows lazily. Once H2 has been checkpointed with {@code CHECKPOINT SYNC}, the log is {@link #reset}.
 *
 * <p>Layout: a header of {@value #HEADER} bytes ({@code magic, version, generation, crc32c}) and then
 * records, each {@code int length, int crc32c(generation, payload), payload}. A record with a
 * wrong CRC, a length that runs past the file, or length 0 ends the log: it is a torn last append
 * (never reported done) or a record of an earlier generation. A reset writes a new generation into
 * the header, which invalidates every older record at once without rewriting them.
 *
 * <p>The file is preallocated with zeros once (then fsynced with its directory), so an append
 * changes no file metadata and {@code force(false)} is one data flush. Not thread-safe: the
 * store's write lock guards it.
 */
final class SaleLog implements AutoCloseable {
    static final String FILE_NAME = "branchpos.salelog";
    /** The second log, used in turn with the first (decision 0018): one takes sales while the other is emptied. */
    static final String SECOND_FILE_NAME = "branchpos.salelog.2";
    static final int HEADER = 4096;
    private static final int MAGIC = 0x4250534c; // "BPSL"
    private static final int VERSION = 1;
    private static final int RECORD_HEADER = 8;
    /** Bytes per preallocating write: one page (see {@link #create}). */
    private static final int PAGE = 4096;

    private final Path file;
    /** The buffer each append writes from, reused (a record of a few KiB; grown for a larger one). */
    private ByteBuffer appendBuffer = ByteBuffer.allocateDirect(8 * 1024);
    private final FileChannel channel;
    private final long capacity;
    private long generation;
    private long position;

    private SaleLog(Path file, FileChannel channel, long capacity, long generation, long position) {
        this.file = file;
        this.channel = channel;
        this.capacity = capacity;
        this.generation = generation;
        this.position = position;
    }

    /** The records of the log at {@code file} in order, without the torn or stale tail; empty if none. */
    static List<byte[]> readRecords(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Long gen = readGeneration(ch);
            if (gen == null) {
                return List.of(); // a torn header: only ever written while the log held nothing H2 lacked
            }
            List<byte[]> out = new ArrayList<>();
            scan(ch, gen, out);
            return out;
        }
    }

    /**
     * The records of both logs in the order they were written: a log's records all carry the
     * generation of its header, and a log only takes records after a reset that gave it a higher
     * generation than the other's (decision 0018), so the log with the lower generation comes first.
     */
    static List<byte[]> readAll(Path first, Path second) throws IOException {
        Long g1 = generation(first);
        Long g2 = generation(second);
        List<byte[]> a = readRecords(first);
        List<byte[]> b = readRecords(second);
        List<byte[]> out = new ArrayList<>(a.size() + b.size());
        boolean secondFirst = g2 != null && (g1 == null || g2 < g1);
        out.addAll(secondFirst ? b : a);
        out.addAll(secondFirst ? a : b);
        return out;
    }

    /** The generation in the header of the log at {@code file}; null if there is no file or no valid header. */
    static Long generation(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return readGeneration(ch);
        }
    }

    /**
     * Opens the log at {@code file} for appending, creating and preallocating it ({@code capacity}
     * bytes) if it does not exist. The caller has replayed what it held; the log starts empty in a
     * new generation.
     */
    static SaleLog openEmpty(Path file, long capacity) throws IOException {
        Long gen = generation(file);
        return openEmpty(file, capacity, gen == null ? 1 : gen + 1);
    }

    /** Like {@link #openEmpty(Path, long)}, the log starting empty in {@code generation} (above any it had). */
    static SaleLog openEmpty(Path file, long capacity, long generation) throws IOException {
        if (!Files.exists(file)) {
            create(file, capacity);
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            Long gen = readGeneration(ch);
            if (gen != null && gen >= generation) {
                throw new IllegalArgumentException("generation " + generation + " is not above " + gen + " of " + file);
            }
            SaleLog log = new SaleLog(file, ch, ch.size(), generation - 1, HEADER);
            log.reset(generation);
            return log;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static void create(Path file, long capacity) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            // one page per write: the kernel caches what a write creates in folios of the write's size
            // (ext4 with large folios), and fdatasync writes back whole dirty folios, so 64 KiB writes
            // here made every 3-4 KiB record cost a 64 KiB write to the device (decision 0022)
            ByteBuffer zeros = ByteBuffer.allocate(PAGE);
            for (long p = 0; p < capacity; p += zeros.capacity()) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), capacity - p));
                writeFully(ch, zeros, p);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true); // the new name itself is durable before any record relies on it
        } catch (IOException notSupported) {
            // some platforms cannot open a directory; the next H2 checkpoint syncs the file system's journal anyway
        }
    }

    private static Long readGeneration(FileChannel ch) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(24);
        if (ch.read(h, 0) < 24) {
            return null;
        }
        h.flip();
        int magic = h.getInt();
        int version = h.getInt();
        long gen = h.getLong();
        long crc = h.getInt() & 0xffffffffL;
        CRC32C c = new CRC32C();
        c.update(h.array(), 0, 16);
        if (magic != MAGIC || version != VERSION || c.getValue() != crc) {
            return null;
        }
        return gen;
    }

    /** Reads valid records of generation {@code gen} from the first one on; returns the end position. */
    private static long scan(FileChannel ch, long gen, List<byte[]> out) throws IOException {
        long size = ch.size();
        long pos = HEADER;
        ByteBuffer rh = ByteBuffer.allocate(RECORD_HEADER);
        while (pos + RECORD_HEADER <= size) {
            rh.clear();
            if (ch.read(rh, pos) < RECORD_HEADER) {
                break;
            }
            rh.flip();
            int length = rh.getInt();
            long crc = rh.getInt() & 0xffffffffL;
            if (length <= 0 || pos + RECORD_HEADER + length > size) {
                break;
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            if (ch.read(payload, pos + RECORD_HEADER) < length) {
                break;
            }
            if (crc(gen, payload.array()) != crc) {
                break;
            }
            out.add(payload.array());
            pos += RECORD_HEADER + length;
        }
        return pos;
    }

    private static long crc(long gen, byte[] payload) {
        return crc(gen, payload, payload.length);
    }

    private static long crc(long gen, byte[] payload, int length) {
        CRC32C c = new CRC32C();
        c.update(ByteBuffer.allocate(8).putLong(0, gen));
        c.update(payload, 0, length);
        return c.getValue();
    }

    /** True if a record of {@code payloadLength} bytes fits behind the records already appended. */
    boolean fits(int payloadLength) {
        return position + RECORD_HEADER + (long) payloadLength <= capacity;
    }

    /** True if nothing was appended since the last reset. */
    boolean isEmpty() {
        return position == HEADER;
    }

    /** Bytes of records appended since the last reset. */
    long used() {
        return position - HEADER;
    }

    long capacity() {
        return capacity;
    }

    /**
     * Writes one record behind the previous ones and forces it to the device before returning.
     *
     * @return the record's position, for {@link #revoke}
     */
    long append(byte[] payload) throws IOException {
        return append(payload, payload.length);
    }

    /** Like {@link #append(byte[])}, the record being the first {@code length} bytes of {@code payload}. */
    long append(byte[] payload, int length) throws IOException {
        if (!fits(length)) {
            throw new IllegalStateException("sale log full");
        }
        int size = RECORD_HEADER + length;
        if (appendBuffer.capacity() < size) {
            appendBuffer = ByteBuffer.allocateDirect(Math.max(size, 2 * appendBuffer.capacity()));
        }
        ByteBuffer b = appendBuffer.clear();
        b.putInt(length).putInt((int) crc(generation, payload, length)).put(payload, 0, length).flip();
        long at = position;
        boolean interrupted = Thread.interrupted(); // see restore
        try {
            writeFully(channel, b, at);
            channel.force(false);
        } finally {
            restore(interrupted);
        }
        position = at + size;
        return at;
    }

    /*
     * A FileChannel closes itself when the thread using it is interrupted (ClosedByInterruptException),
     * which would leave a record of unknown state and the log unusable. So the interrupt status is
     * cleared around each operation and set again afterwards: the caller still sees it, later.
     */
    private static void restore(boolean interrupted) {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Makes the record at {@code at} (the last one appended) invalid again, forced: its rows were
     * not committed after all, so a replay must not bring them back.
     */
    void revoke(long at) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            writeFully(channel, ByteBuffer.allocate(RECORD_HEADER), at);
            channel.force(false);
        } finally {
            restore(interrupted);
        }
        position = at;
    }

    /**
     * Empties the log: a new generation in the header, forced. Only after everything the records
     * hold is durable in H2 ({@code CHECKPOINT SYNC} after their commits).
     */
    void reset() throws IOException {
        reset(generation + 1);
    }

    /** Empties the log as {@link #reset()} does, into {@code next}, which must be above its generation. */
    void reset(long next) throws IOException {
        if (next <= generation) {
            throw new IllegalArgumentException("generation " + next + " is not above " + generation);
        }
        ByteBuffer h = ByteBuffer.allocate(24);
        h.putInt(MAGIC).putInt(VERSION).putLong(next);
        CRC32C c = new CRC32C();
        c.update(h.array(), 0, 16);
        h.putInt((int) c.getValue()).flip();
        boolean interrupted = Thread.interrupted();
        try {
            writeFully(channel, h, 0);
            channel.force(false);
        } finally {
            restore(interrupted);
        }
        // only now: a failed reset leaves the header unknown, and the caller must not append to this log
        generation = next;
        position = HEADER;
    }

    Path file() {
        return file;
    }

    /** The generation of the records appended since the last reset. */
    long generation() {
        return generation;
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        long p = at;
        while (b.hasRemaining()) {
            p += ch.write(b, p);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
