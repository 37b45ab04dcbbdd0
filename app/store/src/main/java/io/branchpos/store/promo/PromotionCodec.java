package io.branchpos.store.promo;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.promo.Promotion;
import io.branchpos.domain.promo.PromotionRule;
import io.branchpos.domain.promo.Target;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.Set;

/** Reads a {@code PROMOTION} feed change's data (docs/feed.md) into the domain's {@link Promotion}. */
public final class PromotionCodec {
    private PromotionCodec() {
    }

    /** The promotion; IllegalArgumentException (with the reason) when the data is not one this terminal understands. */
    public static Promotion read(JsonNode d) {
        try {
            JsonNode t = d.path("target");
            Target target;
            if (t.hasNonNull("category")) {
                target = Target.category(t.path("category").asText());
            } else {
                Set<String> skus = new LinkedHashSet<>();
                t.path("skus").forEach(s -> skus.add(s.asText()));
                target = new Target.Products(skus);
            }
            Currency currency = Currency.getInstance(d.path("currency").asText());
            String kind = d.path("kind").asText();
            PromotionRule rule = switch (kind) {
                case "PERCENT_OFF" -> new PromotionRule.PercentOff(target, decimal(d, "percent"));
                case "AMOUNT_OFF" -> new PromotionRule.AmountOff(target, Money.of(decimal(d, "amount"), currency));
                case "BUY_X_GET_Y" -> new PromotionRule.BuyXGetY(target, d.path("buy").asInt(), d.path("get").asInt(),
                        decimal(d, "percent"));
                case "MIX_AND_MATCH" -> new PromotionRule.MixAndMatch(target, d.path("count").asInt(),
                        Money.of(decimal(d, "price"), currency));
                default -> throw new IllegalArgumentException("unknown promotion kind '" + kind + "'");
            };
            return new Promotion(d.path("promotionId").asText(), d.path("version").asLong(), d.path("name").asText(), rule,
                    Instant.parse(d.path("validFrom").asText()),
                    d.hasNonNull("validUntil") ? Instant.parse(d.path("validUntil").asText()) : null);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("promotion " + d.path("promotionId").asText() + " is not usable here: "
                    + e.getMessage(), e);
        }
    }

    private static BigDecimal decimal(JsonNode d, String field) {
        if (!d.hasNonNull(field)) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return new BigDecimal(d.path(field).asText());
    }
}
