package io.branchpos.sync.server.ingest;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Arrays;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows for one {@code COPY table (columns) FROM STDIN} in PostgreSQL's text format (decision 0209):
 * fields separated by a tab, rows by a newline, {@code \N} for null, and a backslash, tab, newline or
 * carriage return inside a value written as its backslash escape. Values are handed over as text,
 * exactly what the {@code unnest(?::text[])} statements cast, so both paths store the same values.
 *
 * <p>A value holding U+0000 (which PostgreSQL's text cannot store) makes the rows {@linkplain
 * #copyable() not copyable}: the caller then takes its statement path, which decides as before.
 */
final class CopyRows {
    private byte[] buf = new byte[64 * 1024];
    private int len;
    private boolean rowStarted;
    private boolean copyable = true;
    private int rows;

    /** Appends one field (null = SQL NULL) to the current row. */
    CopyRows add(String value) {
        if (rowStarted) {
            put((byte) '\t');
        }
        rowStarted = true;
        if (value == null) {
            put((byte) '\\');
            put((byte) 'N');
            return this;
        }
        if (value.indexOf('\0') >= 0) {
            copyable = false;
            return this;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length * 2);
        for (byte b : utf8) {
            switch (b) {
                case '\\' -> {
                    buf[len++] = '\\';
                    buf[len++] = '\\';
                }
                case '\t' -> {
                    buf[len++] = '\\';
                    buf[len++] = 't';
                }
                case '\n' -> {
                    buf[len++] = '\\';
                    buf[len++] = 'n';
                }
                case '\r' -> {
                    buf[len++] = '\\';
                    buf[len++] = 'r';
                }
                default -> buf[len++] = b;
            }
        }
        return this;
    }

    /** Ends the current row. */
    void endRow() {
        put((byte) '\n');
        rowStarted = false;
        rows++;
    }

    int rows() {
        return rows;
    }

    /** False when a value cannot travel in COPY's text (U+0000). */
    boolean copyable() {
        return copyable;
    }

    /** The COPY stream's bytes (for tests). */
    byte[] bytes() {
        return Arrays.copyOf(buf, len);
    }

    /** Sends the rows with {@code COPY <target> FROM STDIN}; returns the rows PostgreSQL stored. */
    long copyInto(Connection c, String target) throws SQLException {
        if (!copyable) {
            throw new IllegalStateException("rows holding U+0000 cannot be copied");
        }
        if (rows == 0) {
            return 0;
        }
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + target + " FROM STDIN");
        try {
            in.writeToCopy(buf, 0, len);
            return in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /**
     * Runs {@code fast} behind a savepoint; when PostgreSQL refuses a value or a key in it (SQLSTATE
     * class 22 or 23) everything it did is rolled back and the answer is false: the caller then takes
     * its statement path, which treats each case as it always has. Other failures propagate.
     */
    static boolean tryBehindSavepoint(Connection c, SqlWork fast) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            fast.run();
            c.releaseSavepoint(savepoint);
            return true;
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (!state.startsWith("22") && !state.startsWith("23")) {
                throw e;
            }
            c.rollback(savepoint);
            return false;
        }
    }

    /** Database work that may fail. */
    interface SqlWork {
        void run() throws SQLException;
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
