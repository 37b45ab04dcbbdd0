package io.branchpos.desktop.feed;

import io.branchpos.desktop.checkout.PricingSource;
import io.branchpos.domain.promo.Promotion;
import io.branchpos.store.LocalStore;
import io.branchpos.store.feed.FeedStore;
import io.branchpos.store.promo.PromotionRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link PricingSource} over the feed tables: HQ's price versions and promotions as last received. */
public final class FeedPricing implements PricingSource {
    private final FeedStore feed;
    private final PromotionRepository promotions;

    public FeedPricing(LocalStore store) {
        this.feed = new FeedStore(store);
        this.promotions = new PromotionRepository(store);
    }

    @Override
    public Optional<Long> priceVersion(String sku) {
        return feed.priceVersion(sku);
    }

    @Override
    public List<Promotion> promotionsNotEndedAt(Instant at) {
        return promotions.notEndedAt(at);
    }
}
