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

    /** How many valid records the sale log in {@code dataDir} holds (what the next open would look at). */
    public static int records(Path dataDir) throws IOException {
        return SaleLog.readRecords(dataDir.resolve(SaleLog.FILE_NAME)).size();
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
}
