package io.branchpos.sync.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decision 0213: a payload travels as a string or as its raw JSON object, and HQ reads the same text from both. */
class RawPayloadTest {

    static EventBatch batchOf(String... payloads) {
        List<WireEvent> events = new ArrayList<>();
        String prev = JournalHash.GENESIS;
        for (int i = 0; i < payloads.length; i++) {
            String id = String.format("01a20244-e800-7d35-8dfe-8af6aee7%04x", i);
            Instant at = Instant.parse("2026-11-22T08:00:00Z").plusSeconds(i);
            LocalDate day = LocalDate.parse("2026-11-22");
            String hash = JournalHash.compute(prev, id, "T-RAW", i + 1, "SALE_COMPLETED", 1, day, at.toEpochMilli(), payloads[i]);
            events.add(new WireEvent(id, i + 1, prev, hash, "SALE_COMPLETED", 1, at, day, payloads[i]));
            prev = hash;
        }
        return new EventBatch(1, "T-RAW", events);
    }

    static JsonNode tree(byte[] json) throws Exception {
        return ProtocolJson.mapper().readTree(json);
    }

    @Test
    void aRawPayloadIsReadBackAsTheSameTextWithTheSameHash() throws Exception {
        EventBatch batch = batchOf(
                "{\"saleId\":\"s-1\",\"lines\":[{\"sku\":\"1\",\"quantity\":\"2\"}],\"totals\":{\"gross\":\"1.98\"}}",
                "{ \"name\" : \"Crème brûlée \\\"fine\\\" \\u00e9\" ,\n \"n\": [1, 2.50, -3e2, true, false, null], \"emoji\": \"\uD83D\uDE00\" }",
                "{}");

        byte[] raw = ProtocolJson.writeRawPayloads(batch);
        EventBatch read = ProtocolJson.read(raw, EventBatch.class);

        for (JsonNode e : tree(raw).get("events")) {
            assertThat(e.get("payload").isObject()).as("sent as an object, not a string").isTrue();
        }
        assertThat(read).isEqualTo(batch);
        for (WireEvent e : read.events()) {
            assertThat(JournalHash.compute("T-RAW", e)).isEqualTo(e.hash());
        }
        assertThat(raw.length).as("no escaping").isLessThan(ProtocolJson.write(batch).length);
    }

    @Test
    void theStringShapeOfEveryOlderClientIsReadAsBefore() throws Exception {
        EventBatch batch = batchOf("{\"saleId\":\"s-1\"}", "{ \"a\" : 1 }");

        byte[] strings = ProtocolJson.write(batch);

        for (JsonNode e : tree(strings).get("events")) {
            assertThat(e.get("payload").isTextual()).isTrue();
        }
        assertThat(ProtocolJson.read(strings, EventBatch.class)).isEqualTo(batch);
    }

    @Test
    void textThatIsNotExactlyOneJsonObjectTravelsAsAString() throws Exception {
        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        EventBatch batch = batchOf("not json", " {\"a\":1}", "{\"a\":1} ", "[1,2]", "{\"a\":1}{\"b\":2}", "{\"a\":1",
                "{\"a\":\"\u0000\"}", "{\"a\":1,}", deep, "{\"a\":\"}");

        byte[] raw = ProtocolJson.writeRawPayloads(batch);

        for (JsonNode e : tree(raw).get("events")) {
            assertThat(e.get("payload").isTextual()).as(e.get("payload").toString()).isTrue();
        }
        assertThat(ProtocolJson.read(raw, EventBatch.class)).isEqualTo(batch);
    }

    @Test
    void aLoneSurrogateCannotTravelRaw() {
        assertThat(RawPayload.canBeRaw("{\"a\":\"\uD83D\"}")).isFalse();
        assertThat(RawPayload.canBeRaw("{\"a\":\"\uD83D\uDE00\"}")).isTrue();
    }

    @Test
    void oneBatchMayMixBothShapes() throws Exception {
        EventBatch batch = batchOf("{\"a\":1}", "not json", "{\"b\":[{}]}");

        byte[] raw = ProtocolJson.writeRawPayloads(batch);

        JsonNode events = tree(raw).get("events");
        assertThat(events.get(0).get("payload").isObject()).isTrue();
        assertThat(events.get(1).get("payload").isTextual()).isTrue();
        assertThat(events.get(2).get("payload").isObject()).isTrue();
        assertThat(ProtocolJson.read(raw, EventBatch.class)).isEqualTo(batch);
    }

    @Test
    void aPayloadThatIsNeitherAStringNorAnObjectIsRefused() {
        byte[] number = new String(ProtocolJson.write(batchOf("{}"))).replace("\"payload\":\"{}\"", "\"payload\":42").getBytes();

        assertThatThrownBy(() -> ProtocolJson.read(number, EventBatch.class))
                .isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
    }

    @Test
    void aRawPayloadIsReadOnlyFromTheRequestsBytes() {
        byte[] raw = ProtocolJson.writeRawPayloads(batchOf("{\"a\":1}"));

        assertThatThrownBy(() -> ProtocolJson.mapper().readValue(new String(raw), EventBatch.class))
                .hasMessageContaining("raw JSON payload can only be read from the request's bytes");
    }
}
