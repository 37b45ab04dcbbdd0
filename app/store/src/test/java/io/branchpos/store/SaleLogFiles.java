package io.branchpos.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Test access to a store's sale log file (decision 0014). */
public final class SaleLogFiles {
    private SaleLogFiles() {
    }

    /** How many valid records the two sale logs in {@code dataDir} hold (what the next open would look at). */
    public static int records(Path dataDir) throws IOException {
        return SaleLog.readAll(dataDir.resolve(SaleLog.FILE_NAME), dataDir.resolve(SaleLog.SECOND_FILE_NAME)).size();
    }

    /** Zeroes the last 4 bytes of the last valid record: as if the crash came while it was being written. */
    public static void tearLastRecord(Path dataDir) throws IOException {
        Path file = dataDir.resolve(SaleLog.FILE_NAME);
        List<byte[]> records = SaleLog.readRecords(file);
        if (records.isEmpty()) {
            throw new IllegalStateException("the sale log holds no record to tear");
        }
        long end = SaleLog.HEADER;
        for (byte[] r : records) {
            end += 8 + r.length;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4), end - 4);
            ch.force(false);
        }
    }

    /**
     * From now on every logged write of {@code store} fails between forcing its sale log record and
     * H2's commit, as if H2's commit had thrown; with {@code andTheLog}, the sale log cannot be
     * written any more either, so the record cannot be revoked.
     */
    public static void failCommitsAfterTheRecord(LocalStore store, boolean andTheLog) {
        store.afterRecordForced(log -> {
            if (andTheLog) {
                try {
                    log.close(); // later writes to it throw ClosedChannelException
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            throw new java.sql.SQLException("H2 commit refused (test)");
        });
    }

    /** Logged writes of {@code store} commit normally again. */
    public static void commitNormally(LocalStore store) {
        store.afterRecordForced(null);
    }
}
