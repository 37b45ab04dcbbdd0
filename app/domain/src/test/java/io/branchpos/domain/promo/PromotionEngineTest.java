package io.branchpos.domain.promo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.catalog.Sku;
import io.branchpos.domain.catalog.UnitOfMeasure;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.money.RoundingPolicy;
import io.branchpos.domain.promo.PromotionRule.AmountOff;
import io.branchpos.domain.promo.PromotionRule.BuyXGetY;
import io.branchpos.domain.promo.PromotionRule.MixAndMatch;
import io.branchpos.domain.promo.PromotionRule.PercentOff;
import io.branchpos.domain.sale.Discount;
import io.branchpos.domain.sale.LineTotal;
import io.branchpos.domain.sale.SaleCalculator;
import io.branchpos.domain.sale.SaleTotals;
import io.branchpos.domain.sale.Ticket;
import io.branchpos.domain.sale.TicketLine;
import io.branchpos.domain.tax.PricingMode;
import io.branchpos.domain.tax.TaxRate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PromotionEngineTest {
    static final Currency EUR = Currency.getInstance("EUR");
    static final TaxRate STD = TaxRate.of("STD", "19");
    static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
    static final Instant UNTIL = Instant.parse("2026-12-08T00:00:00Z");
    static final Instant DURING = Instant.parse("2026-12-03T10:00:00Z");

    static Money eur(String a) {
        return Money.of(a, "EUR");
    }

    static Product product(String sku, String category, String price) {
        return new Product(new Sku(sku), "Item " + sku, category, STD, UnitOfMeasure.PIECE, eur(price), true, false);
    }

    static Promotion promo(String id, PromotionRule rule) {
        return new Promotion(id, 1, "Promo " + id, rule, FROM, UNTIL);
    }

    static Ticket ticket() {
        return new Ticket(UUID.randomUUID(), new SaleCalculator(EUR, PricingMode.INCLUSIVE, RoundingPolicy.DEFAULT));
    }

    @Test
    void percentOffACategoryReducesTheLineAndTheTaxFollows() {
        Ticket t = ticket();
        t.add(product("A", "Dairy", "2.00"), new BigDecimal("3"));
        t.add(product("B", "Bakery", "1.00"), BigDecimal.ONE);
        t.applyPromotions(List.of(promo("P1", new PercentOff(Target.category("Dairy"), new BigDecimal("25")))), DURING);

        SaleTotals totals = t.totals();
        LineTotal a = totals.lines().get(0);
        assertThat(a.promotionDiscount()).isEqualTo(eur("1.50"));
        assertThat(a.gross()).isEqualTo(eur("4.50"));
        assertThat(a.tax()).isEqualTo(eur("0.72")); // 4.50 × 19/119, tax on the discounted amount
        assertThat(totals.lines().get(1).promotionDiscount()).isEqualTo(eur("0.00"));
        assertThat(t.line(1).promotion().promotionId()).isEqualTo("P1");
        assertThat(t.line(2).promotion()).isNull();
    }

    @Test
    void amountOffAProductIsPerUnitAndNeverBelowZero() {
        Ticket t = ticket();
        t.add(product("A", "Dairy", "0.30"), new BigDecimal("2"));
        t.applyPromotions(List.of(promo("P1", new AmountOff(Target.products("A"), eur("0.50")))), DURING);
        assertThat(t.totals().gross()).isEqualTo(eur("0.00"));
        assertThat(t.line(1).promotion().amountOff()).isEqualTo(eur("0.60"));
    }

    @Test
    void buyTwoGetOneFreeMakesTheCheapestOfEachThreeFree() {
        Ticket t = ticket();
        t.add(product("A", "Snacks", "3.00"), new BigDecimal("2"));
        t.add(product("B", "Snacks", "1.00"), new BigDecimal("2"));
        t.add(product("C", "Snacks", "2.00"), new BigDecimal("2"));
        t.applyPromotions(List.of(promo("B2G1", new BuyXGetY(Target.category("Snacks"), 2, 1, new BigDecimal("100")))), DURING);
        // units dearest first: 3,3,2 | 2,1,1 → free: one 2.00 and one 1.00
        assertThat(t.line(3).promotion().amountOff()).isEqualTo(eur("2.00"));
        assertThat(t.line(2).promotion().amountOff()).isEqualTo(eur("1.00"));
        assertThat(t.line(1).promotion()).isNull();
        assertThat(t.totals().gross()).isEqualTo(eur("9.00"));
    }

    @Test
    void buyOneGetOneHalfPriceNeedsAWholeGroup() {
        Ticket t = ticket();
        t.add(product("A", "Snacks", "3.00"), BigDecimal.ONE);
        t.applyPromotions(List.of(promo("BOGOHALF", new BuyXGetY(Target.products("A"), 1, 1, new BigDecimal("50")))), DURING);
        assertThat(t.line(1).promotion()).isNull();
        t.setQuantity(1, new BigDecimal("3"));
        assertThat(t.line(1).promotion().amountOff()).isEqualTo(eur("1.50"));
        assertThat(t.totals().gross()).isEqualTo(eur("7.50"));
    }

    @Test
    void mixAndMatchSellsAnyThreeForTheFixedPriceSplitExactlyOverTheLines() {
        Ticket t = ticket();
        t.add(product("A", "Wine", "4.99"), BigDecimal.ONE);
        t.add(product("B", "Wine", "3.49"), BigDecimal.ONE);
        t.add(product("C", "Wine", "5.29"), BigDecimal.ONE);
        t.add(product("D", "Wine", "4.00"), BigDecimal.ONE);
        t.applyPromotions(List.of(promo("ANY3", new MixAndMatch(Target.category("Wine"), 3, eur("12.00")))), DURING);
        // dearest three: 5.29 + 4.99 + 4.00 = 14.28 → 2.28 off, the 3.49 bottle at full price
        Money off = t.line(1).promotion().amountOff().plus(t.line(3).promotion().amountOff())
                .plus(t.line(4).promotion().amountOff());
        assertThat(off).isEqualTo(eur("2.28"));
        assertThat(t.line(2).promotion()).isNull();
        assertThat(t.totals().gross()).isEqualTo(eur("15.49"));
    }

    @Test
    void theBestPromotionForTheCustomerWinsAndPromotionsDoNotStack() {
        Ticket t = ticket();
        t.add(product("A", "Dairy", "2.00"), new BigDecimal("2"));
        t.applyPromotions(List.of(
                promo("SMALL", new PercentOff(Target.category("Dairy"), new BigDecimal("10"))),
                promo("BIG", new BuyXGetY(Target.products("A"), 1, 1, new BigDecimal("100")))), DURING);
        assertThat(t.line(1).promotion().promotionId()).isEqualTo("BIG");
        assertThat(t.totals().gross()).isEqualTo(eur("2.00"));
    }

    @Test
    void equalSavingsGoToTheSmallerPromotionId() {
        Ticket t = ticket();
        t.add(product("A", "Dairy", "2.00"), BigDecimal.ONE);
        t.applyPromotions(List.of(
                promo("Z", new PercentOff(Target.category("Dairy"), new BigDecimal("10"))),
                promo("M", new AmountOff(Target.products("A"), eur("0.20")))), DURING);
        assertThat(t.line(1).promotion().promotionId()).isEqualTo("M");
    }

    @Test
    void aPromotionAppliesFromItsStartAndNotFromItsEnd() {
        Promotion p = promo("P1", new PercentOff(Target.products("A"), new BigDecimal("50")));
        Ticket t = ticket();
        t.add(product("A", "Dairy", "2.00"), BigDecimal.ONE);
        t.applyPromotions(List.of(p), FROM.minusMillis(1));
        assertThat(t.totals().gross()).isEqualTo(eur("2.00"));
        t.applyPromotions(List.of(p), FROM);
        assertThat(t.totals().gross()).isEqualTo(eur("1.00"));
        t.applyPromotions(List.of(p), UNTIL.minusMillis(1));
        assertThat(t.totals().gross()).isEqualTo(eur("1.00"));
        t.applyPromotions(List.of(p), UNTIL);
        assertThat(t.totals().gross()).isEqualTo(eur("2.00"));
    }

    @Test
    void theNewestVersionOfAPromotionIsUsed() {
        Promotion v1 = promo("P1", new PercentOff(Target.products("A"), new BigDecimal("10")));
        Promotion v2 = new Promotion("P1", 2, "Promo P1", new PercentOff(Target.products("A"), new BigDecimal("20")), FROM, UNTIL);
        Ticket t = ticket();
        t.add(product("A", "Dairy", "10.00"), BigDecimal.ONE);
        t.applyPromotions(List.of(v2, v1), DURING);
        assertThat(t.line(1).promotion().version()).isEqualTo(2);
        assertThat(t.totals().gross()).isEqualTo(eur("8.00"));
    }

    @Test
    void aPriceOverrideTakesTheLineOutOfPromotionsAndTheLineDiscountAppliesAfterThePromotion() {
        Ticket t = ticket();
        TicketLine a = t.add(product("A", "Dairy", "10.00"), BigDecimal.ONE);
        TicketLine b = t.add(product("B", "Dairy", "10.00"), BigDecimal.ONE);
        t.applyPromotions(List.of(promo("P1", new PercentOff(Target.category("Dairy"), new BigDecimal("50")))), DURING);
        t.overridePrice(a.lineNo(), eur("8.00"), null);
        t.setLineDiscount(b.lineNo(), Discount.percent("10"), null);
        assertThat(t.line(1).promotion()).isNull();
        assertThat(t.totals().lines().get(0).gross()).isEqualTo(eur("8.00"));
        assertThat(t.totals().lines().get(1).gross()).isEqualTo(eur("4.50"));
    }

    @Test
    void weighedGoodsTakePercentOffButNotUnitDeals() {
        Product cheese = new Product(new Sku("K"), "Cheese", "Deli", STD, UnitOfMeasure.KILOGRAM, eur("20.00"), true, false);
        Ticket t = ticket();
        t.add(cheese, new BigDecimal("2.000"));
        t.applyPromotions(List.of(promo("B1G1", new BuyXGetY(Target.category("Deli"), 1, 1, new BigDecimal("100")))), DURING);
        assertThat(t.line(1).promotion()).isNull();
        t.applyPromotions(List.of(promo("P", new PercentOff(Target.category("Deli"), new BigDecimal("10")))), DURING);
        assertThat(t.totals().gross()).isEqualTo(eur("36.00"));
    }

    @Test
    void invalidPromotionsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new PercentOff(Target.products("A"), new BigDecimal("120")))
                .hasMessageContaining("at most 100");
        assertThatThrownBy(() -> new Promotion("P", 1, "x", new PercentOff(Target.products("A"), BigDecimal.TEN), UNTIL, FROM))
                .hasMessageContaining("ends");
        assertThat(new Promotion("P", 1, "x", new PercentOff(Target.products("A"), BigDecimal.TEN), FROM, FROM).isValidAt(FROM))
                .isFalse();
        assertThatThrownBy(() -> new MixAndMatch(Target.category("W"), 1, eur("1.00"))).hasMessageContaining("at least 2");
    }
}
