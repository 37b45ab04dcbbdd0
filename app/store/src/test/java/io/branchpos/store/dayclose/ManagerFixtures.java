package io.branchpos.store.dayclose;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.money.RoundingPolicy;
import io.branchpos.domain.till.BusinessDayRule;
import io.branchpos.domain.till.VariancePolicy;
import io.branchpos.store.LocalStore;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.till.CashRepository;
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

    /**
     * Journals a TILL_OPENED as documented in docs/journal-events.md (the till-session core writes
     * the same event; tests need only the event).
     */
    public static UUID openTill(LocalStore store, String floatAmount) {
        return store.write(ctx -> {
            UUID id = ctx.newId();
            ObjectNode p = JsonNodeFactory.instance.objectNode();
            p.put("tillSessionId", id.toString());
            p.put("cashierId", "u-anna");
            p.put("float", floatAmount);
            p.put("currency", "EUR");
            ctx.journal(CashRepository.TILL_OPENED, 1, p);
            return id;
        });
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
