package io.branchpos.domain.promo;

import io.branchpos.domain.money.Allocation;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.promo.PromotionRule.AmountOff;
import io.branchpos.domain.promo.PromotionRule.BuyXGetY;
import io.branchpos.domain.promo.PromotionRule.MixAndMatch;
import io.branchpos.domain.promo.PromotionRule.PercentOff;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies the promotions valid at an instant to a ticket's lines. The rule for which promotion
 * wins is decision 0257: no stacking — a line gets at most one promotion; among the promotions
 * that still have lines to work on, the one saving the customer most is taken first (ties: the
 * smaller promotion id), it claims every line it used, and the rest are evaluated again on the
 * remaining lines. The result depends only on the inputs (order of promotions and lines does not
 * matter), and every amount off is exact and at most the line's base amount.
 */
public final class PromotionEngine {
    private final RoundingMode mode;

    public PromotionEngine(RoundingMode mode) {
        this.mode = mode;
    }

    /** Promotion per line number, only for lines that got one. */
    public Map<Integer, AppliedPromotion> apply(List<Promotion> promotions, List<PromoLine> lines, Instant at) {
        Map<String, Promotion> latest = new TreeMap<>();
        for (Promotion p : promotions) {
            if (p.isValidAt(at)) {
                latest.merge(p.id(), p, (a, b) -> a.version() >= b.version() ? a : b);
            }
        }
        List<PromoLine> open = new ArrayList<>(lines.stream().filter(PromoLine::eligible)
                .filter(l -> l.quantity().signum() > 0 && l.unitPrice().isPositive())
                .sorted(Comparator.comparingInt(PromoLine::lineNo)).toList());
        List<Promotion> candidates = new ArrayList<>(latest.values());
        Map<Integer, AppliedPromotion> result = new TreeMap<>();
        while (!open.isEmpty() && !candidates.isEmpty()) {
            Promotion best = null;
            Outcome bestOutcome = null;
            for (Promotion p : candidates) {
                Outcome o = evaluate(p.rule(), open);
                if (o.saving().isPositive() && (bestOutcome == null || o.saving().isGreaterThan(bestOutcome.saving()))) {
                    best = p;
                    bestOutcome = o;
                }
            }
            if (best == null) {
                break;
            }
            for (Map.Entry<Integer, Money> e : bestOutcome.off().entrySet()) {
                result.put(e.getKey(), new AppliedPromotion(best.id(), best.version(), best.name(), e.getValue()));
            }
            Set<Integer> claimed = bestOutcome.claimed();
            open.removeIf(l -> claimed.contains(l.lineNo()));
            candidates.remove(best);
        }
        return result;
    }

    /** Lines a rule used (claimed) and what it takes off each (only positive amounts). */
    private record Outcome(Set<Integer> claimed, Map<Integer, Money> off, Money saving) {
    }

    private Outcome evaluate(PromotionRule rule, List<PromoLine> open) {
        List<PromoLine> matching = open.stream().filter(l -> rule.target().matches(l.sku(), l.category())).toList();
        if (matching.isEmpty()) {
            return new Outcome(Set.of(), Map.of(), Money.zero(open.get(0).unitPrice().currency()));
        }
        Map<Integer, Money> off = new TreeMap<>();
        Set<Integer> claimed = new LinkedHashSet<>();
        if (rule instanceof PercentOff p) {
            for (PromoLine l : matching) {
                Money base = base(l);
                off.put(l.lineNo(), base.times(p.percent().movePointLeft(2), mode).min(base));
                claimed.add(l.lineNo());
            }
        } else if (rule instanceof AmountOff a) {
            for (PromoLine l : matching) {
                if (!a.perUnit().currency().equals(l.unitPrice().currency())) {
                    continue;
                }
                off.put(l.lineNo(), a.perUnit().times(l.quantity(), mode).min(base(l)));
                claimed.add(l.lineNo());
            }
        } else if (rule instanceof BuyXGetY b) {
            List<Unit> units = units(matching);
            int group = b.buy() + b.get();
            for (int g = 0; g + group <= units.size(); g += group) {
                for (int k = g; k < g + group; k++) {
                    Unit u = units.get(k);
                    claimed.add(u.lineNo());
                    if (k >= g + b.buy()) {
                        off.merge(u.lineNo(), u.price().times(b.percentOff().movePointLeft(2), mode), Money::plus);
                    }
                }
            }
        } else if (rule instanceof MixAndMatch m) {
            List<Unit> units = units(matching).stream()
                    .filter(u -> u.price().currency().equals(m.price().currency())).toList();
            for (int g = 0; g + m.count() <= units.size(); g += m.count()) {
                List<Unit> members = units.subList(g, g + m.count());
                Money sum = members.stream().map(Unit::price).reduce(Money::plus).orElseThrow();
                Money saving = sum.minus(m.price());
                if (!saving.isPositive()) {
                    break; // units are sorted by price, later groups cost even less
                }
                List<Money> parts = Allocation.allocate(saving, members.stream().map(Unit::price).toList());
                for (int k = 0; k < members.size(); k++) {
                    claimed.add(members.get(k).lineNo());
                    off.merge(members.get(k).lineNo(), parts.get(k), Money::plus);
                }
            }
        }
        Map<Integer, Money> positive = new TreeMap<>();
        Money saving = Money.zero(matching.get(0).unitPrice().currency());
        Map<Integer, PromoLine> byNo = new HashMap<>();
        matching.forEach(l -> byNo.put(l.lineNo(), l));
        for (Map.Entry<Integer, Money> e : off.entrySet()) {
            Money capped = e.getValue().min(base(byNo.get(e.getKey())));
            if (capped.isPositive()) {
                positive.put(e.getKey(), capped);
                saving = saving.plus(capped);
            }
        }
        return new Outcome(claimed, positive, saving);
    }

    private Money base(PromoLine l) {
        return l.unitPrice().times(l.quantity(), mode);
    }

    private record Unit(int lineNo, Money price) {
    }

    /** Whole units of counted lines, dearest first (ties: lower line number), so groups are deterministic. */
    private static List<Unit> units(List<PromoLine> lines) {
        List<Unit> units = new ArrayList<>();
        for (PromoLine l : lines) {
            if (!l.counted() || l.quantity().stripTrailingZeros().scale() > 0) {
                continue;
            }
            int n = l.quantity().intValueExact();
            for (int i = 0; i < n; i++) {
                units.add(new Unit(l.lineNo(), l.unitPrice()));
            }
        }
        units.sort(Comparator.comparing(Unit::price).reversed().thenComparingInt(Unit::lineNo));
        return units;
    }
}
