package io.branchpos.store.promo;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@code PROMOTION} feed change inside the feed page's transaction (called by
 * {@code FeedStore}). Keeps the newest version of each promotion; an older version arriving
 * later is ignored. A definition this terminal cannot read is kept out of the table with a
 * warning instead of blocking the feed (its older version, if any, stays until HQ sends a new one).
 */
public final class PromotionFeed {
    private static final Logger log = LoggerFactory.getLogger(PromotionFeed.class);

    private PromotionFeed() {
    }

    public static void apply(Connection c, String key, JsonNode data, String json) throws SQLException {
        try {
            PromotionCodec.read(data);
        } catch (IllegalArgumentException e) {
            log.warn("ignoring promotion {} from HQ: {}", key, e.getMessage());
            return;
        }
        long version = data.path("version").asLong();
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM promotion WHERE promotion_id = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getLong(1) > version) {
                    return;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO promotion(promotion_id, version, valid_from, valid_until, data) "
                + "KEY(promotion_id) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, key);
            ps.setLong(2, version);
            ps.setTimestamp(3, Timestamp.from(Instant.parse(data.path("validFrom").asText())));
            ps.setTimestamp(4, data.hasNonNull("validUntil") ? Timestamp.from(Instant.parse(data.path("validUntil").asText())) : null);
            ps.setString(5, json);
            ps.executeUpdate();
        }
    }
}
