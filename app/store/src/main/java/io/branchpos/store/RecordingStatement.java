package io.branchpos.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A prepared statement of a logged write that records, into its {@link RedoRecord}, every
 * execution (and batch) with the parameters bound for it, once the database accepted it (decision
 * 0014). Only the setters a redo can repeat are allowed, and only {@code executeUpdate()} and
 * {@code executeBatch()} run: anything else fails the write, so it cannot be half recorded.
 *
 * <p>Written out method by method instead of a {@link java.lang.reflect.Proxy} (decision 0024): the
 * proxy boxed every call's arguments and went through reflection, about a sixth of what a sale
 * allocated on the selling thread.
 */
final class RecordingStatement implements PreparedStatement {
    private final PreparedStatement real;
    private final String sql;
    private final List<RedoRecord.Step> steps;
    private final TreeMap<Integer, Object> current = new TreeMap<>();
    private final List<TreeMap<Integer, Object>> batch = new ArrayList<>();

    RecordingStatement(PreparedStatement real, String sql, List<RedoRecord.Step> steps) {
        this.real = real;
        this.sql = sql;
        this.steps = steps;
    }

    private static IllegalArgumentException refused(String method) {
        return new IllegalArgumentException(method + " cannot be recorded for the sale log");
    }

    @Override
    public void addBatch() throws SQLException {
        batch.add(new TreeMap<>(current));
        real.addBatch();
    }

    @Override
    public void addBatch(String a0) throws SQLException {
        real.addBatch(a0);
    }

    @Override
    public void cancel() throws SQLException {
        real.cancel();
    }

    @Override
    public void clearBatch() throws SQLException {
        batch.clear();
        real.clearBatch();
    }

    @Override
    public void clearParameters() throws SQLException {
        current.clear();
        real.clearParameters();
    }

    @Override
    public void clearWarnings() throws SQLException {
        real.clearWarnings();
    }

    @Override
    public void close() throws SQLException {
        real.close();
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        real.closeOnCompletion();
    }

    @Override
    public String enquoteIdentifier(String a0, boolean a1) throws SQLException {
        return real.enquoteIdentifier(a0, a1);
    }

    @Override
    public String enquoteLiteral(String a0) throws SQLException {
        return real.enquoteLiteral(a0);
    }

    @Override
    public String enquoteNCharLiteral(String a0) throws SQLException {
        return real.enquoteNCharLiteral(a0);
    }

    @Override
    public boolean execute() throws SQLException {
        throw refused("execute");
    }

    @Override
    public boolean execute(String a0, int[] a1) throws SQLException {
        throw refused("execute");
    }

    @Override
    public boolean execute(String a0, String[] a1) throws SQLException {
        throw refused("execute");
    }

    @Override
    public boolean execute(String a0, int a1) throws SQLException {
        throw refused("execute");
    }

    @Override
    public boolean execute(String a0) throws SQLException {
        throw refused("execute");
    }

    @Override
    public int[] executeBatch() throws SQLException {
        int[] counts = real.executeBatch();
        steps.add(new RedoRecord.Step(sql, List.copyOf(batch))); // once the database accepted it
        batch.clear();
        return counts;
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        throw refused("executeLargeBatch");
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        throw refused("executeLargeUpdate");
    }

    @Override
    public long executeLargeUpdate(String a0, int[] a1) throws SQLException {
        throw refused("executeLargeUpdate");
    }

    @Override
    public long executeLargeUpdate(String a0, String[] a1) throws SQLException {
        throw refused("executeLargeUpdate");
    }

    @Override
    public long executeLargeUpdate(String a0, int a1) throws SQLException {
        throw refused("executeLargeUpdate");
    }

    @Override
    public long executeLargeUpdate(String a0) throws SQLException {
        throw refused("executeLargeUpdate");
    }

    @Override
    public java.sql.ResultSet executeQuery() throws SQLException {
        throw refused("executeQuery");
    }

    @Override
    public java.sql.ResultSet executeQuery(String a0) throws SQLException {
        throw refused("executeQuery");
    }

    @Override
    public int executeUpdate() throws SQLException {
        int count = real.executeUpdate();
        steps.add(new RedoRecord.Step(sql, List.of(new TreeMap<>(current)))); // once the database accepted it
        return count;
    }

    @Override
    public int executeUpdate(String a0, int[] a1) throws SQLException {
        throw refused("executeUpdate");
    }

    @Override
    public int executeUpdate(String a0, String[] a1) throws SQLException {
        throw refused("executeUpdate");
    }

    @Override
    public int executeUpdate(String a0, int a1) throws SQLException {
        throw refused("executeUpdate");
    }

    @Override
    public int executeUpdate(String a0) throws SQLException {
        throw refused("executeUpdate");
    }

    @Override
    public java.sql.Connection getConnection() throws SQLException {
        return real.getConnection();
    }

    @Override
    public int getFetchDirection() throws SQLException {
        return real.getFetchDirection();
    }

    @Override
    public int getFetchSize() throws SQLException {
        return real.getFetchSize();
    }

