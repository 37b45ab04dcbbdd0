package io.branchpos.sync.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Pure validation of an event payload against the schema of its type ({@code docs/journal-events.md}).
 * An invalid payload quarantines that one event; it never refuses the batch. Unknown fields are ignored.
 */
public final class PayloadValidator {

    /** Largest absolute money amount accepted (one billion in the sale currency). */
    public static final BigDecimal MAX_MONEY = new BigDecimal("1000000000");
    /** Largest absolute quantity accepted. */
    public static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000");

    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,13}(\\.\\d{1,6})?");
    private static final int MAX_MONEY_SCALE = 4;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Set<String> TENDERS = Set.of("CASH", "CARD", "VOUCHER", "STORE_CREDIT");
    private static final Set<String> CASH_KINDS = Set.of("PAY_IN", "PAY_OUT", "DROP");
    private static final Set<String> STOCK_KINDS = Set.of("RECEIPT", "ADJUSTMENT", "TRANSFER_OUT", "TRANSFER_IN", "COUNT", "BASELINE");

    private PayloadValidator() {
    }

    /** Validates a payload of a type at a schema version; the problems name JSON paths. */
    public static Validation validate(String type, int schemaVersion, String payload) {
        Integer known = EventTypes.SCHEMA_VERSIONS.get(type);
        if (known == null) {
            return new Validation(List.of("unknown event type " + type));
        }
        if (schemaVersion > known) {
            return new Validation(List.of(type + " schema version " + schemaVersion + " is newer than this server understands (" + known + ")"));
        }
        JsonNode root;
        try {
            root = ProtocolJson.mapper().readTree(payload);
        } catch (JsonProcessingException e) {
            return new Validation(List.of("payload is not valid JSON: " + e.getOriginalMessage()));
        }
        return validate(type, schemaVersion, root);
    }

    /** The same checks on a payload already parsed (HQ parses each payload once for checks and projections). */
    public static Validation validate(String type, int schemaVersion, JsonNode root) {
        Integer known = EventTypes.SCHEMA_VERSIONS.get(type);
        if (known == null) {
            return new Validation(List.of("unknown event type " + type));
        }
        if (schemaVersion > known) {
            return new Validation(List.of(type + " schema version " + schemaVersion + " is newer than this server understands (" + known + ")"));
        }
        if (root == null || !root.isObject()) {
            return new Validation(List.of("payload must be a JSON object"));
        }
        Checker c = new Checker(root);
        switch (type) {
            case EventTypes.SALE_COMPLETED -> {
                c.text("saleId"); c.text("receiptNumber"); c.currency("currency");
                c.array("lines", true, line -> {
                    line.positiveInt("lineNo"); line.text("sku"); line.quantity("quantity", true); line.money("gross");
                    // optional since issue 6 (v1 events have none): what price and promotion the till used
                    line.ifPresent("priceVersion", () -> line.positiveLong("priceVersion"));
                    line.ifPresent("promotionId", () -> { line.text("promotionId"); line.positiveLong("promotionVersion"); });
                });
                c.object("totals", totals -> totals.money("gross"));
                c.array("payments", false, p -> { p.tender("tender"); p.money("amount"); });
            }
            case EventTypes.SALE_VOIDED -> { c.text("saleId"); c.text("reason"); }
            case EventTypes.SALE_PARKED, EventTypes.SALE_RECALLED -> {
                c.text("saleId"); c.nonNegativeInt("lineCount"); c.money("total");
            }
            case EventTypes.REFUND_COMPLETED -> {
                c.text("refundId"); c.currency("currency"); c.money("total");
                boolean withReceipt = root.hasNonNull("originalSaleId");
                if (withReceipt) {
                    c.text("originalSaleId");
                } else {
                    c.text("approvedBy");
                }
                c.array("lines", true, line -> {
                    if (withReceipt) {
                        line.positiveInt("originalLineNo");
                    }
                    line.text("sku"); line.quantity("quantity", true); line.money("gross");
                });
                c.array("payments", false, p -> { p.tender("tender"); p.money("amount"); });
            }
            case EventTypes.TILL_OPENED -> { c.text("tillSessionId"); c.text("cashierId"); c.money("float"); }
            case EventTypes.CASH_MOVEMENT -> {
                c.text("movementId"); c.text("tillSessionId"); c.oneOf("kind", CASH_KINDS); c.money("amount");
                c.present("reason");
            }
            case EventTypes.NO_SALE -> { c.text("tillSessionId"); c.text("userId"); c.present("reason"); }
            case EventTypes.TILL_CLOSED -> {
                c.text("tillSessionId"); c.object("expected", x -> { }); c.object("counted", x -> { });
                c.object("variance", x -> { });
            }
            case EventTypes.STOCK_MOVEMENT -> {
                c.text("movementId"); c.text("sku"); c.text("location"); c.quantity("quantity", false);
                c.oneOf("kind", STOCK_KINDS);
            }
            case EventTypes.DAY_CLOSED -> {
                c.positiveInt("zNumber"); c.date("businessDay"); c.positiveLong("firstSeq"); c.positiveLong("lastSeq");
                c.nonNegativeInt("eventCount"); c.nonNegativeInt("salesCount"); c.nonNegativeInt("refundsCount");
                c.object("totals", t -> { t.money("gross"); t.money("tax"); });
                c.object("tenders", x -> { });
            }
            default -> throw new IllegalStateException("type listed in EventTypes without a schema: " + type);
        }
        return new Validation(c.problems);
    }

    /** Parses a decimal string of the wire format ("12.50", "-1", "0.375"). */
    public static BigDecimal decimal(JsonNode node) {
        return new BigDecimal(node.asText());
    }

    private static final class Checker {
        private final JsonNode node;
        private final String path;
        private final List<String> problems;

        Checker(JsonNode root) {
            this(root, "", new ArrayList<>());
        }

        private Checker(JsonNode node, String path, List<String> problems) {
            this.node = node;
            this.path = path;
            this.problems = problems;
        }

        private String at(String field) {
            return path.isEmpty() ? field : path + "." + field;
        }

        void present(String field) {
            if (!node.has(field)) {
                problems.add(at(field) + " is missing");
            }
        }

        /** Runs {@code check} only when {@code field} is present and not null (optional fields). */
        void ifPresent(String field, Runnable check) {
            if (node.hasNonNull(field)) {
                check.run();
            }
        }

        void text(String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                problems.add(at(field) + " must be a non-empty string");
            } else if (v.asText().length() > 200) {
                problems.add(at(field) + " is longer than 200 characters");
            }
        }

        void currency(String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isTextual() || !CURRENCY.matcher(v.asText()).matches()) {
                problems.add(at(field) + " must be a three-letter currency code");
            }
        }

        void oneOf(String field, Set<String> allowed) {
            JsonNode v = node.get(field);
            if (v == null || !v.isTextual() || !allowed.contains(v.asText())) {
                problems.add(at(field) + " must be one of " + new java.util.TreeSet<>(allowed));
            }
        }

        void tender(String field) {
            oneOf(field, TENDERS);
        }

        void money(String field) {
            decimalIn(field, MAX_MONEY, false);
            JsonNode v = node.get(field);
            if (v != null && v.isTextual() && DECIMAL.matcher(v.asText()).matches() && new BigDecimal(v.asText()).scale() > MAX_MONEY_SCALE) {
                problems.add(at(field) + " has more than " + MAX_MONEY_SCALE + " decimal places");
            }
        }

        void quantity(String field, boolean positive) {
            decimalIn(field, MAX_QUANTITY, positive);
        }

        private void decimalIn(String field, BigDecimal max, boolean positive) {
            JsonNode v = node.get(field);
            if (v == null || !v.isTextual() || !DECIMAL.matcher(v.asText()).matches()) {
                problems.add(at(field) + " must be a decimal string like \"12.50\"");
                return;
            }
            BigDecimal d = new BigDecimal(v.asText());
            if (d.abs().compareTo(max) > 0) {
                problems.add(at(field) + " " + d.toPlainString() + " is out of range (at most " + max.toPlainString() + ")");
            } else if (positive && d.signum() <= 0) {
                problems.add(at(field) + " must be greater than zero");
            }
        }

        void positiveInt(String field) {
            integer(field, 1, Integer.MAX_VALUE);
        }

        void nonNegativeInt(String field) {
            integer(field, 0, Integer.MAX_VALUE);
        }

        void positiveLong(String field) {
            integer(field, 1, 1L << 53);
        }

        private void integer(String field, long min, long max) {
            JsonNode v = node.get(field);
            if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
                problems.add(at(field) + " must be an integer between " + min + " and " + max);
            }
        }

        void date(String field) {
            JsonNode v = node.get(field);
            try {
                if (v == null || !v.isTextual()) {
                    throw new DateTimeParseException("missing", "", 0);
                }
                LocalDate.parse(v.asText());
            } catch (DateTimeParseException e) {
                problems.add(at(field) + " must be a date YYYY-MM-DD");
            }
        }

        void object(String field, java.util.function.Consumer<Checker> inner) {
            JsonNode v = node.get(field);
            if (v == null || !v.isObject()) {
                problems.add(at(field) + " must be an object");
                return;
            }
            inner.accept(new Checker(v, at(field), problems));
        }

        void array(String field, boolean nonEmpty, java.util.function.Consumer<Checker> each) {
            JsonNode v = node.get(field);
            if (v == null || !v.isArray() || (nonEmpty && v.isEmpty())) {
                problems.add(at(field) + (nonEmpty ? " must be a non-empty array" : " must be an array"));
                return;
            }
            if (v.size() > 10_000) {
                problems.add(at(field) + " has more than 10000 entries");
                return;
            }
            for (int i = 0; i < v.size(); i++) {
                JsonNode item = v.get(i);
                String itemPath = at(field) + "[" + i + "]";
                if (!item.isObject()) {
                    problems.add(itemPath + " must be an object");
                } else {
                    each.accept(new Checker(item, itemPath, problems));
                }
            }
        }
    }
}
