package io.branchpos.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.branchpos.store.catalog.BarcodeEntity;
import io.branchpos.store.catalog.ProductEntity;
import io.branchpos.store.catalog.TaxRateEntity;
import io.branchpos.store.journal.Journal;
import io.branchpos.store.journal.JournalEvent;
import io.branchpos.store.journal.JournalEventEntity;
import io.branchpos.store.journal.TerminalStateEntity;
import io.branchpos.store.sale.PaymentEntity;
import io.branchpos.store.sale.RefundEntity;
import io.branchpos.store.sale.RefundLineEntity;
import io.branchpos.store.sale.RefundPaymentEntity;
import io.branchpos.store.sale.SaleEntity;
import io.branchpos.store.sale.SaleLineEntity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal's database. {@link #write} is the one unit of work through which every state
 * change and its journal event are committed together and forced to disk before it returns —
 * only then may the UI say "Paid" (DESIGN.md invariant 1, decision 0002).
 */
public final class LocalStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Capacity of the preallocated sale log (decision 0014): 4 MiB, about 2,000 sale records. The
     * crash tests set a small one, so that checkpoints and resets happen while they kill.
     */
    static final long SALE_LOG_BYTES = Long.getLong("branchpos.salelog.bytes", 4L << 20);
    /**
     * A background checkpoint empties the sale log once no logged write came for this long (or it is
     * a quarter full). The system property exists for the crash tests, which need H2 left behind.
     */
    private static final long IDLE_CHECKPOINT_NANOS =
            Long.getLong("branchpos.salelog.idleCheckpointMillis", 1000L) * 1_000_000L;

    private final StoreConfig config;
    private final JdbcConnectionPool pool;
    /**
     * Hibernate, built on its own thread (decision 0016): nothing on the way to ready-to-scan needs
     * it (writes run on a plain JDBC connection and open a Hibernate session on that same
     * connection only when the work asks for {@link WriteContext#session()}); whatever needs it
     * waits for it ({@link #sessions()}).
     */
    private final CompletableFuture<SessionFactory> sessions;
    private final Thread bootstrapThread;
    private final java.util.concurrent.atomic.AtomicBoolean bootstrapStarted = new java.util.concurrent.atomic.AtomicBoolean();
    /** The durability point of {@link #writeLogged} (decision 0014); null in OS_BUFFER mode. Guarded by writeLock. */
    private SaleLog saleLog;
    /** The other sale log, empty, ready to take over (decision 0018); null while it is being emptied. Guarded by writeLock. */
    private SaleLog spare;
    /** The log switched away from, until the background checkpoint has emptied it. Guarded by writeLock. */
    private SaleLog emptying;
    /** The highest generation either sale log has had. Guarded by writeLock. */
    private long generations;
    private final java.util.concurrent.atomic.AtomicBoolean checkpointAsked = new java.util.concurrent.atomic.AtomicBoolean();
    /** See {@link #saleLogCheckpointMarks}. */
    private final java.util.concurrent.atomic.AtomicLong checkpointMarks = new java.util.concurrent.atomic.AtomicLong();
    /** Set (guarded by writeLock) when a failed write's record could not be revoked: writes are refused. */
    private String stopped;
    /** Test seam (SaleLogFaultsTest): runs after a record was forced, before H2's commit. */
    private volatile AfterRecordForced afterRecordForced;
    private volatile long lastLoggedWrite = System.nanoTime();
    private java.util.concurrent.ScheduledExecutorService checkpointer;
    // One writer at a time: the journal head is a single row, and H2 would otherwise make a
    // second writer wait on its lock anyway. Reads never take this lock.
    private final ReentrantLock writeLock = new ReentrantLock();
    /**
     * The connection every write runs on, kept from one write to the next (guarded by writeLock;
     * decision 0022). A pooled connection is rolled back when it goes back to the pool, and H2 empties
     * its session's statement cache at every rollback, so each write used to parse all its SQL again.
     * Dropped (and the next write takes another) after a write that failed.
     */
    private java.sql.Connection writeConnection;
    /**
     * The journal head's {@code SELECT ... FOR UPDATE}, prepared once on {@link #writeConnection} and
     * kept with it (guarded by writeLock; decision 0024): H2 parses a {@code FOR UPDATE} query again at
     * every prepare, about 8 KiB and a parse per sale.
     */
    private java.sql.PreparedStatement headLock;
    /** The sale log record being built (guarded by writeLock), see {@link #logRecord}. */
    private final RecordBytes recordBytes = new RecordBytes();
    /**
     * Nanoseconds of each phase of the last {@link #writeLogged} (guarded by writeLock; read by the
     * benchmark after each sale, see {@link #lastLoggedWritePhases}).
     */
    private final long[] phases = new long[PHASE_NAMES.length];
    /** Names of the phases of {@link #lastLoggedWritePhases}, in order. */
    public static final java.util.List<String> PHASE_NAMES_LIST = java.util.List.of(
            "wait for the write lock", "checkpoint before the write", "lock the journal head",
            "statements", "build the record", "append + fdatasync", "H2 commit");
    private static final String[] PHASE_NAMES = PHASE_NAMES_LIST.toArray(String[]::new);
    private static final int PHASE_LOCK = 0, PHASE_CHECKPOINT = 1, PHASE_HEAD = 2, PHASE_WORK = 3,
            PHASE_RECORD = 4, PHASE_APPEND = 5, PHASE_COMMIT = 6;
    /** Told after every durable commit (e.g. to wake the sync uploader); must be quick, must not throw. */
    private final java.util.List<Runnable> commitListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Per-store singletons of repositories that keep state (e.g. the catalog search index). */
    private final java.util.concurrent.ConcurrentHashMap<Class<?>, Object> components =
            new java.util.concurrent.ConcurrentHashMap<>();

    private LocalStore(StoreConfig config, JdbcConnectionPool pool, CompletableFuture<SessionFactory> sessions,
            Thread bootstrapThread) {
        this.config = config;
        this.pool = pool;
        this.sessions = sessions;
        this.bootstrapThread = bootstrapThread;
    }

    /**
     * Opens (creating and migrating if needed) the database in {@code config.dataDirectory()};
     * Hibernate's bootstrap starts at once on its own thread (see {@link #openDeferringHibernate}).
     */
    public static LocalStore open(StoreConfig config) {
        LocalStore store = openDeferringHibernate(config);
        store.startHibernate();
        return store;
    }

    /**
     * Opens the database like {@link #open} but does not start Hibernate's bootstrap (~2 s of CPU
     * on a till) until {@link #startHibernate()} is called or something needs a Hibernate session
     * ({@link #read}, a write whose work asks for {@link WriteContext#session()}), which then waits
     * for it. The app's start uses this to keep the bootstrap's CPU off the way to ready-to-scan
     * (decision 0016).
     */
    public static LocalStore openDeferringHibernate(StoreConfig config) {
        try {
            Files.createDirectories(config.dataDirectory());
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + config.dataDirectory(), e);
        }
        long started = System.nanoTime();
        JdbcConnectionPool pool = JdbcConnectionPool.create(config.jdbcUrl(), "branchpos", "");
        pool.setMaxConnections(9); // eight as before, plus the one writes keep (decision 0022)
        // Hibernate's bootstrap needs no connection (see sessionFactory): it is started apart and
        // nothing here waits for it
        CompletableFuture<SessionFactory> bootstrap = new CompletableFuture<>();
        Thread boot = new Thread(() -> {
            try {
                bootstrap.complete(sessionFactory(pool));
                StartupTimeline.mark("Hibernate bootstrap built");
            } catch (Throwable t) {
                bootstrap.completeExceptionally(t);
            }
        }, "branchpos-store-bootstrap");
        boot.setDaemon(true);
        try {
            Path saleLogFile = config.dataDirectory().resolve(SaleLog.FILE_NAME);
            Path secondLogFile = config.dataDirectory().resolve(SaleLog.SECOND_FILE_NAME);
            try (java.sql.Connection first = pool.getConnection()) {
                StartupTimeline.mark("H2 open");
                // before anything reads the data, and before Flyway: the records hold the SQL of the
                // schema they were written with (decision 0014)
                int redone = replaySaleLog(first, saleLogFile, secondLogFile);
                if (redone > 0) {
                    log.warn("Redid {} logged write(s) from {} that H2 had not kept after a crash", redone,
                            saleLogFile);
                }
            } catch (SQLException e) {
                throw new StoreException("cannot open the database: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new StoreException("cannot read the sale log " + saleLogFile + ": " + e.getMessage(), e);
            }
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            long migrated = System.nanoTime();
            StartupTimeline.mark("Flyway done");
            LocalStore store = new LocalStore(config, pool, bootstrap, boot);
            store.ensureTerminalState();
            if (config.durability() == StoreConfig.Durability.FSYNC) {
                store.startSaleLog(saleLogFile, secondLogFile);
            }
            StartupTimeline.mark("store open");
            log.info("Local store open at {} for terminal {} ({}) in {} ms (H2 + Flyway {} ms)",
                    config.dataDirectory(), config.terminalId(), config.durability(),
                    (System.nanoTime() - started) / 1_000_000, (migrated - started) / 1_000_000);
            return store;
        } catch (RuntimeException e) {
            pool.dispose();
            throw new StoreException("cannot open the local database in " + config.dataDirectory() + ": "
                    + e.getMessage() + " (is another BranchPOS running on it?)", e);
        }
    }

    /** Starts Hibernate's bootstrap on its own thread if it has not started yet; returns at once. */
    public void startHibernate() {
        if (bootstrapStarted.compareAndSet(false, true)) {
            bootstrapThread.start();
        }
    }

    /** Whether Hibernate's bootstrap has been started (tests). */
    public boolean hibernateStarted() {
        return bootstrapStarted.get();
    }

    /** Hibernate's session factory; starts its bootstrap if needed and waits until it is built. */
    private SessionFactory sessions() {
        if (!sessions.isDone()) {
            startHibernate();
            long waiting = System.nanoTime();
            SessionFactory sf = join(sessions);
            long waited = (System.nanoTime() - waiting) / 1_000_000;
            if (waited > 50) { // visible in the log: something reached Hibernate before it was up
                log.info("{} waited {} ms for Hibernate's bootstrap", Thread.currentThread().getName(), waited);
            }
            return sf;
        }
        return join(sessions);
    }

    /**
     * The session factory over {@code pool}. Hibernate reads no JDBC metadata at boot (the schema
     * is Flyway's; the database and its version, hence the dialect, are given here), so this runs
     * while Flyway works on the connection pool.
     */
    private static SessionFactory sessionFactory(JdbcConnectionPool pool) {
        Configuration cfg = new Configuration();
        cfg.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, pool);
        cfg.setProperty(AvailableSettings.HBM2DDL_AUTO, "none");
        cfg.setProperty(AvailableSettings.ALLOW_METADATA_ON_BOOT, "false");
        cfg.setProperty(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, "H2");
        cfg.setProperty(AvailableSettings.JAKARTA_HBM2DDL_DB_VERSION, org.h2.engine.Constants.VERSION);
        cfg.setProperty(AvailableSettings.JAKARTA_HBM2DDL_DB_MAJOR_VERSION,
                String.valueOf(org.h2.engine.Constants.VERSION_MAJOR));
        cfg.setProperty(AvailableSettings.JAKARTA_HBM2DDL_DB_MINOR_VERSION,
                String.valueOf(org.h2.engine.Constants.VERSION_MINOR));
        cfg.setProperty(AvailableSettings.XML_MAPPING_ENABLED, "false");
        cfg.setProperty(AvailableSettings.STATEMENT_BATCH_SIZE, "50");
        cfg.setProperty(AvailableSettings.ORDER_INSERTS, "true");
        cfg.setProperty(AvailableSettings.SHOW_SQL, "false");
        for (Class<?> entity : new Class<?>[] {TaxRateEntity.class, ProductEntity.class, BarcodeEntity.class,
                TerminalStateEntity.class, JournalEventEntity.class, SaleEntity.class, SaleLineEntity.class,
                PaymentEntity.class, RefundEntity.class, RefundLineEntity.class, RefundPaymentEntity.class,
                io.branchpos.store.till.TillSessionEntity.class}) {
            cfg.addAnnotatedClass(entity);
        }
        return cfg.buildSessionFactory();
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new StoreException("cannot start the persistence layer: " + e.getCause(), e.getCause());
        }
    }

    public StoreConfig config() {
        return config;
    }

    /**
     * Redoes, in order and in one transaction, every record of the sale log whose write H2 does not
     * hold (H2 keeps a prefix of the commits after a crash: everything up to the last checkpoint and
     * maybe more), then forces H2 to the disk. A record H2 already holds is checked by its journal
     * hash and skipped; a record that neither follows H2's journal head nor is in it stops the open:
     * that would be a lost write, never silently passed over.
     *
     * @return how many records were redone
     */
    static int replaySaleLog(java.sql.Connection c, Path file, Path second) throws IOException, SQLException {
        java.util.List<byte[]> records = SaleLog.readAll(file, second);
        if (records.isEmpty()) {
            return 0;
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        int redone = 0;
        try {
            for (byte[] bytes : records) {
                RedoRecord r = RedoRecord.fromBytes(bytes);
                long seq;
                String hash;
                try (java.sql.PreparedStatement ps = c.prepareStatement(
                        "SELECT last_seq, last_hash FROM terminal_state WHERE terminal_id = ?")) {
                    ps.setString(1, r.terminalId);
                    try (java.sql.ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new StoreException("the sale log " + file + " holds writes of terminal "
                                    + r.terminalId + ", which this database does not know");
                        }
                        seq = rs.getLong(1);
                        hash = rs.getString(2);
                    }
                }
                if (seq == r.seqBefore && hash.equals(r.hashBefore)) {
                    r.apply(c);
                    redone++;
                } else if (seq >= r.seqAfter) {
                    try (java.sql.PreparedStatement ps = c.prepareStatement(
                            "SELECT hash FROM journal_event WHERE terminal_id = ? AND seq = ?")) {
                        ps.setString(1, r.terminalId);
                        ps.setLong(2, r.seqAfter);
                        try (java.sql.ResultSet rs = ps.executeQuery()) {
                            if (!rs.next() || !rs.getString(1).equals(r.hashAfter)) {
                                throw new StoreException("the sale log " + file + " holds journal event "
                                        + r.seqAfter + " with another hash than the database");
                            }
                        }
                    }
                } else {
                    throw new StoreException("the sale log " + file + " holds a write after journal event "
                            + r.seqBefore + ", but the database's journal ends at " + seq
                            + "; the store is not opened so nothing is lost");
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException | IOException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
        try (Statement st = c.createStatement()) {
            st.execute("CHECKPOINT SYNC");
        }
        return redone;
    }

    private void startSaleLog(Path file, Path second) {
        writeLock.lock();
        try {
            Long g1 = SaleLog.generation(file);
            Long g2 = SaleLog.generation(second);
            long g = Math.max(g1 == null ? 0 : g1, g2 == null ? 0 : g2);
            saleLog = SaleLog.openEmpty(file, SALE_LOG_BYTES, g + 1);
            spare = SaleLog.openEmpty(second, SALE_LOG_BYTES, g + 2);
            generations = g + 2;
        } catch (IOException e) {
            throw new StoreException("cannot open the sale logs " + file + ", " + second + ": " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
        checkpointer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "branchpos-sale-log-checkpoint");
            t.setDaemon(true);
            return t;
        });
        checkpointer.scheduleWithFixedDelay(this::backgroundCheckpoint, 250, 250,
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The generation for the next reset of either log (above every generation either had). With writeLock. */
    private long nextGeneration() {
        return ++generations;
    }

    /**
     * Once sales paused or the sale log is a quarter full: switches sales to the spare log (under the
     * write lock, a moment), then — outside the lock, while sales go on into the other log — forces
     * H2 to disk ({@code CHECKPOINT SYNC}), which covers every record of the log switched away from
     * (their commits came before the switch), and empties that log, which becomes the spare
     * (decision 0018). A failed checkpoint or reset is retried at the next run, the log staying out of use.
     */
    private void backgroundCheckpoint() {
        SaleLog toEmpty;
        writeLock.lock();
        try {
            if (saleLog == null || stopped != null) {
                return;
            }
            if (emptying == null) {
                boolean idle = System.nanoTime() - lastLoggedWrite > IDLE_CHECKPOINT_NANOS;
                if (saleLog.isEmpty() || spare == null || !(idle || saleLog.used() > saleLog.capacity() / 2)) {
                    return;
                }
                switchLogs();
            }
            toEmpty = emptying;
        } finally {
            writeLock.unlock();
        }
        try {
            try (java.sql.Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                checkpointMarks.incrementAndGet();
                try {
                    st.execute("CHECKPOINT SYNC");
                } finally {
                    checkpointMarks.incrementAndGet();
                }
            }
            long next;
            writeLock.lock();
            try {
                next = nextGeneration();
            } finally {
                writeLock.unlock();
            }
            toEmpty.reset(next);
        } catch (SQLException | IOException | RuntimeException e) {
            log.warn("emptying the sale log {} failed (retried): {}", toEmpty.file(), e.getMessage(), e);
            return;
        }
        writeLock.lock();
        try {
            if (emptying == toEmpty) {
                emptying = null;
                spare = toEmpty;
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** With the write lock held: sales go to the (empty) spare log; the active one waits to be emptied. */
    private void switchLogs() {
        emptying = saleLog;
        saleLog = spare;
        spare = null;
    }

    /**
     * With the write lock held: forces everything H2 committed to the disk, then empties the active
     * sale log (the way when the spare is not ready, and at close). If the log cannot be emptied the
     * store stops using the logs: its records are all in H2's forced file, so nothing is lost, and
     * writes then force H2 each time.
     */
    private void checkpointAndResetLog() {
        if (saleLog == null || saleLog.isEmpty() || stopped != null) {
            return;
        }
        try (java.sql.Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            checkpointMarks.incrementAndGet();
            try {
                st.execute("CHECKPOINT SYNC");
            } finally {
                checkpointMarks.incrementAndGet();
            }
        } catch (SQLException e) {
            throw new StoreException("checkpoint before emptying the sale log failed: " + e.getMessage(), e);
        }
        try {
            saleLog.reset(nextGeneration());
        } catch (IOException e) {
            log.error("cannot empty the sale log {}; writes force H2 from now on: {}", saleLog.file(), e.getMessage(), e);
            saleLog = null;
        }
    }

    public String terminalId() {
        return config.terminalId();
    }

    private void ensureTerminalState() {
        write(ctx -> null);
    }

    /**
     * Runs {@code work} in one transaction with the terminal's journal head locked, commits, and
     * (with {@link StoreConfig.Durability#FSYNC}) forces the database file to the device before
     * returning. If {@code work} throws, nothing of it is kept.
     */
    public <T> T write(Function<WriteContext, T> work) {
        writeLock.lock();
        try {
            checkNotStopped();
            return transact(work, false);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Like {@link #write}, but durable through the sale log instead of an H2 checkpoint (decision
     * 0014): the statements the work runs through {@link WriteContext#prepare} are recorded, the
     * record is appended to the sale log and forced, and only then does H2 commit, lazily (the
     * background checkpoint that empties a sale log once sales pause or it is half full writes it
     * to H2's file, decision 0018). When this returns the write survives a crash or power cut: opening the store redoes
     * any record H2 lost. The work must write only through {@code ctx.prepare} on
     * {@code ctx.connection()} and must append a journal event; asking for a Hibernate session is
     * refused. A write that does not fit in the log, or in {@code OS_BUFFER} mode, goes the way of
     * {@link #write}.
     */
    public <T> T writeLogged(Function<WriteContext, T> work) {
        long t0 = System.nanoTime();
        writeLock.lock();
        try {
            long locked = System.nanoTime();
            phases[PHASE_LOCK] = locked - t0;
            checkNotStopped();
            if (saleLog == null) {
                return transact(work, false);
            }
            if (saleLog.used() > saleLog.capacity() / 4 * 3) {
                if (spare != null) {
                    switchLogs(); // the background checkpoint has not come round yet: it empties this one
                    askForCheckpoint();
                } else {
                    checkpointAndResetLog(); // the other log is still being emptied: the way before 0018
                }
            }
            phases[PHASE_CHECKPOINT] = System.nanoTime() - locked;
            T result = transact(work, saleLog != null);
            if (saleLog != null && spare != null && saleLog.used() > saleLog.capacity() / 2) {
                askForCheckpoint();
            }
            return result;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * With the write lock held: runs {@code work} in one transaction on a JDBC connection with the
     * journal head locked, commits it — through the sale log if {@code logged} and the write fits
     * there, else with a checkpoint in FSYNC mode — and tells the commit listeners.
     */
    private <T> T transact(Function<WriteContext, T> work, boolean logged) {
        T result;
        boolean failed = true;
        try {
            if (writeConnection == null) {
                writeConnection = pool.getConnection();
            }
            java.sql.Connection connection = writeConnection;
            connection.setAutoCommit(false);
            Context ctx = null;
            RecordBytes record = null;
            try {
                // the head through JDBC, locked FOR UPDATE and written through at each change (decision 0013)
                long t0 = System.nanoTime();
                if (headLock == null) {
                    headLock = connection.prepareStatement(Journal.LOCK_HEAD);
                }
                TerminalStateEntity head = Journal.lockHead(connection, headLock, config.terminalId(),
                        LocalDate.now(config.clock()));
                RedoRecord redo = logged ? new RedoRecord(config.terminalId(), head.lastSeq(), head.lastHash()) : null;
                ctx = new Context(connection, head, redo);
                long t1 = System.nanoTime();
                phases[PHASE_HEAD] = t1 - t0;
                result = work.apply(ctx);
                long t2 = System.nanoTime();
                phases[PHASE_WORK] = t2 - t1;
                record = redo == null ? null : logRecord(redo, head);
                phases[PHASE_RECORD] = System.nanoTime() - t2;
                if (record != null) {
                    commitThroughLog(connection, record);
                } else {
                    ctx.commit();
                }
            } catch (RuntimeException | SQLException e) {
                try {
                    if (ctx != null) {
                        ctx.rollback();
                    } else {
                        connection.rollback();
                    }
                } catch (RuntimeException | SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                if (e instanceof SQLException sql) {
                    throw new StoreException("database error: " + sql.getMessage(), sql);
                }
                throw (RuntimeException) e;
            } finally {
                if (ctx != null) {
                    ctx.closeSession();
                }
                connection.setAutoCommit(true);
            }
            if (record == null && config.durability() == StoreConfig.Durability.FSYNC) {
                forceToDisk(connection);
            }
            failed = false;
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        } finally {
            if (failed) {
                dropWriteConnection();
            }
        }
        for (Runnable listener : commitListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("commit listener failed: {}", e.getMessage(), e);
            }
        }
        return result;
    }

    /** With the write lock held: after a failed write, the next one starts on a fresh connection. */
    private void dropWriteConnection() {
        java.sql.Connection c = writeConnection;
        writeConnection = null;
        java.sql.PreparedStatement select = headLock;
        headLock = null;
        if (select != null) {
            try {
                select.close();
            } catch (SQLException e) {
                log.warn("closing the journal head's statement after a failed write: {}", e.getMessage());
            }
        }
        if (c != null) {
            try {
                c.close(); // back to the pool, rolled back
            } catch (SQLException e) {
                log.warn("closing the write connection after a failed write: {}", e.getMessage());
            }
        }
    }

    /**
     * The sale log record of a logged write, built in {@link #recordBytes}, or null if it changed no
     * journal or does not fit in the log. With the write lock held.
     */
    private RecordBytes logRecord(RedoRecord redo, TerminalStateEntity head) {
        redo.seqAfter = head.lastSeq();
        redo.hashAfter = head.lastHash();
        if (redo.seqAfter == redo.seqBefore) {
            return null;
        }
        recordBytes.reset();
        redo.writeTo(recordBytes);
        return saleLog.fits(recordBytes.size()) ? recordBytes : null;
    }

    /** A record's bytes, the buffer kept from one logged write to the next (fewer bytes allocated per sale). */
    private static final class RecordBytes extends java.io.ByteArrayOutputStream {
        RecordBytes() {
            super(8 * 1024);
        }

        byte[] array() {
            return buf;
        }
    }

    private void commitThroughLog(java.sql.Connection connection, RecordBytes record) throws SQLException {
        long at;
        long t0 = System.nanoTime();
        try {
            at = saleLog.append(record.array(), record.size()); // written and forced: from here on the write is durable
        } catch (IOException e) {
            // a record that may have reached the file must not be redone: the caller is told it failed
            if (!revokeOrStop(saleLog.used() + SaleLog.HEADER, e)) {
                throw new StoreException("cannot write the sale log (" + e.getMessage() + ") nor correct it: whether"
                        + " the sale was saved is decided when BranchPOS restarts: restart BranchPOS now and look"
                        + " at the last receipt", e);
            }
            throw new StoreException("cannot write the sale log: " + e.getMessage(), e);
        }
        long t1 = System.nanoTime();
        phases[PHASE_APPEND] = t1 - t0;
        try {
            AfterRecordForced fault = afterRecordForced;
            if (fault != null) {
                fault.run(saleLog);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            if (!revokeOrStop(at, e)) {
                // the record stays valid: the next open redoes the write, so say that, not "failed"
                throw new StoreException("the sale was saved to the sale log, but the database could not commit it"
                        + " (" + e.getMessage() + ") and the log could not be corrected; it is completed when"
                        + " BranchPOS restarts: restart BranchPOS now", e);
            }
            throw e;
        }
        lastLoggedWrite = System.nanoTime();
        phases[PHASE_COMMIT] = lastLoggedWrite - t1;
    }

    /**
     * Nanoseconds per phase of the last {@link #writeLogged} on this store, named by
     * {@link #PHASE_NAMES_LIST} (the benchmark's breakdown of target 4; call it on the writing thread
     * right after the write, with no other writer).
     */
    public long[] lastLoggedWritePhases() {
        writeLock.lock();
        try {
            return phases.clone();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Counts the starts and ends of the checkpoints that empty a sale log (odd while one runs): the
     * benchmark reads it before and after each sale to tell which sales shared the disk with one.
     */
    public long saleLogCheckpointMarks() {
        return checkpointMarks.get();
    }

    /** Test seam: what runs between forcing a sale log record and H2's commit. */
    interface AfterRecordForced {
        void run(SaleLog log) throws SQLException;
    }

    /** Test seam: sets what runs between forcing a sale log record and H2's commit (null: nothing). */
    void afterRecordForced(AfterRecordForced hook) {
        this.afterRecordForced = hook;
    }

    /** Has the background checkpoint run soon (once per ask until it ran). */
    private void askForCheckpoint() {
        if (checkpointer != null && checkpointAsked.compareAndSet(false, true)) {
            try {
                checkpointer.execute(() -> {
                    checkpointAsked.set(false);
                    backgroundCheckpoint();
                });
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                checkpointAsked.set(false);
            }
        }
    }

    /**
     * Makes the record at {@code at} invalid (its write is reported as failed, so the next open must
     * not redo it). If even that fails the record may be redone by the next open, so this store stops
     * writing: any later write would move the journal past the record's head and make the log
     * unreplayable, and a checkpoint must not empty the log either. The next open then redoes it.
     *
     * @return false if the record could not be revoked (the store has stopped)
     */
    private boolean revokeOrStop(long at, Exception cause) {
        try {
            saleLog.revoke(at);
            return true;
        } catch (IOException | RuntimeException e) {
            log.error("cannot revoke a sale log record after {}; the store stops writing, the next open decides",
                    cause.getMessage(), e);
            stopped = "the store stopped writing after a failure of the sale log (" + cause.getMessage()
                    + "): restart BranchPOS";
            return false;
        }
    }

    /** Refuses a write once {@link #revokeOrStop} has stopped the store. With the write lock held. */
    private void checkNotStopped() {
        if (stopped != null) {
            throw new StoreException(stopped);
        }
    }

    private static void forceToDisk(java.sql.Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            // H2: write what is committed and fsync the file (FileChannel.force) before returning.
            st.execute("CHECKPOINT SYNC");
        }
    }

    /** Runs {@code work} in a read-only session. */
    public <T> T read(Function<Session, T> work) {
        try (Session session = sessions().openSession()) {
            session.setDefaultReadOnly(true);
            return work.apply(session);
        }
    }

    /** Plain JDBC for hot paths (barcode lookup, search, bulk import) that need no entities. */
    public <T> T jdbc(SqlWork<T> work) {
        try (var connection = pool.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        }
    }

    /** A piece of JDBC work. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(java.sql.Connection connection) throws SQLException;
    }

    /** Registers {@code listener} to run after every durable commit (on the writing thread). */
    public void onCommit(Runnable listener) {
        commitListeners.add(listener);
    }

    /** The one instance of {@code type} for this store, created by {@code factory} on first use. */
    public <T> T component(Class<T> type, Function<LocalStore, T> factory) {
        return type.cast(components.computeIfAbsent(type, t -> factory.apply(this)));
    }

    /** Current business day of this terminal. */
    public LocalDate businessDay() {
        return jdbc(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement(
                    "SELECT business_day FROM terminal_state WHERE terminal_id = ?")) {
                ps.setString(1, config.terminalId());
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new StoreException("terminal_state row of " + config.terminalId() + " is missing");
                    }
                    return rs.getObject(1, LocalDate.class);
                }
            }
        });
    }

    @Override
    public void close() {
        if (checkpointer != null) {
            checkpointer.shutdown();
            try {
                if (!checkpointer.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    log.warn("the sale log checkpoint did not finish in 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writeLock.lock();
        try {
            if (saleLog != null && stopped == null && (!saleLog.isEmpty() || emptying != null)) {
                try (java.sql.Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                    st.execute("CHECKPOINT SYNC"); // covers both logs' records
                    if (!saleLog.isEmpty()) {
                        saleLog.reset(nextGeneration());
                    }
                    if (emptying != null) {
                        emptying.reset(nextGeneration());
                    }
                } catch (SQLException | RuntimeException | IOException e) {
                    log.warn("sale log left for the next open to redo: {}", e.getMessage());
                }
            }
            for (SaleLog l : new SaleLog[] {saleLog, spare, emptying}) {
                if (l != null) {
                    try {
                        l.close();
                    } catch (IOException e) {
                        log.warn("closing the sale log {}: {}", l.file(), e.getMessage());
                    }
                }
            }
            saleLog = null;
            spare = null;
            emptying = null;
            dropWriteConnection();
        } finally {
            writeLock.unlock();
        }
        if (bootstrapStarted.get()) {
            try {
                sessions.join().close(); // it may still be building: close it once built
            } catch (java.util.concurrent.CompletionException failed) {
                log.warn("Hibernate's bootstrap had failed: {}", failed.getCause() == null ? failed : failed.getCause().toString());
            }
        }
        pool.dispose();
    }

    private final class Context implements WriteContext {
        private final java.sql.Connection connection;
        private final TerminalStateEntity head;
        /** Plain, or recording the write's statements for the sale log (a {@link #writeLogged} write). */
        private final Journal.Statements statements;
        /** Null unless this is a {@link #writeLogged} write, which must not use Hibernate. */
        private final RedoRecord redo;
        /** Opened on {@link #connection} the first time the work asks for it. */
        private Session session;
        private Transaction tx;

        Context(java.sql.Connection connection, TerminalStateEntity head) {
            this(connection, head, null);
        }

        Context(java.sql.Connection connection, TerminalStateEntity head, RedoRecord redo) {
            this.connection = connection;
            this.head = head;
            this.redo = redo;
            this.statements = redo == null ? Journal.Statements.PLAIN : redo::prepare;
        }

        @Override
        public java.sql.PreparedStatement prepare(java.sql.Connection c, String sql) throws SQLException {
            return statements.prepare(c, sql);
        }

        @Override
        public Session session() {
            if (redo != null) {
                // the sale log records only what goes through prepare (decision 0014)
                throw new IllegalStateException("a logged write must write through WriteContext.prepare on"
                        + " connection(), not through Hibernate");
            }
            if (session == null) {
                Session s = sessions().withOptions().connection(connection).openSession();
                tx = s.beginTransaction(); // on the connection's transaction, which already holds the head
                session = s;
            }
            return session;
        }

        @Override
        public java.sql.Connection connection() {
            return connection;
        }

        void commit() throws SQLException {
            if (session != null) {
                session.flush();
                tx.commit();
            }
            connection.commit();
        }

        void rollback() throws SQLException {
            if (tx != null && tx.isActive()) {
                tx.rollback();
            }
            connection.rollback();
        }

        void closeSession() {
            if (session != null) {
                session.close();
            }
        }

        @Override
        public String terminalId() {
            return config.terminalId();
        }

        @Override
        public LocalDate businessDay() {
            return head.businessDay();
        }

        @Override
        public Instant now() {
            return config.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        }

        @Override
        public UUID newId() {
            return config.ids().next();
        }

        @Override
        public JournalEvent journal(String type, int schemaVersion, ObjectNode payload) {
            String text;
            try {
                text = JSON.writeValueAsString(payload);
            } catch (JsonProcessingException e) {
                throw new StoreException("cannot serialise the " + type + " payload", e);
            }
            return Journal.append(connection, statements, head, newId(), type, schemaVersion, now(), text);
        }

        @Override
        public String nextReceiptNumber() {
            return String.format("%s-%06d", config.terminalId(), Journal.takeReceiptNumber(connection, statements, head));
        }

        @Override
        public void advanceBusinessDay(LocalDate next) {
            if (!next.isAfter(head.businessDay())) {
                throw new IllegalArgumentException("business day " + next + " is not after " + head.businessDay());
            }
            Journal.advanceBusinessDay(connection, statements, head, next);
        }

        TerminalStateEntity head() {
            return head;
        }
    }
}
