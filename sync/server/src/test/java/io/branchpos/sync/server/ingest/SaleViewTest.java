package io.branchpos.sync.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchpos.sync.protocol.EventTypes;
import io.branchpos.sync.protocol.PayloadValidator;
import io.branchpos.sync.protocol.ProtocolJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The one-pass reading of a sale (decision 0208) may only ever say "valid" where the validator
 * does, and must then read exactly what the ledger read from the tree.
 */
class SaleViewTest {

    private static final String TYPICAL = "{\"saleId\":\"s-1\",\"receiptNumber\":\"R-1\",\"cashierId\":\"u-anna\",\"currency\":\"EUR\","
            + "\"lines\":[{\"lineNo\":1,\"sku\":\"4001\",\"description\":\"Milk \\\"1l\\\" \\u00e9\",\"quantity\":\"2\",\"unitPrice\":\"1.19\","
            + "\"gross\":\"2.38\",\"priceVersion\":7},{\"lineNo\":2,\"sku\":\"4002\",\"quantity\":\"0.375\",\"gross\":\"3.10\","
            + "\"promotionId\":\"p-1\",\"promotionVersion\":3,\"tax\":{\"code\":\"R\",\"rates\":[1,2]}}],"
            + "\"totals\":{\"net\":\"5.00\",\"gross\":\"5.48\"},\"payments\":[{\"tender\":\"CASH\",\"amount\":\"5.48\",\"reference\":null}]}";

    @Test
    void aTypicalSaleIsReadInOnePassAsTheTreeReadsIt() throws Exception {
        SaleView fast = SaleView.parseValid(TYPICAL.getBytes(StandardCharsets.UTF_8));

        assertThat(fast).isNotNull();
        assertThat(fast).isEqualTo(SaleView.fromTree(ProtocolJson.mapper().readTree(TYPICAL)));
        assertThat(fast.lines()).extracting(SaleView.Line::priceVersion).containsExactly(7L, null);
        assertThat(fast.lines().get(1).promotionId()).isEqualTo("p-1");
    }

