package io.branchpos.sync.server.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.branchpos.sync.protocol.FeedChange;
import io.branchpos.sync.protocol.ProtocolJson;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes HQ's promotions inside the caller's transaction: every change is a new version, kept in
 * {@code promotion_version}, and the whole definition goes to the feed as a {@code PROMOTION}
 * change in the same transaction (decision 0250). The definition's JSON is docs/feed.md's.
 */
public final class PromotionChanges {

    /** The kinds a terminal understands (decision 0257). */
    public static final Set<String> KINDS = Set.of("PERCENT_OFF", "AMOUNT_OFF", "BUY_X_GET_Y", "MIX_AND_MATCH");

    /**
     * A promotion as an HQ user defines it. Exactly one of {@code skus} / {@code category} names the
     * products; the kind decides which of percent, amount, buy/get, count/price are needed.
     */
    public record Definition(String promotionId, String name, String kind, List<String> skus, String category,
                             BigDecimal percent, BigDecimal amount, Integer buy, Integer get, Integer count,
                             BigDecimal price, String currency, Instant validFrom, Instant validUntil) {
        public Definition {
            skus = skus == null ? List.of() : List.copyOf(skus);
        }
    }

    private final Connection connection;
    private final String actor;

    PromotionChanges(Connection connection, String actor) {
        this.connection = connection;
        this.actor = actor;
    }

    /** Creates the promotion, or publishes a new version of it; returns the version. */
    public long upsert(Definition d) throws SQLException {
        ObjectNode data = validate(d);
        return publish(d.promotionId(), data);
    }