    @Override
    public java.sql.ResultSet getGeneratedKeys() throws SQLException {
        return real.getGeneratedKeys();
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        return real.getLargeMaxRows();
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        return real.getLargeUpdateCount();
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        return real.getMaxFieldSize();
    }

    @Override
    public int getMaxRows() throws SQLException {
        return real.getMaxRows();
    }

    @Override
    public java.sql.ResultSetMetaData getMetaData() throws SQLException {
        return real.getMetaData();
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return real.getMoreResults();
    }

    @Override
    public boolean getMoreResults(int a0) throws SQLException {
        return real.getMoreResults(a0);
    }

    @Override
    public java.sql.ParameterMetaData getParameterMetaData() throws SQLException {
        return real.getParameterMetaData();
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        return real.getQueryTimeout();
    }

    @Override
    public java.sql.ResultSet getResultSet() throws SQLException {
        return real.getResultSet();
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        return real.getResultSetConcurrency();
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        return real.getResultSetHoldability();
    }

    @Override
    public int getResultSetType() throws SQLException {
        return real.getResultSetType();
    }

    @Override
    public int getUpdateCount() throws SQLException {
        return real.getUpdateCount();
    }

    @Override
    public java.sql.SQLWarning getWarnings() throws SQLException {
        return real.getWarnings();
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        return real.isCloseOnCompletion();
    }

    @Override
    public boolean isClosed() throws SQLException {
        return real.isClosed();
    }

    @Override
    public boolean isPoolable() throws SQLException {
        return real.isPoolable();
    }

    @Override
    public boolean isSimpleIdentifier(String a0) throws SQLException {
        return real.isSimpleIdentifier(a0);
    }

    @Override
    public boolean isWrapperFor(Class<?> a0) throws SQLException {
        return real.isWrapperFor(a0);
    }

    @Override
    public void setArray(int a0, java.sql.Array a1) throws SQLException {
        throw refused("setArray");
    }

    @Override
    public void setAsciiStream(int a0, java.io.InputStream a1, int a2) throws SQLException {
        throw refused("setAsciiStream");
    }

    @Override
    public void setAsciiStream(int a0, java.io.InputStream a1, long a2) throws SQLException {
        throw refused("setAsciiStream");
    }

    @Override
    public void setAsciiStream(int a0, java.io.InputStream a1) throws SQLException {
        throw refused("setAsciiStream");
    }

    @Override
    public void setBigDecimal(int a0, java.math.BigDecimal a1) throws SQLException {
        current.put(a0, RedoRecord.check(a1));
        real.setBigDecimal(a0, a1);
    }

    @Override
    public void setBinaryStream(int a0, java.io.InputStream a1, int a2) throws SQLException {
        throw refused("setBinaryStream");
    }

    @Override
    public void setBinaryStream(int a0, java.io.InputStream a1, long a2) throws SQLException {
        throw refused("setBinaryStream");
    }

    @Override
    public void setBinaryStream(int a0, java.io.InputStream a1) throws SQLException {
        throw refused("setBinaryStream");
    }

    @Override
    public void setBlob(int a0, java.io.InputStream a1, long a2) throws SQLException {
        throw refused("setBlob");
    }

    @Override
    public void setBlob(int a0, java.io.InputStream a1) throws SQLException {
        throw refused("setBlob");
    }

    @Override
    public void setBlob(int a0, java.sql.Blob a1) throws SQLException {
        throw refused("setBlob");
    }

    @Override
    public void setBoolean(int a0, boolean a1) throws SQLException {
        throw refused("setBoolean");
    }

    @Override
    public void setByte(int a0, byte a1) throws SQLException {
        throw refused("setByte");
    }

    @Override
    public void setBytes(int a0, byte[] a1) throws SQLException {
        throw refused("setBytes");
    }

    @Override
    public void setCharacterStream(int a0, java.io.Reader a1, int a2) throws SQLException {
        throw refused("setCharacterStream");
    }

    @Override
    public void setCharacterStream(int a0, java.io.Reader a1, long a2) throws SQLException {
        throw refused("setCharacterStream");
    }

    @Override
    public void setCharacterStream(int a0, java.io.Reader a1) throws SQLException {
        throw refused("setCharacterStream");
    }

    @Override
    public void setClob(int a0, java.io.Reader a1, long a2) throws SQLException {
        throw refused("setClob");
    }

    @Override
    public void setClob(int a0, java.io.Reader a1) throws SQLException {
        throw refused("setClob");
    }

    @Override
    public void setClob(int a0, java.sql.Clob a1) throws SQLException {
        throw refused("setClob");
    }

    @Override
    public void setCursorName(String a0) throws SQLException {
        real.setCursorName(a0);
    }

    @Override
    public void setDate(int a0, java.sql.Date a1, java.util.Calendar a2) throws SQLException {
        throw refused("setDate");
    }

    @Override
    public void setDate(int a0, java.sql.Date a1) throws SQLException {
        throw refused("setDate");
    }

    @Override
    public void setDouble(int a0, double a1) throws SQLException {
        throw refused("setDouble");
    }

