package io.branchpos.desktop.checkout;

import io.branchpos.domain.promo.Promotion;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the checkout learns which HQ price version a product's price is and which promotions HQ
 * has published. Both may block on the database: call them on the store executor.
 */
public interface PricingSource {

    /** HQ's version of the product's current till price (empty: not from HQ's feed). */
    Optional<Long> priceVersion(String sku);

    /** Promotions that have not ended at {@code at} (started or still to start); the ticket picks those valid at the time of sale. */
    List<Promotion> promotionsNotEndedAt(Instant at);

    /** No feed: no price versions, no promotions. */
    PricingSource NONE = new PricingSource() {
        @Override
        public Optional<Long> priceVersion(String sku) {
            return Optional.empty();
        }

        @Override
        public List<Promotion> promotionsNotEndedAt(Instant at) {
            return List.of();
        }
    };
}
