package io.branchpos.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sale log file (decision 0014): what a reader after a crash sees of appended, torn, revoked and reset records. */
class SaleLogTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve(SaleLog.FILE_NAME);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<byte[]> records) {
        return records.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void appendedRecordsAreReadBackInOrderAndTheFileIsPreallocated() throws IOException {
        try (SaleLog log = SaleLog.openEmpty(file(), 64 * 1024)) {
            log.append(bytes("one"));
            log.append(bytes("two"));
            log.append(bytes("three"));
            assertThat(Files.size(file())).isEqualTo(64 * 1024);
        }
        assertThat(texts(SaleLog.readRecords(file()))).containsExactly("one", "two", "three");
        assertThat(Files.size(file())).isEqualTo(64 * 1024);
    }

    @Test
    void aTornLastRecordEndsTheLogAndTheRecordsBeforeItStay() throws IOException {
        long third;
        try (SaleLog log = SaleLog.openEmpty(file(), 64 * 1024)) {
            log.append(bytes("one"));
            log.append(bytes("two"));
            third = log.append(bytes("three-is-torn"));
        }
        // a crash in the middle of the third append: its last bytes never reached the file
        try (FileChannel ch = FileChannel.open(file(), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(5), third + 8 + 8);
        }
        assertThat(texts(SaleLog.readRecords(file()))).containsExactly("one", "two");

        // only its length header reached the file
        try (FileChannel ch = FileChannel.open(file(), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(13 + 4), third + 4);
        }
        assertThat(texts(SaleLog.readRecords(file()))).containsExactly("one", "two");
    }