    /**
     * Ends a promotion at {@code at}: a new version whose window closes then (never later than it
     * already closed, never before it opened). Returns the version.
     */
    public long end(String promotionId, Instant at) throws SQLException {
        String current = null;
        try (PreparedStatement ps = connection.prepareStatement("select data from promotion where promotion_id = ? for update")) {
            ps.setString(1, promotionId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    current = rs.getString(1);
                }
            }
        }
        if (current == null) {
            throw new IllegalArgumentException("no promotion with id " + promotionId);
        }
        ObjectNode data = (ObjectNode) readTree(current);
        Instant from = Instant.parse(data.path("validFrom").asText());
        Instant until = data.hasNonNull("validUntil") ? Instant.parse(data.path("validUntil").asText()) : null;
        Instant end = at.isBefore(from) ? from : at;
        if (until != null && until.isBefore(end)) {
            end = until;
        }
        data.put("validUntil", end.toString());
        return publish(promotionId, data);
    }

    private long publish(String promotionId, ObjectNode data) throws SQLException {
        long version = 1;
        try (PreparedStatement ps = connection.prepareStatement("select version from promotion where promotion_id = ? for update")) {
            ps.setString(1, promotionId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    version = rs.getLong(1) + 1;
                }
            }
        }
        data.put("version", version);
        String json = ProtocolJson.writeString(data);
        Instant from = Instant.parse(data.path("validFrom").asText());
        Instant until = data.hasNonNull("validUntil") ? Instant.parse(data.path("validUntil").asText()) : null;
        update("insert into promotion (promotion_id, version, name, data, valid_from, valid_until) values (?, ?, ?, ?, ?, ?) "
                        + "on conflict (promotion_id) do update set version = excluded.version, name = excluded.name, "
                        + "data = excluded.data, valid_from = excluded.valid_from, valid_until = excluded.valid_until, updated_at = now()",
                promotionId, version, data.path("name").asText(), json, Timestamp.from(from), until == null ? null : Timestamp.from(until));
        update("insert into promotion_version (promotion_id, version, data, created_by) values (?, ?, ?, ?)",
                promotionId, version, json, actor);
        update("insert into feed_change (branch_id, kind, entity_key, intended, data) values (null, ?, ?, false, ?)",
                FeedChange.PROMOTION, promotionId, json);
        return version;
    }

    /** Checks every field and builds the feed's data object; a problem is an IllegalArgumentException saying which. */
    static ObjectNode validate(Definition d) {
        List<String> problems = new ArrayList<>();
        if (blank(d.promotionId()) || d.promotionId().length() > 64) {
            problems.add("--id is required (at most 64 characters)");
        }
        if (blank(d.name()) || d.name().length() > 120) {
            problems.add("--name is required (at most 120 characters)");
        }
        if (d.skus().isEmpty() == blank(d.category())) {
            problems.add("give either --sku (one or more) or --category, not both");
        }
        Currency currency = null;
        try {
            currency = Currency.getInstance(d.currency() == null ? "" : d.currency().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("unknown currency " + d.currency());
        }
        if (d.validFrom() == null) {
            problems.add("a start instant is required");
        } else if (d.validUntil() != null && d.validUntil().isBefore(d.validFrom())) {
            problems.add("it ends (" + d.validUntil() + ") before it starts (" + d.validFrom() + ")");
        }
        String kind = d.kind() == null ? "" : d.kind();
        switch (kind) {
            case "PERCENT_OFF" -> percent(d.percent(), "percent off", problems);
            case "AMOUNT_OFF" -> {
                if (d.amount() == null || d.amount().signum() <= 0) {
                    problems.add("amount off must be more than 0");
                } else {
                    scale(d.amount(), currency, "amount off", problems);
                }
            }
            case "BUY_X_GET_Y" -> {
                if (d.buy() == null || d.buy() < 1 || d.get() == null || d.get() < 1) {
                    problems.add("--buy and --get are at least 1");
                }
                percent(d.percent(), "percent off the 'get' items", problems);
            }
            case "MIX_AND_MATCH" -> {
                if (d.count() == null || d.count() < 2) {
                    problems.add("mix and match needs at least 2 items (--any)");
                }
                if (d.price() == null || d.price().signum() < 0) {
                    problems.add("mix and match needs a price of 0 or more (--for)");
                } else {
                    scale(d.price(), currency, "price", problems);
                }
            }
            default -> problems.add("kind must be one of " + KINDS + ", not " + kind);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        ObjectNode data = ProtocolJson.mapper().createObjectNode();
        data.put("promotionId", d.promotionId()).put("name", d.name()).put("kind", kind);
        ObjectNode target = data.putObject("target");
        if (d.skus().isEmpty()) {
            target.put("category", d.category());
        } else {
            ArrayNode skus = target.putArray("skus");
            d.skus().forEach(skus::add);
        }
        data.put("currency", currency.getCurrencyCode());
        switch (kind) {
            case "PERCENT_OFF" -> data.put("percent", d.percent().toPlainString());
            case "AMOUNT_OFF" -> data.put("amount", d.amount().toPlainString());
            case "BUY_X_GET_Y" -> data.put("buy", d.buy()).put("get", d.get()).put("percent", d.percent().toPlainString());
            default -> data.put("count", d.count()).put("price", d.price().toPlainString());
        }
        data.put("validFrom", d.validFrom().toString());
        if (d.validUntil() == null) {
            data.putNull("validUntil");
        } else {
            data.put("validUntil", d.validUntil().toString());
        }
        return data;
    }

    private static void percent(BigDecimal p, String what, List<String> problems) {
        if (p == null || p.signum() <= 0 || p.compareTo(BigDecimal.valueOf(100)) > 0) {
            problems.add(what + " must be more than 0 and at most 100");
        }
    }

    private static void scale(BigDecimal amount, Currency currency, String what, List<String> problems) {
        if (currency != null && amount.stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
            problems.add(what + " " + amount.toPlainString() + " has more decimals than " + currency.getCurrencyCode() + " allows");
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return ProtocolJson.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored promotion is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private void update(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    /** The definition of {@code promotionId} at {@code version}, as published (null: no such version). */
    public JsonNode version(String promotionId, long version) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select data from promotion_version where promotion_id = ? and version = ?")) {
            ps.setString(1, promotionId);
            ps.setLong(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? readTree(rs.getString(1)) : null;
            }
        }
    }
}
