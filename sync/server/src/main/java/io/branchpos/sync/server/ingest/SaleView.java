package io.branchpos.sync.server.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.branchpos.sync.protocol.PayloadValidator;
import io.branchpos.sync.protocol.ProtocolJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the sales ledger reads of a SALE_COMPLETED payload. Decimals are kept as their wire text
 * (already checked to be a decimal string).
 *
 * <p>{@link #parseValid} reads it in one streaming pass over the payload's bytes while checking it
 * (decision 0208): no tree, no second walk. It is deliberately <em>narrower</em> than
 * {@link PayloadValidator}: it answers a view only for payloads the validator accepts, and null
 * for anything else or anything unusual (a field twice, a number where text is expected, trailing
 * tokens, a tender it does not know, …). On null, HQ takes the tree path — parse, validate, {@link
 * #fromTree} — which decides and words any problem exactly as before. Both paths give equal views
 * ({@code SaleViewTest}).
 */
record SaleView(String saleId, String receiptNumber, String currency, String gross, List<Line> lines) {

    record Line(int lineNo, String sku, String quantity, String gross, Long priceVersion, String promotionId,
                Long promotionVersion) {
    }

    /** The view of a payload the validator accepted, read as the ledger always read it. */
    static SaleView fromTree(JsonNode p) {
        List<Line> lines = new ArrayList<>();
        for (JsonNode line : p.get("lines")) {
            lines.add(new Line(line.get("lineNo").asInt(), line.get("sku").asText(), line.get("quantity").asText(),
                    line.get("gross").asText(), optionalLong(line, "priceVersion"),
                    line.hasNonNull("promotionId") ? line.get("promotionId").asText() : null, optionalLong(line, "promotionVersion")));
        }
        return new SaleView(p.get("saleId").asText(), p.get("receiptNumber").asText(), p.get("currency").asText(),
                p.get("totals").get("gross").asText(), lines);
    }

    private static Long optionalLong(JsonNode n, String field) {
        return n.hasNonNull(field) && n.get(field).canConvertToLong() ? n.get(field).asLong() : null;
    }

    // the validator's limits (PayloadValidator); a value outside them sends the payload down the tree path
    private static final Set<String> TENDERS = Set.of("CASH", "CARD", "VOUCHER", "STORE_CREDIT");
    private static final long MAX_LONG_FIELD = 1L << 53;
    private static final int MAX_LINES = 10_000;

    /** Thrown inside the parser to leave for the tree path; never escapes {@link #parseValid}. */
    private static final class NotFast extends Exception {
        private static final NotFast INSTANCE = new NotFast();

        private NotFast() {
            super(null, null, false, false);
        }
    }

    /**
     * The view of a SALE_COMPLETED payload (UTF-8 bytes) if it is plainly valid, else null (then
     * parse and validate it as a tree). Never throws for any input.
     */
    static SaleView parseValid(byte[] payload) {
        try (JsonParser p = ProtocolJson.mapper().getFactory().createParser(payload)) {
            SaleView view = root(p);
            return p.nextToken() == null ? view : null;
        } catch (NotFast | IOException | RuntimeException e) {
            return null;
        }
    }

    private static SaleView root(JsonParser p) throws IOException, NotFast {
        expect(p.nextToken() == JsonToken.START_OBJECT);
        String saleId = null, receiptNumber = null, currency = null, gross = null;
        List<Line> lines = null;
        boolean payments = false;
        String field;
        while ((field = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (field) {
                case "saleId" -> { expect(saleId == null); saleId = text(p, t); }
                case "receiptNumber" -> { expect(receiptNumber == null); receiptNumber = text(p, t); }
                case "currency" -> { expect(currency == null); currency = currency(p, t); }
                case "lines" -> { expect(lines == null); lines = lines(p, t); }
                case "totals" -> { expect(gross == null); gross = totals(p, t); }
                case "payments" -> { expect(!payments); payments(p, t); payments = true; }
                default -> p.skipChildren();
            }
        }
        expect(p.currentToken() == JsonToken.END_OBJECT);
        expect(saleId != null && receiptNumber != null && currency != null && lines != null && gross != null && payments);
        return new SaleView(saleId, receiptNumber, currency, gross, lines);
    }

    private static List<Line> lines(JsonParser p, JsonToken t) throws IOException, NotFast {
        expect(t == JsonToken.START_ARRAY);
        List<Line> lines = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p.currentToken() == JsonToken.START_OBJECT && lines.size() < MAX_LINES);
            lines.add(line(p));
        }
        expect(!lines.isEmpty());
        return lines;
    }

    private static Line line(JsonParser p) throws IOException, NotFast {
        long lineNo = -1;
        String sku = null, quantity = null, gross = null, promotionId = null;
        Long priceVersion = null, promotionVersion = null;
        // a field seen, even as null: twice is left to the tree path (it keeps the last one)
        int seen = 0;
        String field;
        while ((field = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            int bit = switch (field) {
                case "lineNo" -> 1;
                case "sku" -> 2;
                case "quantity" -> 4;
                case "gross" -> 8;
                case "priceVersion" -> 16;
                case "promotionId" -> 32;
                case "promotionVersion" -> 64;
                default -> 0;
            };
            expect((seen & bit) == 0);
            seen |= bit;
            switch (field) {
                case "lineNo" -> lineNo = integer(p, t, Integer.MAX_VALUE);
                case "sku" -> sku = text(p, t);
                case "quantity" -> quantity = decimal(p, t, PayloadValidator.MAX_QUANTITY, true, Integer.MAX_VALUE);
                case "gross" -> gross = money(p, t);
                case "priceVersion" -> priceVersion = t == JsonToken.VALUE_NULL ? null : integer(p, t, MAX_LONG_FIELD);
                case "promotionId" -> promotionId = t == JsonToken.VALUE_NULL ? null : text(p, t);
                case "promotionVersion" -> promotionVersion = t == JsonToken.VALUE_NULL ? null : integer(p, t, MAX_LONG_FIELD);
                default -> p.skipChildren();
            }
        }
        expect(lineNo > 0 && sku != null && quantity != null && gross != null);
        expect(promotionId == null || promotionVersion != null);
        return new Line((int) lineNo, sku, quantity, gross, priceVersion, promotionId, promotionVersion);
    }

    private static String totals(JsonParser p, JsonToken t) throws IOException, NotFast {
        expect(t == JsonToken.START_OBJECT);
        String gross = null;
        String field;
        while ((field = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            if (field.equals("gross")) {
                expect(gross == null);
                gross = money(p, v);
            } else {
                p.skipChildren();
            }
        }
        expect(gross != null);
        return gross;
    }

    private static void payments(JsonParser p, JsonToken t) throws IOException, NotFast {
        expect(t == JsonToken.START_ARRAY);
        int count = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p.currentToken() == JsonToken.START_OBJECT && ++count <= MAX_LINES);
            boolean tender = false, amount = false;
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken v = p.nextToken();
                switch (field) {
                    case "tender" -> { expect(!tender && v == JsonToken.VALUE_STRING && TENDERS.contains(p.getText())); tender = true; }
                    case "amount" -> { expect(!amount); money(p, v); amount = true; }
                    default -> p.skipChildren();
                }
            }
            expect(tender && amount);
        }
    }

    /** Non-blank text of at most 200 characters (PayloadValidator's {@code text}). */
    private static String text(JsonParser p, JsonToken t) throws IOException, NotFast {
        expect(t == JsonToken.VALUE_STRING);
        String s = p.getText();
        expect(!s.isBlank() && s.length() <= 200);
        return s;
    }

    private static String currency(JsonParser p, JsonToken t) throws IOException, NotFast {
        expect(t == JsonToken.VALUE_STRING);
        String s = p.getText();
        expect(s.length() == 3);
        for (int i = 0; i < 3; i++) {
            expect(s.charAt(i) >= 'A' && s.charAt(i) <= 'Z');
        }
        return s;
    }

    /** A plain integer token in 1..max (no fractions, exponents or big integers: those go the tree path). */
    private static long integer(JsonParser p, JsonToken t, long max) throws IOException, NotFast {
        expect(t == JsonToken.VALUE_NUMBER_INT);
        JsonParser.NumberType type = p.getNumberType();
        expect(type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG);
        long v = p.getLongValue();
        expect(v >= 1 && v <= max);
        return v;
    }

    private static String money(JsonParser p, JsonToken t) throws IOException, NotFast {
        return decimal(p, t, PayloadValidator.MAX_MONEY, false, 4);
    }

    /** {@code -?\d{1,13}(\.\d{1,maxScale})?} with |value| <= max (and > 0 if positive), as text. */
    private static String decimal(JsonParser p, JsonToken t, BigDecimal max, boolean positive, int maxScale)
            throws IOException, NotFast {
        expect(t == JsonToken.VALUE_STRING);
        String s = p.getText();
        int i = s.startsWith("-") ? 1 : 0;
        int intDigits = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            intDigits++;
        }
        expect(intDigits >= 1 && intDigits <= 13);
        if (i < s.length()) {
            expect(s.charAt(i) == '.');
            i++;
            int fraction = 0;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                fraction++;
            }
            expect(i == s.length() && fraction >= 1 && fraction <= Math.min(6, maxScale));
        }
        BigDecimal d = new BigDecimal(s);
        expect(d.abs().compareTo(max) <= 0 && (!positive || d.signum() > 0));
        return s;
    }

    private static void expect(boolean ok) throws NotFast {
        if (!ok) {
            throw NotFast.INSTANCE;
        }
    }
}
