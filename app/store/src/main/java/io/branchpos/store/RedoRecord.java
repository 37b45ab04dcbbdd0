package io.branchpos.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What a logged write did to the database, as the statements it executed with their parameters,
 * in order, plus the journal head before and after: the payload of one {@link SaleLog} record
 * (decision 0014). Recorded by wrapping each prepared statement of the write ({@link #prepare}),
 * redone after a crash by {@link #apply}.
 */
final class RedoRecord {
    private static final int FORMAT = 1;

    /** One executed statement: its SQL and one parameter row per execution (several for a batch). */
    record Step(String sql, List<TreeMap<Integer, Object>> rows) {
    }

    final String terminalId;
    final long seqBefore;
    final String hashBefore;
    long seqAfter;
    String hashAfter;
    final List<Step> steps;

    RedoRecord(String terminalId, long seqBefore, String hashBefore) {
        this(terminalId, seqBefore, hashBefore, seqBefore, hashBefore, new ArrayList<>());
    }

    private RedoRecord(String terminalId, long seqBefore, String hashBefore, long seqAfter, String hashAfter,
            List<Step> steps) {
        this.terminalId = terminalId;
        this.seqBefore = seqBefore;
        this.hashBefore = hashBefore;
        this.seqAfter = seqAfter;
        this.hashAfter = hashAfter;
        this.steps = steps;
    }

    /**
     * Prepares {@code sql} on {@code c} and returns it wrapped: every execution (and batch) is
     * appended to this record with the parameters bound for it. Only the setters a redo can repeat
     * are allowed; anything else bound fails the write (so it cannot be half recorded).
     */
    PreparedStatement prepare(Connection c, String sql) throws SQLException {
        return new RecordingStatement(c.prepareStatement(sql), sql, steps);
    }

    /** {@code v} if a redo can bind it again, else an IllegalArgumentException. */
    static Object check(Object v) {
        if (v == null || v instanceof String || v instanceof Long || v instanceof Integer || v instanceof BigDecimal
                || v instanceof UUID || v instanceof LocalDate || v instanceof OffsetDateTime) {
            return v;
        }
        throw new IllegalArgumentException("a " + v.getClass().getName() + " cannot be recorded for the sale log");
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
        writeTo(bytes);
        return bytes.toByteArray();
    }

    /** Writes the record's bytes (what {@link #toBytes} returns) to {@code to}. */
    void writeTo(java.io.OutputStream to) {
        try {
            DataOutputStream out = new DataOutputStream(to);
            out.writeInt(FORMAT);
            text(out, terminalId);
            out.writeLong(seqBefore);
            text(out, hashBefore);
            out.writeLong(seqAfter);
            text(out, hashAfter);
            out.writeInt(steps.size());
            for (Step s : steps) {
                text(out, s.sql());
                out.writeInt(s.rows().size());
                for (TreeMap<Integer, Object> row : s.rows()) {
                    out.writeInt(row.size());
                    for (var e : row.entrySet()) {
                        out.writeInt(e.getKey());
                        value(out, e.getValue());
                    }
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e); // a byte array does not fail
        }
    }

    static RedoRecord fromBytes(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("sale log record format " + format + " is not known to this version");
        }
        String terminal = text(in);
        long seqBefore = in.readLong();
        String hashBefore = text(in);
        long seqAfter = in.readLong();
        String hashAfter = text(in);
        int n = in.readInt();
        List<Step> steps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String sql = text(in);
            int rows = in.readInt();
            List<TreeMap<Integer, Object>> list = new ArrayList<>(rows);
            for (int r = 0; r < rows; r++) {
                int params = in.readInt();
                TreeMap<Integer, Object> row = new TreeMap<>();
                for (int p = 0; p < params; p++) {
                    int index = in.readInt();
                    row.put(index, value(in));
                }
                list.add(row);
            }
            steps.add(new Step(sql, list));
        }
        return new RedoRecord(terminal, seqBefore, hashBefore, seqAfter, hashAfter, steps);
    }

    /** Executes the recorded statements on {@code c} (in the caller's transaction); each row must change one row. */
    void apply(Connection c) throws SQLException {
        for (Step s : steps) {
            try (PreparedStatement ps = c.prepareStatement(s.sql())) {
                for (TreeMap<Integer, Object> row : s.rows()) {
                    for (var e : row.entrySet()) {
                        ps.setObject(e.getKey(), e.getValue());
                    }
                    ps.addBatch();
                }
                for (int count : ps.executeBatch()) {
                    if (count != 1 && count != Statement.SUCCESS_NO_INFO) {
                        throw new SQLException("sale log redo changed " + count + " rows instead of 1: " + s.sql());
                    }
                }
            }
        }
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String text(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void value(DataOutputStream out, Object v) throws IOException {
        if (v == null) {
            out.writeByte(0);
        } else if (v instanceof String s) {
            out.writeByte(1);
            text(out, s);
        } else if (v instanceof Long l) {
            out.writeByte(2);
            out.writeLong(l);
        } else if (v instanceof Integer i) {
            out.writeByte(3);
            out.writeInt(i);
        } else if (v instanceof BigDecimal d) {
            out.writeByte(4);
            out.writeInt(d.scale());
            byte[] u = d.unscaledValue().toByteArray();
            out.writeShort(u.length);
            out.write(u);
        } else if (v instanceof UUID u) {
            out.writeByte(5);
            out.writeLong(u.getMostSignificantBits());
            out.writeLong(u.getLeastSignificantBits());
        } else if (v instanceof LocalDate d) {
            out.writeByte(6);
            out.writeLong(d.toEpochDay());
        } else if (v instanceof OffsetDateTime t) {
            out.writeByte(7);
            out.writeLong(t.toInstant().getEpochSecond());
            out.writeInt(t.getNano());
            out.writeInt(t.getOffset().getTotalSeconds());
        } else {
            throw new IllegalArgumentException(v.getClass().getName());
        }
    }

    private static Object value(DataInputStream in) throws IOException {
        int tag = in.readByte();
        return switch (tag) {
            case 0 -> null;
            case 1 -> text(in);
            case 2 -> in.readLong();
            case 3 -> in.readInt();
            case 4 -> {
                int scale = in.readInt();
                byte[] u = new byte[in.readShort()];
                in.readFully(u);
                yield new BigDecimal(new BigInteger(u), scale);
            }
            case 5 -> new UUID(in.readLong(), in.readLong());
            case 6 -> LocalDate.ofEpochDay(in.readLong());
            case 7 -> {
                long seconds = in.readLong();
                int nanos = in.readInt();
                yield OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(seconds, nanos),
                        ZoneOffset.ofTotalSeconds(in.readInt()));
            }
            default -> throw new IOException("unknown value tag " + tag + " in a sale log record");
        };
    }
}
