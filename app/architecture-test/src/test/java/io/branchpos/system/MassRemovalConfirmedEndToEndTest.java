package io.branchpos.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.branchpos.desktop.feed.StoreCatalogSink;
import io.branchpos.domain.id.UuidV7Generator;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreConfig;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.feed.FeedStore;
import io.branchpos.sync.client.CatalogSink;
import io.branchpos.sync.client.CredentialStore;
import io.branchpos.sync.client.FeedPuller;
import io.branchpos.sync.client.OkHttpSyncTransport;
import io.branchpos.sync.client.TerminalCredential;
import io.branchpos.sync.protocol.EnrollmentResponse;
import io.branchpos.sync.server.ServerMain;
import io.branchpos.sync.server.SyncServer;
import io.branchpos.sync.server.catalog.CatalogChanges.ProductRow;
import io.branchpos.sync.server.catalog.CatalogService;
import io.branchpos.sync.server.db.Databases;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * HQ removes most of the catalog; a caught-up terminal's guard refuses it and keeps selling the
 * old catalog; HQ staff confirm the removal with {@code catalog confirm-removal}; the terminal
 * then applies it (decision 0256). Real PostgreSQL, real HTTP, real H2.
 */
class MassRemovalConfirmedEndToEndTest {
    static final int PRODUCTS = 100;
    static final int REMOVED = 60;

    @TempDir
    static Path tmp;
    static EmbeddedPostgres pg;
    static HikariDataSource hqDb;
    static SyncServer hq;

    @BeforeAll
    static void startHq() throws Exception {
        pg = Databases.startEmbedded(tmp.resolve("hq"), 0);
        hqDb = Databases.pool(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        Databases.migrate(hqDb);
        hq = new SyncServer(hqDb).start("127.0.0.1", 0);
        new CatalogService(hqDb).write("test", c -> {
            c.upsertTax("STD", new BigDecimal("19"), "standard");
            for (int i = 1; i <= PRODUCTS; i++) {
                String sku = String.format("R%03d", i);
                c.upsertProduct(new ProductRow(sku, "Product " + i, "Cat", "STD", "PIECE", "EUR", true, false,
                        List.of(String.format("29%011d", i))));
                c.setPrice(sku, new BigDecimal("1.99"), Instant.parse("2026-01-01T00:00:00Z"));
            }
            return null;
        });
    }

    @AfterAll
    static void stopHq() throws Exception {
        hq.close();
        hqDb.close();
        pg.close();
    }

    @Test
    void aRefusedMassRemovalIsAppliedOnceHqConfirmsItFromTheCommandLine() throws Exception {
        String code = hq.registry().createEnrollmentCode("B-001", "T-001");
        EnrollmentResponse r = new OkHttpSyncTransport("http://127.0.0.1:" + hq.port()).enroll(code);
        CredentialStore credentials = CredentialStore.inMemory();
        credentials.save(new TerminalCredential(r.terminalId(), r.branchId(), r.token()));
        Clock clock = Clock.systemUTC();
        try (LocalStore store = LocalStore.open(new StoreConfig(tmp.resolve("till"), "T-001", clock,
                new UuidV7Generator(clock, new SecureRandom()), StoreConfig.Durability.FSYNC))) {
            FeedStore feed = new FeedStore(store);
            CatalogRepository catalog = new CatalogRepository(store);
            pull(credentials, feed);
            assertThat(feed.state().complete()).isTrue();
            assertThat(activeProducts(catalog)).isEqualTo(PRODUCTS);

            Instant since = Instant.now().minusSeconds(1);
            new CatalogService(hqDb).write("import", c -> {   // e.g. a new assortment file without most products
                for (int i = 1; i <= REMOVED; i++) {
                    c.deactivate(String.format("R%03d", i), false);
                }
                return null;
            });
            String cursorBefore = feed.state().cursor();
            assertThatThrownBy(() -> pull(credentials, feed)).isInstanceOf(CatalogSink.RefusedPageException.class)
                    .hasMessageContaining("without marking it intended");
            assertThat(activeProducts(catalog)).as("the till keeps its catalog").isEqualTo(PRODUCTS);
            assertThat(feed.state().cursor()).isEqualTo(cursorBefore);

            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(new ServerMain());
            cli.setOut(new PrintWriter(out));
            int exit = cli.execute("catalog", "confirm-removal", "--db-url", pg.getJdbcUrl("postgres", "postgres"),
                    "--db-password", "postgres", "--since", since.toString(), "--by", "maria");
            assertThat(exit).isZero();
            assertThat(out.toString()).contains("marked " + REMOVED + " deactivation(s)");

            pull(credentials, feed);
            assertThat(activeProducts(catalog)).isEqualTo(PRODUCTS - REMOVED);
            assertThat(catalog.findBySku("R001").orElseThrow().active()).isFalse();
            assertThat(catalog.findBySku(String.format("R%03d", PRODUCTS)).orElseThrow().active()).isTrue();
            assertThat(feed.state().cursor()).isNotEqualTo(cursorBefore);

            // the confirmation is not a blanket pass: a later unconfirmed mass removal is refused again
            new CatalogService(hqDb).write("import", c -> {
                for (int i = REMOVED + 1; i <= REMOVED + 30; i++) {
                    c.deactivate(String.format("R%03d", i), false);
                }
                return null;
            });
            assertThatThrownBy(() -> pull(credentials, feed)).isInstanceOf(CatalogSink.RefusedPageException.class);
        }
    }

    static void pull(CredentialStore credentials, FeedStore feed) throws Exception {
        try (FeedPuller puller = new FeedPuller("http://127.0.0.1:" + hq.port(), credentials, new StoreCatalogSink(feed), 500,
                Duration.ofMinutes(1))) {
            puller.pullAll();
        }
    }

    static long activeProducts(CatalogRepository catalog) {
        long n = 0;
        for (int i = 1; i <= PRODUCTS; i++) {
            if (catalog.findBySku(String.format("R%03d", i)).orElseThrow().active()) {
                n++;
            }
        }
        return n;
    }
}
