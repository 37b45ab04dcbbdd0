package io.branchpos.domain.sale;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.catalog.Sku;
import io.branchpos.domain.catalog.UnitOfMeasure;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.money.RoundingPolicy;
import io.branchpos.domain.tax.PricingMode;
import io.branchpos.domain.tax.TaxRate;
import java.util.Currency;
import java.util.UUID;

final class Fixtures {
    static final Currency EUR = Currency.getInstance("EUR");
    static final TaxRate STANDARD = TaxRate.of("STANDARD", "19");
    static final TaxRate REDUCED = TaxRate.of("REDUCED", "7");

    private Fixtures() {
    }

    static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    static Product product(String sku, String price, TaxRate rate) {
        return new Product(new Sku(sku), "Product " + sku, "Grocery", rate, UnitOfMeasure.PIECE, eur(price), true, false);
    }

    static Product weighed(String sku, String pricePerKg) {
        return new Product(new Sku(sku), "Cheese " + sku, "Deli", REDUCED, UnitOfMeasure.KILOGRAM, eur(pricePerKg), true, false);
    }

    static Ticket ticket(PricingMode mode, RoundingPolicy policy) {
        return new Ticket(UUID.randomUUID(), new SaleCalculator(EUR, mode, policy));
    }

    static Ticket germanTicket() {
        return ticket(PricingMode.INCLUSIVE, RoundingPolicy.DEFAULT);
    }
}
