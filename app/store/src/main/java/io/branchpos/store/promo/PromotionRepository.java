package io.branchpos.store.promo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchpos.domain.promo.Promotion;
import io.branchpos.store.LocalStore;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the promotions HQ sent: those valid at an instant, for the checkout. */
public final class PromotionRepository {
    private static final Logger log = LoggerFactory.getLogger(PromotionRepository.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalStore store;

    public PromotionRepository(LocalStore store) {
        this.store = store;
    }

    /** The promotions whose window contains {@code at}, ordered by id. */
    public List<Promotion> validAt(Instant at) {
        return query("SELECT promotion_id, data FROM promotion WHERE valid_from <= ? "
                + "AND (valid_until IS NULL OR valid_until > ?) ORDER BY promotion_id", at, at);
    }

    /** The promotions that have not ended at {@code at}, including those still to start, ordered by id. */
    public List<Promotion> notEndedAt(Instant at) {
        return query("SELECT promotion_id, data FROM promotion WHERE valid_until IS NULL OR valid_until > ? "
                + "ORDER BY promotion_id", at);
    }

    private List<Promotion> query(String sql, Instant... at) {
        return store.jdbc(c -> {
            List<Promotion> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < at.length; i++) {
                    ps.setTimestamp(i + 1, Timestamp.from(at[i]));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        try {
                            out.add(PromotionCodec.read(JSON.readTree(rs.getString(2))));
                        } catch (IOException | IllegalArgumentException e) {
                            log.warn("stored promotion {} is unreadable, not applied: {}", rs.getString(1), e.getMessage());
                        }
                    }
                }
            }
            return out;
        });
    }
}