    @Test
    void aFieldTwiceIsLeftToTheTreePath() {
        String twice = TYPICAL.replace("\"saleId\":\"s-1\",", "\"saleId\":\"s-1\",\"saleId\":\"s-2\",");

        assertThat(SaleView.parseValid(twice.getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE)
    void whatTheOnePassAcceptsTheValidatorAcceptsAndTheTreeReadsTheSame(@ForAll("sales") String payload) throws Exception {
        SaleView fast = SaleView.parseValid(payload.getBytes(StandardCharsets.UTF_8));
        boolean valid = PayloadValidator.validate(EventTypes.SALE_COMPLETED, 1, payload).isValid();
        Statistics.collect(fast != null ? "one pass" : valid ? "tree path, valid" : "invalid");
        // not vacuous: the one pass is taken often, and valid payloads are also left to the tree path
        Statistics.coverage(cover -> {
            cover.check("one pass").count(n -> n >= 30);
            cover.check("tree path, valid").count(n -> n > 0);
            cover.check("invalid").count(n -> n >= 300);
        });
        if (fast != null) {
            assertThat(valid).as("validator on %s", payload).isTrue();
            JsonNode tree = ProtocolJson.mapper().readTree(payload.getBytes(StandardCharsets.UTF_8));
            assertThat(fast).isEqualTo(SaleView.fromTree(tree));
        }
    }

    /** The first value most of the time (so that whole payloads are often valid), each other one now and then. */
    private static Arbitrary<String> mostly(String usual, String... others) {
        List<Tuple.Tuple2<Integer, String>> choices = new ArrayList<>();
        choices.add(Tuple.of(30 * others.length, usual));
        for (String o : others) {
            choices.add(Tuple.of(1, o));
        }
        @SuppressWarnings("unchecked")
        Tuple.Tuple2<Integer, String>[] array = choices.toArray(new Tuple.Tuple2[0]);
        return Arbitraries.frequency(array);
    }

    @Provide
    Arbitrary<String> sales() {
        Arbitrary<String> text = mostly("\"s-1\"", "\"\"", "\"  \"", "\"" + "x".repeat(201) + "\"", "\"" + "y".repeat(200) + "\"",
                "\"a\\\"b\\u00e9\"", "null", "1", "[]", "{}");
        Arbitrary<String> currency = mostly("\"EUR\"", "\"eur\"", "\"EURO\"", "\"E1R\"", "null", "3");
        Arbitrary<String> quantity = mostly("\"1\"", "\"0.375\"", "\"0\"", "\"-1\"", "\"1000000\"", "\"1000000.000001\"",
                "\"1.1234567\"", "\"01\"", "\"1.\"", "\".5\"", "\"1e3\"", "1", "null", "\"12345678901234\"", "\"-0\"");
        Arbitrary<String> money = mostly("\"2.38\"", "\"-2.38\"", "\"0\"", "\"1.23456\"", "\"1.2345\"", "\"1000000000\"",
                "\"1000000000.01\"", "\"9999999999999\"", "\"x\"", "2.38", "null", "\"+1\"", "\"-0.0000\"");
        Arbitrary<String> integer = mostly("1", "0", "-1", "2147483647", "2147483648", "9007199254740992", "9007199254740993",
                "1.0", "1e2", "\"1\"", "null", "99999999999999999999");
        Arbitrary<String> optional = mostly("", "null", "1", "7", "0", "\"7\"", "1.5", "9007199254740993");
        Arbitrary<String> promotion = mostly("", "null", "\"p-1\"", "\"\"", "5");
        Arbitrary<String> extra = Arbitraries.of("", "", "\"note\":\"x\",", "\"nested\":{\"a\":[1,{\"b\":null}]},", "\"sku\":\"dup\",");
        Arbitrary<String> line = Combinators.combine(List.of(integer, text, quantity, money, optional, promotion, optional, extra))
                .as(v -> {
                    List<String> f = new ArrayList<>();
                    f.add(v.get(7) + "\"lineNo\":" + v.get(0));
                    f.add("\"sku\":" + v.get(1));
                    f.add("\"quantity\":" + v.get(2));
                    f.add("\"gross\":" + v.get(3));
                    if (!v.get(4).isEmpty()) {
                        f.add("\"priceVersion\":" + v.get(4));
                    }
                    if (!v.get(5).isEmpty()) {
                        f.add("\"promotionId\":" + v.get(5));
                    }
                    if (!v.get(6).isEmpty()) {
                        f.add("\"promotionVersion\":" + v.get(6));
                    }
                    return "{" + String.join(",", f) + "}";
                });
        Arbitrary<String> lines = Arbitraries.frequencyOf(
                Tuple.of(12, line.list().ofMinSize(1).ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]")),
                Tuple.of(1, Arbitraries.of("[]", "[1]", "{}", "null", "[null]")));
        Arbitrary<String> tender = mostly("\"CASH\"", "\"CARD\"", "\"VOUCHER\"", "\"STORE_CREDIT\"", "\"cash\"", "\"GOLD\"", "null");
        Arbitrary<String> payment = Combinators.combine(tender, money).as((t, m) -> "{\"tender\":" + t + ",\"amount\":" + m + "}");
        Arbitrary<String> payments = Arbitraries.frequencyOf(
                Tuple.of(12, payment.list().ofMaxSize(2).map(l -> "[" + String.join(",", l) + "]")),
                Tuple.of(1, Arbitraries.of("null", "{}", "[]", "[3]")));
        Arbitrary<String> totals = Arbitraries.frequencyOf(Tuple.of(12, money.map(m -> "{\"net\":\"1\",\"gross\":" + m + "}")),
                Tuple.of(1, Arbitraries.of("{}", "null", "[]")));
        Arbitrary<String> tail = mostly("", " ", " {}", "x", ",\"saleId\":\"again\"");
        return Combinators.combine(List.of(text, text, currency, lines, totals, payments, extra, tail, mostly("keep", "drop")))
                .as(v -> {
                    String body = v.get(6) + "\"saleId\":" + v.get(0) + ",\"receiptNumber\":" + v.get(1) + ",\"currency\":" + v.get(2)
                            + ",\"lines\":" + v.get(3) + ",\"totals\":" + v.get(4) + ",\"payments\":" + v.get(5);
                    String last = v.get(7);
                    if (last.startsWith(",")) {
                        return "{" + body + last + "}";
                    }
                    // sometimes leave a required field out
                    if (v.get(8).equals("drop")) {
                        body = body.replaceFirst("\"totals\":[^,]*,", "");
                    }
                    return "{" + body + "}" + last;
                });
    }
}
