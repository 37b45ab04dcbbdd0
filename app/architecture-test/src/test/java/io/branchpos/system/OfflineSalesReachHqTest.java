package io.branchpos.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.branchpos.desktop.AppContext;
import io.branchpos.desktop.config.AppConfig;
import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.money.RoundingPolicy;
import io.branchpos.domain.sale.CompletedSale;
import io.branchpos.domain.sale.Payment;
import io.branchpos.domain.sale.SaleCalculator;
import io.branchpos.domain.sale.Settlement;
import io.branchpos.domain.sale.Ticket;
import io.branchpos.domain.tax.PricingMode;
import io.branchpos.sync.client.SyncStatus;
import io.branchpos.sync.server.SyncServer;
import io.branchpos.sync.server.db.Databases;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Currency;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole way, with real parts: a terminal (real H2 file, the app's own wiring) sells while HQ
 * is down, HQ (real PostgreSQL, real HTTP) comes up, the terminal enrols with its pre-seeded
 * one-time code, its queue drains to zero by itself, and every sale is in HQ's ledger once.
 */
class OfflineSalesReachHqTest {
    @TempDir
    Path tmp;

    @Test
    void salesMadeWhileHqIsDownDrainByThemselvesOnceItIsUpAndArriveOnce() throws Exception {
        try (EmbeddedPostgres pg = Databases.startEmbedded(tmp.resolve("hq"), 0);
                HikariDataSource hqDb = Databases.pool(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres")) {
            Databases.migrate(hqDb);
            SyncServer setup = new SyncServer(hqDb);
            String code = setup.registry().createEnrollmentCode("B-001", "T-001");
            int port = freePort();

            AppConfig config = AppConfig.load(new String[] {"--demo", "--data-dir", tmp.resolve("till").toString(),
                "--terminal-id", "T-001", "--server-url", "http://127.0.0.1:" + port, "--set", "enrollment.code=" + code},
                    tmp.resolve("no-etc"), tmp);
            try (AppContext till = AppContext.start(config)) {
                for (int i = 1; i <= 3; i++) {
                    sell(till, till.catalog().findBySku(String.format("%06d", i)).orElseThrow());
                }
                long journal = till.journal().lastSeq();
                assertThat(till.journal().pendingCount()).isEqualTo(journal);
                assertThat(till.sync().orElseThrow().status().state()).isNotEqualTo(SyncStatus.State.UP_TO_DATE);

                try (SyncServer hq = new SyncServer(hqDb).start("127.0.0.1", port)) {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                    while (till.journal().pendingCount() > 0 && System.nanoTime() < deadline) {
                        Thread.sleep(200);
                    }
                    assertThat(till.journal().pendingCount()).as("pending after HQ came back").isZero();
                    assertThat(count(hqDb, "select count(*) from sale where terminal_id = 'T-001'")).isEqualTo(3);
                    assertThat(count(hqDb, "select count(*) from event where terminal_id = 'T-001'")).isEqualTo(journal);
                    assertThat(till.config().dataDir().resolve("credential.properties")).exists();
                }
            }
        }
    }

    private static void sell(AppContext till, Product p) {
        Ticket t = new Ticket(till.ids().next(), new SaleCalculator(Currency.getInstance("EUR"), PricingMode.INCLUSIVE,
                RoundingPolicy.DEFAULT));
        t.add(p, p.unit().isMeasured() ? new BigDecimal("0.250") : BigDecimal.ONE);
        Settlement s = new Settlement(t.totalDue(), RoundingPolicy.DEFAULT.cashRounding());
        s.add(Payment.cash(t.totalDue()));
        till.sales().complete(CompletedSale.of(t, s, "u-test", Instant.now()));
    }

    private static long count(HikariDataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
