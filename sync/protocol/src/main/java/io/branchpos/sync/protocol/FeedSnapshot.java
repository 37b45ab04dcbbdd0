package io.branchpos.sync.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A branch's feed folded at one feed position, for bootstrapping a new terminal (decision 0258):
 * {@code GET /v1/branches/{branchId}/feed/snapshot}, a gzip stream of UTF-8 lines:
 * <pre>
 * branchpos-feed-snapshot/1 TAB cursor
 * KIND TAB intended(0|1) TAB key as a JSON string TAB data as JSON      (one line per change, feed order)
 * END TAB number of change lines
 * </pre>
 * Applying the change lines in order and then the feed after {@code cursor} leaves a terminal
 * exactly as applying the feed from {@code "0"} would: catalog kinds ({@code TAX}, {@code PRODUCT},
 * {@code PRICE}) are folded to the last change per key (a change carries the whole state), every
 * other kind comes unfolded. A stream without its {@code END} line (or with a wrong count) is
 * truncated and must be discarded.
 */
public final class FeedSnapshot {
    public static final String FORMAT = "branchpos-feed-snapshot/1";
    /** Content type of the response (the body is gzip'd by the format itself, not by HTTP). */
    public static final String CONTENT_TYPE = "application/gzip";
    /**
     * Response header with the number of change lines that follow (HQ knows it before the first
     * byte); the terminal shows its load as "n of total". Absent from an older HQ: progress unknown.
     */
    public static final String CHANGES_HEADER = "Branchpos-Snapshot-Changes";
    private static final String END = "END";

    private FeedSnapshot() {
    }

    /** One change line: {@code dataJson} is the change's data as compact JSON (one line). */
    public record Row(String kind, String key, boolean intended, String dataJson) {
    }

    /** Writes a snapshot: {@link #row} per change, then {@link #finish}. Not thread-safe. */
    public static final class Writer implements AutoCloseable {
        private final GZIPOutputStream gzip;
        private final java.io.Writer out;
        private long rows;

        public Writer(OutputStream target, String cursor) throws IOException {
            this.gzip = new GZIPOutputStream(target, 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_SPEED); // HQ's CPU matters more than a few MB on a LAN
                }
            };
            this.out = new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8), 1 << 16);
            out.write(FORMAT);
            out.write('\t');
            out.write(cursor);
            out.write('\n');
        }

        public void row(String kind, String key, boolean intended, String dataJson) throws IOException {
            if (kind.indexOf('\t') >= 0 || kind.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("feed kind with a tab or newline: " + kind);
            }
            String data = dataJson;
            if (data.indexOf('\n') >= 0 || data.indexOf('\r') >= 0) {
                data = ProtocolJson.writeString(ProtocolJson.mapper().readTree(data)); // compact: one line
            }
            out.write(kind);
            out.write(intended ? "\t1\t" : "\t0\t");
            out.write(ProtocolJson.mapper().writeValueAsString(key));
            out.write('\t');
            out.write(data);
            out.write('\n');
            rows++;
        }

        public long rows() {
            return rows;
        }

        /** Writes the end line; a snapshot without it is truncated for the reader. */
        public void finish() throws IOException {
            out.write(END);
            out.write('\t');
            out.write(Long.toString(rows));
            out.write('\n');
            out.flush();
            gzip.finish();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /**
     * Reads a snapshot as it arrives. {@link #cursor()} is known at once; {@link #rows()} yields
     * each change and throws {@link java.io.UncheckedIOException} for a broken or truncated stream
     * (so a loader fails before it could mark anything complete).
     */
    public static final class Reader implements AutoCloseable {
        private final BufferedReader in;
        private final String cursor;
        private java.util.function.LongConsumer progress = n -> { };
        private int progressEvery = Integer.MAX_VALUE;

        public Reader(InputStream gzipped) throws IOException {
            this.in = new BufferedReader(new InputStreamReader(new GZIPInputStream(gzipped, 1 << 16), StandardCharsets.UTF_8), 1 << 16);
            String header = in.readLine();
            if (header == null || !header.startsWith(FORMAT + "\t")) {
                throw new IOException("not a feed snapshot (expected " + FORMAT + ")");
            }
            this.cursor = header.substring(FORMAT.length() + 1);
            if (cursor.isEmpty()) {
                throw new IOException("feed snapshot without a cursor");
            }
        }

        public String cursor() {
            return cursor;
        }

        /**
         * Calls {@code listener} with the number of change lines read so far after every
         * {@code every} lines, on the thread that reads them (keep it quick).
         */
        public Reader onProgress(int every, java.util.function.LongConsumer listener) {
            this.progressEvery = Math.max(1, every);
            this.progress = listener;
            return this;
        }

        /** The change lines, once; the iterator ends only at a correct {@code END} line. */
        public Iterator<Row> rows() {
            return new Iterator<>() {
                private Row next;
                private boolean ended;
                private long count;

                @Override
                public boolean hasNext() {
                    if (next != null) {
                        return true;
                    }
                    if (ended) {
                        return false;
                    }
                    try {
                        String line = in.readLine();
                        if (line == null) {
                            throw new IOException("feed snapshot truncated after " + count + " changes (no END line)");
                        }
                        next = parse(line);
                        if (next == null) {
                            long declared = Long.parseLong(line.substring(END.length() + 1));
                            if (declared != count) {
                                throw new IOException("feed snapshot says " + declared + " changes but held " + count);
                            }
                            ended = true;
                            return false;
                        }
                        count++;
                        if (count % progressEvery == 0) {
                            progress.accept(count);
                        }
                        return true;
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    } catch (RuntimeException e) {
                        throw new java.io.UncheckedIOException(new IOException("unreadable feed snapshot line: " + e.getMessage(), e));
                    }
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Row r = next;
                    next = null;
                    return r;
                }
            };
        }

        /** A change line, or null for the END line. */
        private static Row parse(String line) throws IOException {
            int a = line.indexOf('\t');
            if (a < 0) {
                throw new IOException("feed snapshot line without fields");
            }
            String kind = line.substring(0, a);
            if (END.equals(kind)) {
                return null;
            }
            int b = line.indexOf('\t', a + 1);
            int keyStart = b + 1;
            if (b != a + 2 || keyStart >= line.length() || line.charAt(keyStart) != '"') {
                throw new IOException("malformed feed snapshot line for " + kind);
            }
            boolean intended = line.charAt(a + 1) == '1';
            // the key is a JSON string; most keys need no unescaping
            int c = line.indexOf("\"\t", keyStart + 1);
            String key;
            if (c < 0) {
                throw new IOException("malformed key in a feed snapshot line for " + kind);
            }
            String quoted = line.substring(keyStart, c + 1);
            if (quoted.indexOf('\\') < 0) {
                key = quoted.substring(1, quoted.length() - 1);
            } else {
                try {
                    key = ProtocolJson.mapper().readValue(quoted, String.class);
                } catch (JsonProcessingException e) {
                    throw new IOException("malformed key in a feed snapshot line for " + kind, e);
                }
            }
            return new Row(kind, key, intended, line.substring(c + 2));
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
