package io.branchpos.domain.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class StockProperties {
    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    private static final StockKey MILK = new StockKey("100", "STORE");

    @Provide
    Arbitrary<StockMovement> movements() {
        Arbitrary<String> sku = Arbitraries.of("100", "200");
        Arbitrary<MovementKind> kind = Arbitraries.of(MovementKind.values());
        Arbitrary<Integer> qty = Arbitraries.integers().between(-20, 40);
        Arbitrary<Integer> minute = Arbitraries.integers().between(0, 600);
        return Combinators.combine(sku, kind, qty, minute).as((s, k, q, m) -> new StockMovement(s, "STORE",
                BigDecimal.valueOf(q), k, T0.plusSeconds(60L * m), null, null));
    }

    @Property
    void onHandIsTheSumOfSignedMovementsWhateverTheirOrder(
            @ForAll @Size(max = 60) List<@From("movements") StockMovement> ms) {
        BigDecimal sum = ms.stream().filter(m -> m.key().equals(MILK)).map(StockMovement::quantity)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        List<StockMovement> shuffled = new ArrayList<>(ms);
        Collections.shuffle(shuffled);
        assertThat(StockLedger.onHand(ms, MILK)).isEqualByComparingTo(sum);
        assertThat(StockLedger.onHand(shuffled).getOrDefault(MILK, BigDecimal.ZERO)).isEqualByComparingTo(sum);
    }

    /**
     * Invariant 7: a count taken at t and posted later keeps every sale made in between. After
     * posting, on hand = counted + what moved after t — it is not overwritten with the count.
     */
    @Property
    void salesDuringACountAreReconciledNotOverwritten(
            @ForAll @Size(max = 60) List<@From("movements") StockMovement> history,
            @ForAll @IntRange(min = 0, max = 600) int countMinute,
            @ForAll @IntRange(min = 0, max = 500) int counted) {
        Instant countedAt = T0.plusSeconds(60L * countMinute);
        Instant postedAt = T0.plusSeconds(60L * 601);
        BigDecimal adj = CountReconciliation.adjustment(history, MILK, BigDecimal.valueOf(counted), countedAt);
        List<StockMovement> after = new ArrayList<>(history);
        // the COUNT movement is dated at the count instant, even though it is written later
        after.add(new StockMovement(MILK.sku(), MILK.location(), adj, MovementKind.COUNT, countedAt, "c1", null));

        BigDecimal movedAfterCount = history.stream().filter(m -> m.key().equals(MILK) && m.at().isAfter(countedAt))
                .map(StockMovement::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(StockLedger.onHand(after, MILK)).isEqualByComparingTo(movedAfterCount.add(BigDecimal.valueOf(counted)));
        assertThat(StockLedger.onHandAt(after, MILK, countedAt)).isEqualByComparingTo(BigDecimal.valueOf(counted));
        assertThat(StockLedger.onHandAt(after, MILK, postedAt))
                .isEqualByComparingTo(movedAfterCount.add(BigDecimal.valueOf(counted)));
    }

    @Property
    void countEntriesOfSeveralCountersAddUpAndTakeTheLastInstant(
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 50) Integer> quantities) {
        List<CountEntry> entries = new ArrayList<>();
        for (int i = 0; i < quantities.size(); i++) {
            entries.add(new CountEntry("c" + (i % 3), "100", BigDecimal.valueOf(quantities.get(i)), T0.plusSeconds(i)));
        }
        Collections.shuffle(entries);
        CountSheet.Counted c = CountSheet.summarize(entries).get("100");
        assertThat(c.quantity()).isEqualByComparingTo(BigDecimal.valueOf(
                quantities.stream().mapToInt(Integer::intValue).sum()));
        assertThat(c.at()).isEqualTo(T0.plusSeconds(quantities.size() - 1));
    }
}