    @Test
    void aRecordWhoseLengthRunsPastTheFileEndsTheLog() throws IOException {
        long second;
        try (SaleLog log = SaleLog.openEmpty(file(), 8 * 1024)) {
            log.append(bytes("one"));
            second = log.append(bytes("two"));
        }
        try (FileChannel ch = FileChannel.open(file(), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4).putInt(0, 1 << 20), second);
        }
        assertThat(texts(SaleLog.readRecords(file()))).containsExactly("one");
    }

    @Test
    void aRevokedRecordIsNotReadAndTheNextAppendTakesItsPlace() throws IOException {
        try (SaleLog log = SaleLog.openEmpty(file(), 64 * 1024)) {
            log.append(bytes("one"));
            long at = log.append(bytes("not-committed"));
            log.revoke(at);
            assertThat(texts(SaleLog.readRecords(file()))).containsExactly("one");
            log.append(bytes("two"));
        }
        assertThat(texts(SaleLog.readRecords(file()))).containsExactly("one", "two");
    }

    @Test
    void resetHidesEveryEarlierRecordEvenWhereNewerOnesAreShorter() throws IOException {
        try (SaleLog log = SaleLog.openEmpty(file(), 64 * 1024)) {
            log.append(bytes("aa"));
            log.append(bytes("bb"));
            log.append(bytes("cc"));
            log.reset();
            assertThat(SaleLog.readRecords(file())).isEmpty();
            assertThat(log.isEmpty()).isTrue();
            // same length as the old first record: the old second one starts right behind it
            log.append(bytes("dd"));
        }
        assertThat(texts(SaleLog.readRecords(file()))).containsExactly("dd");
        // reopening starts a new generation: the log it had is gone
        try (SaleLog log = SaleLog.openEmpty(file(), 64 * 1024)) {
            assertThat(SaleLog.readRecords(file())).isEmpty();
        }
    }

    @Test
    void aTornHeaderReadsAsAnEmptyLog() throws IOException {
        try (SaleLog log = SaleLog.openEmpty(file(), 64 * 1024)) {
            log.append(bytes("one"));
        }
        try (FileChannel ch = FileChannel.open(file(), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 9);
        }
        assertThat(SaleLog.readRecords(file())).isEmpty();
        assertThat(SaleLog.readRecords(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void anInterruptedThreadStillAppendsAndKeepsItsInterruptAndTheLogStaysOpen() throws IOException {
        try (SaleLog log = SaleLog.openEmpty(file(), 64 * 1024)) {
            Thread.currentThread().interrupt();
            try {
                log.append(bytes("one"));
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
            log.append(bytes("two"));
        }
        assertThat(texts(SaleLog.readRecords(file()))).containsExactly("one", "two");
    }

    @Test
    void aFullLogRefusesARecordThatDoesNotFit() throws IOException {
        try (SaleLog log = SaleLog.openEmpty(file(), SaleLog.HEADER + 32)) {
            assertThat(log.fits(24)).isTrue();
            assertThat(log.fits(25)).isFalse();
            log.append(new byte[24]);
            assertThat(log.fits(1)).isFalse();
        }
    }

    @Test
    void aRedoRecordKeepsEveryValueKindItRecords() throws IOException {
        RedoRecord r = new RedoRecord("T-1", 7, "a".repeat(64));
        r.seqAfter = 8;
        r.hashAfter = "b".repeat(64);
        TreeMap<Integer, Object> row = new TreeMap<>();
        row.put(1, "text ä €");
        row.put(2, 42L);
        row.put(3, 7);
        row.put(4, new BigDecimal("-12345678901234567890.0125"));
        row.put(5, UUID.randomUUID());
        row.put(6, LocalDate.of(2026, 11, 23));
        row.put(7, OffsetDateTime.of(2026, 11, 23, 1, 2, 3, 456_000_000, ZoneOffset.UTC));
        row.put(8, null);
        row.put(9, "x".repeat(70_000));
        r.steps.add(new RedoRecord.Step("INSERT INTO t VALUES (?)", List.of(row, new TreeMap<>())));

        RedoRecord back = RedoRecord.fromBytes(r.toBytes());

        assertThat(back.terminalId).isEqualTo("T-1");
        assertThat(back.seqBefore).isEqualTo(7);
        assertThat(back.hashBefore).isEqualTo(r.hashBefore);
        assertThat(back.seqAfter).isEqualTo(8);
        assertThat(back.hashAfter).isEqualTo(r.hashAfter);
        assertThat(back.steps).hasSize(1);
        assertThat(back.steps.get(0).sql()).isEqualTo("INSERT INTO t VALUES (?)");
        assertThat(back.steps.get(0).rows()).containsExactly(row, new TreeMap<>());
    }

    /** Decision 0018: two logs used in turn; a replay reads them in the order they took records. */
    @Test
    void twoLogsAreReadBackInTheOrderTheyTookRecordsWhicheverFileThatIs() throws IOException {
        Path second = dir.resolve(SaleLog.SECOND_FILE_NAME);
        try (SaleLog a = SaleLog.openEmpty(file(), 64 * 1024, 1); SaleLog b = SaleLog.openEmpty(second, 64 * 1024, 2)) {
            a.append(bytes("a1"));
            a.append(bytes("a2"));
            b.append(bytes("b1")); // switched to b; a is being emptied
            assertThat(texts(SaleLog.readAll(file(), second))).containsExactly("a1", "a2", "b1");
            a.reset(3); // emptied: it takes records after b's
            assertThat(texts(SaleLog.readAll(file(), second))).containsExactly("b1");
            b.append(bytes("b2"));
            a.append(bytes("a3")); // switched back to a
            assertThat(texts(SaleLog.readAll(file(), second))).containsExactly("b1", "b2", "a3");
            assertThatThrownBy(() -> b.reset(2)).isInstanceOf(IllegalArgumentException.class); // not above its own
            b.reset(4);
            assertThat(texts(SaleLog.readAll(file(), second))).containsExactly("a3");
        }
        assertThat(SaleLog.readAll(dir.resolve("none-1"), dir.resolve("none-2"))).isEmpty();
    }
}
