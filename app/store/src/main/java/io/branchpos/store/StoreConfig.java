package io.branchpos.store;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import io.branchpos.domain.id.IdGenerator;

/**
 * Where the database lives and who writes to it.
 *
 * @param dataDirectory directory holding {@code branchpos.mv.db}
 * @param terminalId    the terminal whose journal this store writes
 * @param durability    whether a commit is forced to the disk before it returns (see decision 0002)
 */
public record StoreConfig(Path dataDirectory, String terminalId, Clock clock, IdGenerator ids, Durability durability) {

    /** How far a commit goes before {@link LocalStore#write} returns. */
    public enum Durability {
        /** Written to the file AND forced to the device (fsync): survives power loss. The default. */
        FSYNC,
        /** Written to the file, not forced: survives a process kill, not a power cut. Benchmarks only. */
        OS_BUFFER
    }

    /** H2's fill rate (percent) under which its background thread compacts the file (decision 0008). */
    static final int COMPACT_FILL_RATE = 50;
    /** Size (bytes) at which H2 splits a B-tree page; H2 2.x's default is 16384 (decision 0007). */
    static final int PAGE_SPLIT_SIZE = 4096;
    /**
     * H2's background writer delay in FSYNC mode (H2's default 500 ms): its timed writes of lazily
     * committed sales only compete with the sale log's fdatasync for the disk; the sale log's
     * checkpoints write H2 instead (decision 0018).
     */
    static final int FSYNC_WRITE_DELAY_MILLIS = 60_000;
    /** Longest LOB (bytes) H2 keeps inside its row instead of in its separate LOB maps (decision 0007). */
    static final int MAX_LENGTH_INPLACE_LOB = 16384;

    public StoreConfig {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(terminalId, "terminalId");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(durability, "durability");
        if (terminalId.isBlank() || terminalId.length() > 64) {
            throw new IllegalArgumentException("terminal id must have 1 to 64 characters");
        }
    }

    public String jdbcUrl() {
        // AUTO_COMPACT_FILL_RATE=50 (H2's default 90): H2's background thread rewrites live pages
        // out of half-empty chunks only once the file is under half full. At 90 it rewrote ~2x more
        // bytes than the sales themselves and took a core during start-up; see decision 0008.
        String file = "jdbc:h2:file:" + dataDirectory.resolve("branchpos").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE;AUTO_COMPACT_FILL_RATE=" + COMPACT_FILL_RATE
                // Each commit copies every page it changed, leaf to root, into a new chunk: smaller
                // pages and journal payloads inside their row instead of in three LOB maps halve
                // the bytes written (and fsynced) per sale; see decision 0007.
                + ";PAGE_SIZE=" + PAGE_SPLIT_SIZE + ";MAX_LENGTH_INPLACE_LOB=" + MAX_LENGTH_INPLACE_LOB;
        // FSYNC: every write but a sale runs CHECKPOINT SYNC after its commit; a sale is durable in
        // the sale log and H2 gets it at the checkpoint that empties the log (sales paused 1 s, or
        // the log half full). H2's own timed writes would only share the disk with the sale log's
        // fdatasync, so its timer is set far out (decision 0018). OS_BUFFER: WRITE_DELAY=0 writes
        // each commit to the file at once, without fsync.
        return durability == Durability.FSYNC ? file + ";WRITE_DELAY=" + FSYNC_WRITE_DELAY_MILLIS
                : file + ";WRITE_DELAY=0";
    }
}
