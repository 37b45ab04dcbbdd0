package io.branchpos.domain.promo;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.catalog.Sku;
import io.branchpos.domain.catalog.UnitOfMeasure;
import io.branchpos.domain.money.CashRounding;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.money.RoundingPolicy;
import io.branchpos.domain.money.RoundingPolicy.TaxRoundingLevel;
import io.branchpos.domain.sale.LineTotal;
import io.branchpos.domain.sale.SaleCalculator;
import io.branchpos.domain.sale.SaleTotals;
import io.branchpos.domain.sale.Ticket;
import io.branchpos.domain.sale.TicketLine;
import io.branchpos.domain.tax.PricingMode;
import io.branchpos.domain.tax.TaxRate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Promotion invariants over random tickets and random sets of promotions. */
class PromotionProperties {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final List<String> SKUS = List.of("A", "B", "C", "D", "E");
    private static final List<String> CATEGORIES = List.of("Dairy", "Wine");
    private static final List<TaxRate> RATES = List.of(TaxRate.of("ZERO", "0"), TaxRate.of("RED", "7"), TaxRate.of("STD", "19"));
    private static final Instant EPOCH = Instant.parse("2026-12-01T00:00:00Z");

    record LineSpec(int sku, long priceCents, int qty, int rate) {
    }

    record PromoSpec(int kind, int skuOrCategory, boolean byCategory, int a, int b, long cents, int fromHour, int hours) {
    }

