package io.branchpos.store.sale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.money.RoundingPolicy;
import io.branchpos.domain.sale.CompletedSale;
import io.branchpos.domain.sale.LineTotal;
import io.branchpos.domain.sale.Payment;
import io.branchpos.domain.sale.SaleCalculator;
import io.branchpos.domain.sale.Settlement;
import io.branchpos.domain.sale.Ticket;
import io.branchpos.domain.sale.TicketLine;
import io.branchpos.domain.tax.PricingMode;
import io.branchpos.store.LocalStore;
import io.branchpos.store.TestStores;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.journal.JournalEvent;
import io.branchpos.store.journal.JournalRepository;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows of a sale and its journal event, written with plain JDBC on the sale's hot path
 * (decision 0011), read back through the entities and the journal exactly as they were rung up.
 */
class SaleRowsTest {
    @TempDir
    Path dir;

    @Test
    void aCompletedSaleReadsBackFieldByFieldThroughTheEntities() {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 30)) {
            CatalogRepository catalog = new CatalogRepository(store);
            Ticket t = new Ticket(store.config().ids().next(), new SaleCalculator(Currency.getInstance("EUR"),
                    PricingMode.INCLUSIVE, RoundingPolicy.DEFAULT));
            for (String sku : List.of("000001", "000002", "000007", "000011")) {
                Product p = catalog.findBySku(sku).orElseThrow();
                t.add(p, p.unit().isMeasured() ? new BigDecimal("0.735") : BigDecimal.valueOf(2));
            }
            Settlement s = new Settlement(t.totalDue(), RoundingPolicy.DEFAULT.cashRounding());
            s.add(Payment.cash(t.totalDue().plus(io.branchpos.domain.money.Money.of("20.00", "EUR"))));
            Instant at = Instant.parse("2026-11-22T23:01:02.345678Z");
            CompletedSale sale = CompletedSale.of(t, s, "u-rows", at);

            SaleReceipt receipt = new SalesRepository(store).complete(sale);

            store.read(session -> {
                SaleEntity e = session.find(SaleEntity.class, sale.saleId());
                assertThat(e.receiptNumber).isEqualTo(receipt.receiptNumber()).isEqualTo("T-001-000001");
                assertThat(e.terminalId).isEqualTo("T-001");
                assertThat(e.businessDay).isEqualTo(receipt.businessDay());
                assertThat(e.cashierId).isEqualTo("u-rows");
                assertThat(e.currency).isEqualTo("EUR");
                assertThat(e.pricing).isEqualTo("INCLUSIVE");
                assertThat(e.net).isEqualByComparingTo(sale.totals().net().amount());
                assertThat(e.tax).isEqualByComparingTo(sale.totals().tax().amount());
                assertThat(e.gross).isEqualByComparingTo(sale.totals().gross().amount());
                assertThat(e.receiptDiscount).isEqualByComparingTo(sale.totals().receiptDiscount().amount());
                assertThat(e.cashRounding).isEqualByComparingTo(sale.cashRounding().amount());
                assertThat(e.changeGiven).isEqualByComparingTo(sale.change().amount()).isPositive();
                assertThat(e.completedAt).isEqualTo(at);
                assertThat(e.journalSeq).isEqualTo(receipt.journalSeq());

                List<SaleLineEntity> lines = session.createSelectionQuery("from SaleLineEntity where saleId = :id"
                        + " order by lineNo", SaleLineEntity.class).setParameter("id", sale.saleId()).getResultList();
                assertThat(lines).hasSize(4);
                for (int i = 0; i < lines.size(); i++) {
                    SaleLineEntity le = lines.get(i);
                    TicketLine l = sale.lines().get(i);
                    LineTotal lt = sale.totals().lines().get(i);
                    assertThat(le.lineNo).isEqualTo(l.lineNo());
                    assertThat(le.sku).isEqualTo(l.product().sku().value());
                    assertThat(le.description).isEqualTo(l.product().name());
                    assertThat(le.quantity).isEqualByComparingTo(l.quantity());
                    assertThat(le.unitPrice).isEqualByComparingTo(l.unitPrice().amount());
                    assertThat(le.listPrice).isEqualByComparingTo(l.listPrice().amount());
                    assertThat(le.discount).isEqualByComparingTo(lt.totalDiscount().amount());
                    assertThat(le.taxCode).isEqualTo(lt.taxRate().code());
                    assertThat(le.taxRate).isEqualByComparingTo(lt.taxRate().percent());
                    assertThat(le.net).isEqualByComparingTo(lt.net().amount());
                    assertThat(le.tax).isEqualByComparingTo(lt.tax().amount());
                    assertThat(le.gross).isEqualByComparingTo(lt.gross().amount());
                    assertThat(le.serial).isNull();
                }
                List<PaymentEntity> payments = session.createSelectionQuery("from PaymentEntity where saleId = :id",
                        PaymentEntity.class).setParameter("id", sale.saleId()).getResultList();
                assertThat(payments).hasSize(1);
                assertThat(payments.get(0).paymentNo).isEqualTo(1);
                assertThat(payments.get(0).tender).isEqualTo("CASH");
                assertThat(payments.get(0).amount).isEqualByComparingTo(sale.payments().get(0).amount().amount());
                assertThat(payments.get(0).reference).isNull();
                return null;
            });
            SalesRepository.SaleView view = new SalesRepository(store).findByReceipt("T-001-000001").orElseThrow();
            assertThat(view.lines()).extracting(l -> l.gross())
                    .containsExactlyElementsOf(sale.totals().lines().stream().map(LineTotal::gross).toList());
        }
    }

    @Test
    void theJournalEventKeepsItsPayloadByteForByteAndItsInstantToTheMillisecond() throws Exception {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 5)) {
            Product p = new CatalogRepository(store).findBySku("000001").orElseThrow();
            Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            SaleReceipt receipt = new SalesRepository(store).complete(TestStores.cashSale(store, List.of(p, p)));

            JournalEvent e = new JournalRepository(store).unsynced(10).get(0);
            assertThat(e.seq()).isEqualTo(receipt.journalSeq()).isEqualTo(1);
            assertThat(e.type()).isEqualTo("SALE_COMPLETED");
            assertThat(e.terminalId()).isEqualTo("T-001");
            assertThat(e.occurredAt()).isBetween(before, Instant.now()).isEqualTo(e.occurredAt().truncatedTo(ChronoUnit.MILLIS));
            assertThat(new ObjectMapper().readTree(e.payload()).get("receiptNumber").asText())
                    .isEqualTo(receipt.receiptNumber());
            assertThat(e.hash()).isEqualTo(io.branchpos.store.journal.JournalHash.of(e));
            assertThat(new JournalRepository(store).verifyChain().ok()).isTrue();
        }
    }

    @Test
    void aPayloadLongerThanH2KeepsInsideTheRowIsStoredAndChainedAlike() {
        try (LocalStore store = TestStores.open(dir)) {
            String note = "n".repeat(40_000) + "\u00e9\u20ac";
            store.write(ctx -> ctx.journal("NOTE", 1, new ObjectMapper().createObjectNode().put("note", note)));
            store.write(ctx -> ctx.journal("NOTE", 1, new ObjectMapper().createObjectNode().put("note", "short")));

            JournalRepository journal = new JournalRepository(store);
            List<JournalEvent> events = journal.unsynced(10);
            assertThat(events).hasSize(2);
            assertThat(events.get(0).payload()).isEqualTo("{\"note\":\"" + note + "\"}");
            assertThat(events.get(1).prevHash()).isEqualTo(events.get(0).hash());
            assertThat(journal.verifyChain().ok()).isTrue();
        }
    }
}
