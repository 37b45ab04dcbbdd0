package io.branchpos.domain.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class AllocationProperties {
    private static final Currency EUR = Currency.getInstance("EUR");

    @Property
    void partsAlwaysAddUpToTheTotal(@ForAll @LongRange(min = -1_000_000, max = 1_000_000) long totalCents,
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 100_000) Integer> weightCents) {
        Money total = Money.of(BigDecimal.valueOf(totalCents, 2), EUR);
        List<Money> weights = weightCents.stream().map(c -> Money.of(BigDecimal.valueOf(c, 2), EUR)).toList();
        List<Money> parts = Allocation.allocate(total, weights);
        Money sum = parts.stream().reduce(Money.zero(EUR), Money::plus);
        assertThat(sum).isEqualTo(total);
        assertThat(parts).hasSize(weights.size());
    }
}