    @Provide
    Arbitrary<List<LineSpec>> lines() {
        return Combinators.combine(Arbitraries.integers().between(0, SKUS.size() - 1),
                Arbitraries.longs().between(0, 20_000), Arbitraries.integers().between(1, 7),
                Arbitraries.integers().between(0, RATES.size() - 1)).as(LineSpec::new).list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<PromoSpec>> promos() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 4),
                Arbitraries.of(true, false), Arbitraries.integers().between(1, 100), Arbitraries.integers().between(1, 4),
                Arbitraries.longs().between(0, 30_000), Arbitraries.integers().between(0, 48),
                Arbitraries.integers().between(1, 48)).as(PromoSpec::new).list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<RoundingPolicy> policies() {
        return Combinators.combine(Arbitraries.of(TaxRoundingLevel.class),
                Arbitraries.of(RoundingMode.HALF_UP, RoundingMode.HALF_EVEN))
                .as((level, mode) -> new RoundingPolicy(level, mode, CashRounding.NONE));
    }

    private static Product product(int sku, long cents, int rate) {
        return new Product(new Sku(SKUS.get(sku)), "Item", CATEGORIES.get(sku % 2), RATES.get(rate), UnitOfMeasure.PIECE,
                Money.of(BigDecimal.valueOf(cents, 2), EUR), true, false);
    }

    static List<Promotion> promotions(List<PromoSpec> specs) {
        List<Promotion> out = new ArrayList<>();
        int i = 0;
        for (PromoSpec s : specs) {
            Target target = s.byCategory() ? Target.category(CATEGORIES.get(s.skuOrCategory() % 2))
                    : Target.products(SKUS.get(s.skuOrCategory()));
            PromotionRule rule = switch (s.kind()) {
                case 0 -> new PromotionRule.PercentOff(target, BigDecimal.valueOf(s.a()));
                case 1 -> new PromotionRule.AmountOff(target, Money.of(BigDecimal.valueOf(Math.max(1, s.cents()), 2), EUR));
                case 2 -> new PromotionRule.BuyXGetY(target, s.b(), 1 + s.a() % 3, BigDecimal.valueOf(s.a()));
                default -> new PromotionRule.MixAndMatch(target, 1 + s.b(), Money.of(BigDecimal.valueOf(s.cents(), 2), EUR));
            };
            Instant from = EPOCH.plusSeconds(3600L * s.fromHour());
            out.add(new Promotion("P" + i++, 1, "Promo", rule, from, from.plusSeconds(3600L * s.hours())));
        }
        return out;
    }

    private static Ticket ticket(List<LineSpec> specs, PricingMode pricing, RoundingPolicy policy) {
        Ticket t = new Ticket(UUID.randomUUID(), new SaleCalculator(EUR, pricing, policy));
        for (LineSpec s : specs) {
            t.add(product(s.sku(), s.priceCents(), s.rate()), BigDecimal.valueOf(s.qty()));
        }
        return t;
    }

    @Property(tries = 400)
    void promotionsNeverMakeALineNegativeOrDearerThanItsListPrice(@ForAll("lines") List<LineSpec> lines,
            @ForAll("promos") List<PromoSpec> promos, @ForAll("policies") RoundingPolicy policy,
            @ForAll PricingMode pricing, @ForAll int hour) {
        Ticket t = ticket(lines, pricing, policy);
        Ticket plain = ticket(lines, pricing, policy);
        t.applyPromotions(promotions(promos), EPOCH.plusSeconds(3600L * Math.floorMod(hour, 100)));
        SaleTotals with = t.totals();
        SaleTotals without = plain.totals();
        for (int i = 0; i < with.lines().size(); i++) {
            LineTotal l = with.lines().get(i);
            assertThat(l.gross().isNegative()).isFalse();
            assertThat(l.promotionDiscount().isNegative()).isFalse();
            assertThat(l.promotionDiscount()).isLessThanOrEqualTo(l.base());
            assertThat(l.net().plus(l.tax())).isEqualTo(l.gross());
            // the amount before tax; a line's tax share under receipt rounding may move by a cent between lines
            LineTotal w = without.lines().get(i);
            assertThat(l.base().minus(l.totalDiscount())).isLessThanOrEqualTo(w.base().minus(w.totalDiscount()));
        }
        assertThat(with.gross()).isLessThanOrEqualTo(without.gross());
        assertThat(with.gross().isNegative()).isFalse();
        if (pricing == PricingMode.INCLUSIVE) {
            Money bases = with.lines().stream().map(LineTotal::base).reduce(Money.zero(EUR), Money::plus);
            assertThat(with.gross()).isEqualTo(bases.minus(with.totalDiscount()));
        }
    }

    @Property(tries = 300)
    void applyingIsDeterministicIdempotentAndIndependentOfOrder(@ForAll("lines") List<LineSpec> lines,
            @ForAll("promos") List<PromoSpec> promos, @ForAll int hour, @ForAll long seed) {
        Instant at = EPOCH.plusSeconds(3600L * Math.floorMod(hour, 100));
        List<Promotion> ps = promotions(promos);
        Ticket t = ticket(lines, PricingMode.INCLUSIVE, RoundingPolicy.DEFAULT);
        t.applyPromotions(ps, at);
        List<TicketLine> first = t.lines();
        t.applyPromotions(ps, at);
        assertThat(t.lines()).isEqualTo(first);

        List<Promotion> shuffled = new ArrayList<>(ps);
        Collections.shuffle(shuffled, new Random(seed));
        PromotionEngine engine = new PromotionEngine(RoundingMode.HALF_UP);
        List<PromoLine> promoLines = new ArrayList<>();
        for (TicketLine l : first) {
            promoLines.add(new PromoLine(l.lineNo(), l.product().sku().value(), l.product().category(), l.quantity(),
                    l.unitPrice(), true, true));
        }
        Map<Integer, AppliedPromotion> a = engine.apply(ps, promoLines, at);
        List<PromoLine> reversed = new ArrayList<>(promoLines);
        Collections.reverse(reversed);
        assertThat(engine.apply(shuffled, reversed, at)).isEqualTo(a);
        for (TicketLine l : first) {
            assertThat(l.promotion()).isEqualTo(a.get(l.lineNo()));
        }
    }

    @Property(tries = 300)
    void onlyPromotionsValidAtTheTimeOfSaleAreApplied(@ForAll("lines") List<LineSpec> lines,
            @ForAll("promos") List<PromoSpec> promos, @ForAll int hour) {
        Instant at = EPOCH.plusSeconds(3600L * Math.floorMod(hour, 100) + 1800);
        List<Promotion> ps = promotions(promos);
        Ticket t = ticket(lines, PricingMode.INCLUSIVE, RoundingPolicy.DEFAULT);
        t.applyPromotions(ps, at);
        for (TicketLine l : t.lines()) {
            if (l.promotion() != null) {
                Promotion used = ps.stream().filter(p -> p.id().equals(l.promotion().promotionId())).findFirst().orElseThrow();
                assertThat(used.isValidAt(at)).isTrue();
                assertThat(used.rule().target().matches(l.product().sku().value(), l.product().category())).isTrue();
            }
        }
        // removing every promotion not valid at that time changes nothing
        Ticket onlyValid = ticket(lines, PricingMode.INCLUSIVE, RoundingPolicy.DEFAULT);
        onlyValid.applyPromotions(ps.stream().filter(p -> p.isValidAt(at)).toList(), at);
        assertThat(onlyValid.lines()).isEqualTo(t.lines());
    }
}
