package io.branchpos.sync.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class FeedSnapshotTest {

    static byte[] write(String cursor, List<FeedSnapshot.Row> rows, boolean finish) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FeedSnapshot.Writer w = new FeedSnapshot.Writer(out, cursor);
        for (FeedSnapshot.Row r : rows) {
            w.row(r.kind(), r.key(), r.intended(), r.dataJson());
        }
        if (finish) {
            w.finish();
        }
        w.close();
        return out.toByteArray();
    }

    static List<FeedSnapshot.Row> read(byte[] bytes) throws IOException {
        try (FeedSnapshot.Reader r = new FeedSnapshot.Reader(new ByteArrayInputStream(bytes))) {
            List<FeedSnapshot.Row> out = new ArrayList<>();
            r.rows().forEachRemaining(out::add);
            return out;
        }
    }

    @Property(tries = 200)
    void everyKeyAndDataComeBackAsWritten(@ForAll String key, @ForAll String text, @ForAll boolean intended) throws IOException {
        String data = ProtocolJson.mapper().createObjectNode().put("name", text).toString();
        List<FeedSnapshot.Row> rows = List.of(new FeedSnapshot.Row("PRODUCT", key, intended, data),
                new FeedSnapshot.Row("PRICE", key + "@2026-01-01T00:00:00Z", false, "{\"price\":\"1.99\"}"));
        assertThat(read(write("12.34", rows, true))).isEqualTo(rows);
    }

    @Test
    void theCursorIsKnownBeforeTheRows() throws IOException {
        byte[] bytes = write("981.77", List.of(new FeedSnapshot.Row("TAX", "STD", false, "{}")), true);
        try (FeedSnapshot.Reader r = new FeedSnapshot.Reader(new ByteArrayInputStream(bytes))) {
            assertThat(r.cursor()).isEqualTo("981.77");
        }
    }

    @Test
    void dataSpreadOverLinesIsWrittenOnOneLine() throws IOException {
        List<FeedSnapshot.Row> rows = read(write("1.1", List.of(new FeedSnapshot.Row("TAX", "STD", false, "{\n \"code\": \"STD\"\n}")), true));
        assertThat(rows.get(0).dataJson()).isEqualTo("{\"code\":\"STD\"}");
    }

    @Test
    void aStreamWithoutItsEndLineIsTruncated() throws IOException {
        List<FeedSnapshot.Row> rows = List.of(new FeedSnapshot.Row("TAX", "STD", false, "{}"), new FeedSnapshot.Row("TAX", "RED", false, "{}"));
        byte[] unfinished = write("1.1", rows, false);
        assertThatThrownBy(() -> read(unfinished)).isInstanceOf(UncheckedIOException.class).hasMessageContaining("truncated");
        byte[] whole = write("1.1", rows, true);
        // the connection drops halfway through the gzip stream
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        assertThatThrownBy(() -> read(cut)).isInstanceOfAny(UncheckedIOException.class, IOException.class);
    }

    @Test
    void anEndLineWithAnotherCountIsRefused() throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(raw)) {
            gz.write((FeedSnapshot.FORMAT + "\t1.1\nTAX\t0\t\"STD\"\t{}\nEND\t2\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> read(raw.toByteArray())).isInstanceOf(UncheckedIOException.class).hasMessageContaining("says 2");
    }

    @Test
    void somethingElseIsNotASnapshot() throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(raw)) {
            gz.write("{\"nextCursor\":\"1.1\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> new FeedSnapshot.Reader(new ByteArrayInputStream(raw.toByteArray())))
                .isInstanceOf(IOException.class).hasMessageContaining("not a feed snapshot");
    }
}
