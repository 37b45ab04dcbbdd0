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
        // WRITE_DELAY=0: each commit is written to the file at once (H2's default waits 500 ms and
        // loses those commits on kill -9). The fsync itself is done by LocalStore after each commit.
        return "jdbc:h2:file:" + dataDirectory.resolve("branchpos").toAbsolutePath()
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }
}
