package io.branchpos.sync.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ProtocolJsonTest {

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        String json = """
                {"acceptedThroughSeq":7,"applied":2,"duplicates":1,"quarantined":[{"eventId":"e","seq":3,"reason":"r","x":1}],
                 "somethingNew":{"a":[1,2]}}""";

        BatchAck ack = ProtocolJson.read(json.getBytes(StandardCharsets.UTF_8), BatchAck.class);

        assertThat(ack.acceptedThroughSeq()).isEqualTo(7);
        assertThat(ack.quarantined()).containsExactly(new QuarantinedEvent("e", 3, "r"));
        assertThat(ack.resendFrom()).isNull();
    }

    @Test
    void aStringWhereANumberBelongsIsRejected() {
        String json = "{\"protocolVersion\":\"one\",\"terminalId\":\"T\",\"events\":[]}";

        assertThatThrownBy(() -> ProtocolJson.read(json.getBytes(StandardCharsets.UTF_8), EventBatch.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void instantsTravelAsIsoStringsWithMilliseconds() {
        WireEvent e = new WireEvent("id", 1, "p", "h", "T", 1, Instant.ofEpochMilli(1795000000123L), LocalDate.parse("2026-11-22"), "{}");

        assertThat(ProtocolJson.writeString(e)).contains("\"occurredAt\":\"2026-11-18T")
                .contains(".123Z\"").contains("\"businessDay\":\"2026-11-22\"");
    }

    @Property(tries = 300)
    void payloadTextSurvivesTheWireByteForByte(@ForAll String payload) throws Exception {
        WireEvent e = new WireEvent("id", 1, "p", "h", "T", 1, Instant.ofEpochMilli(1795000000000L), LocalDate.parse("2026-11-22"), payload);
        EventBatch batch = new EventBatch(1, "T-1", List.of(e));

        EventBatch back = ProtocolJson.read(ProtocolJson.write(batch), EventBatch.class);

        assertThat(back.events().get(0).payload()).isEqualTo(payload);
        assertThat(JournalHash.compute("T-1", back.events().get(0))).isEqualTo(JournalHash.compute("T-1", e));
    }
}
