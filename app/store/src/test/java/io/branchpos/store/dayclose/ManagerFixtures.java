package io.branchpos.store.dayclose;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.money.RoundingPolicy;
import io.branchpos.domain.till.BusinessDayRule;
import io.branchpos.domain.till.VariancePolicy;
import io.branchpos.store.LocalStore;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.till.TillRepository;
import io.branchpos.domain.till.CashCount;
import io.branchpos.domain.till.Denomination;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/** Shared set-up of the manager's store tests: a till opened with a float, a day-close repository. */
public final class ManagerFixtures {
    public static final Currency EUR = Currency.getInstance("EUR");

    private ManagerFixtures() {
    }

    /** Opens the till with a float of exactly {@code floatAmount}, through the till-session core. */
    public static UUID openTill(LocalStore store, String floatAmount) {
        return new TillRepository(store).open("u-anna", cash(eur(floatAmount))).id();
    }

    /** Cash of exactly {@code amount}, as 1-euro coins and 1-cent coins (enough for tests). */
    public static CashCount cash(Money amount) {
        long cents = amount.amount().movePointRight(2).longValueExact();
        return CashCount.empty(EUR).with(Denomination.coin("1"), (int) (cents / 100))
                .with(Denomination.coin("0.01"), (int) (cents % 100));
    }

    public static DayCloseRepository dayClose(LocalStore store) {
        return new DayCloseRepository(store, EUR, new VariancePolicy(Money.of("2.00", EUR)),
                new BusinessDayRule(ZoneOffset.UTC, LocalTime.of(4, 0)));
    }

    public static List<Product> products(LocalStore store, int n) {
        CatalogRepository catalog = new CatalogRepository(store);
        List<Product> out = new ArrayList<>();
        for (int i = 1; out.size() < n; i++) {
            catalog.findBySku(String.format("%06d", i)).filter(p -> !p.serialized() && !p.unit().isMeasured())
                    .ifPresent(out::add);
        }
        return out;
    }

    public static Money eur(String amount) {
        return Money.of(amount, EUR);
    }

    static RoundingPolicy rounding() {
        return RoundingPolicy.DEFAULT;
    }
}