    @Override
    public void setEscapeProcessing(boolean a0) throws SQLException {
        real.setEscapeProcessing(a0);
    }

    @Override
    public void setFetchDirection(int a0) throws SQLException {
        real.setFetchDirection(a0);
    }

    @Override
    public void setFetchSize(int a0) throws SQLException {
        real.setFetchSize(a0);
    }

    @Override
    public void setFloat(int a0, float a1) throws SQLException {
        throw refused("setFloat");
    }

    @Override
    public void setInt(int a0, int a1) throws SQLException {
        current.put(a0, RedoRecord.check(a1));
        real.setInt(a0, a1);
    }

    @Override
    public void setLargeMaxRows(long a0) throws SQLException {
        real.setLargeMaxRows(a0);
    }

    @Override
    public void setLong(int a0, long a1) throws SQLException {
        current.put(a0, RedoRecord.check(a1));
        real.setLong(a0, a1);
    }

    @Override
    public void setMaxFieldSize(int a0) throws SQLException {
        real.setMaxFieldSize(a0);
    }

    @Override
    public void setMaxRows(int a0) throws SQLException {
        real.setMaxRows(a0);
    }

    @Override
    public void setNCharacterStream(int a0, java.io.Reader a1, long a2) throws SQLException {
        throw refused("setNCharacterStream");
    }

    @Override
    public void setNCharacterStream(int a0, java.io.Reader a1) throws SQLException {
        throw refused("setNCharacterStream");
    }

    @Override
    public void setNClob(int a0, java.io.Reader a1, long a2) throws SQLException {
        throw refused("setNClob");
    }

    @Override
    public void setNClob(int a0, java.io.Reader a1) throws SQLException {
        throw refused("setNClob");
    }

    @Override
    public void setNClob(int a0, java.sql.NClob a1) throws SQLException {
        throw refused("setNClob");
    }

    @Override
    public void setNString(int a0, String a1) throws SQLException {
        throw refused("setNString");
    }

    @Override
    public void setNull(int a0, int a1, String a2) throws SQLException {
        current.put(a0, null);
        real.setNull(a0, a1, a2);
    }

    @Override
    public void setNull(int a0, int a1) throws SQLException {
        current.put(a0, null);
        real.setNull(a0, a1);
    }

    @Override
    public void setObject(int a0, Object a1, int a2, int a3) throws SQLException {
        current.put(a0, RedoRecord.check(a1));
        real.setObject(a0, a1, a2, a3);
    }

    @Override
    public void setObject(int a0, Object a1, int a2) throws SQLException {
        current.put(a0, RedoRecord.check(a1));
        real.setObject(a0, a1, a2);
    }

    @Override
    public void setObject(int a0, Object a1, java.sql.SQLType a2, int a3) throws SQLException {
        current.put(a0, RedoRecord.check(a1));
        real.setObject(a0, a1, a2, a3);
    }

    @Override
    public void setObject(int a0, Object a1, java.sql.SQLType a2) throws SQLException {
        current.put(a0, RedoRecord.check(a1));
        real.setObject(a0, a1, a2);
    }

    @Override
    public void setObject(int a0, Object a1) throws SQLException {
        current.put(a0, RedoRecord.check(a1));
        real.setObject(a0, a1);
    }

    @Override
    public void setPoolable(boolean a0) throws SQLException {
        real.setPoolable(a0);
    }

    @Override
    public void setQueryTimeout(int a0) throws SQLException {
        real.setQueryTimeout(a0);
    }

    @Override
    public void setRef(int a0, java.sql.Ref a1) throws SQLException {
        throw refused("setRef");
    }

    @Override
    public void setRowId(int a0, java.sql.RowId a1) throws SQLException {
        throw refused("setRowId");
    }

    @Override
    public void setSQLXML(int a0, java.sql.SQLXML a1) throws SQLException {
        throw refused("setSQLXML");
    }

    @Override
    public void setShort(int a0, short a1) throws SQLException {
        throw refused("setShort");
    }

    @Override
    public void setString(int a0, String a1) throws SQLException {
        current.put(a0, RedoRecord.check(a1));
        real.setString(a0, a1);
    }

    @Override
    public void setTime(int a0, java.sql.Time a1, java.util.Calendar a2) throws SQLException {
        throw refused("setTime");
    }

    @Override
    public void setTime(int a0, java.sql.Time a1) throws SQLException {
        throw refused("setTime");
    }

    @Override
    public void setTimestamp(int a0, java.sql.Timestamp a1, java.util.Calendar a2) throws SQLException {
        throw refused("setTimestamp");
    }

    @Override
    public void setTimestamp(int a0, java.sql.Timestamp a1) throws SQLException {
        throw refused("setTimestamp");
    }

    @Override
    public void setURL(int a0, java.net.URL a1) throws SQLException {
        throw refused("setURL");
    }

    @Override
    public void setUnicodeStream(int a0, java.io.InputStream a1, int a2) throws SQLException {
        throw refused("setUnicodeStream");
    }

    @Override
    public <T> T unwrap(Class<T> a0) throws SQLException {
        return real.unwrap(a0);
    }
}
