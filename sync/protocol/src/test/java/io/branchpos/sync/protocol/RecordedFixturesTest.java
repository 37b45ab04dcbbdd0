package io.branchpos.sync.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every recorded batch fixture still decodes, validates and carries a verifiable hash chain. */
class RecordedFixturesTest {

    static Stream<Path> batchFixtures() throws Exception {
        Path root = Path.of(RecordedFixturesTest.class.getResource("/fixtures").toURI());
        return Files.walk(root).filter(p -> p.getFileName().toString().startsWith("batch-")).sorted();
    }

    @ParameterizedTest
    @MethodSource("batchFixtures")
    void aRecordedBatchIsStillValid(Path fixture) throws Exception {
        EventBatch batch = ProtocolJson.read(Files.readAllBytes(fixture), EventBatch.class);

        assertThat(BatchValidator.validate(batch).problems()).isEmpty();
        String prev = JournalHash.GENESIS;
        for (WireEvent e : batch.events()) {
            assertThat(e.prevHash()).isEqualTo(prev);
            assertThat(JournalHash.compute(batch.terminalId(), e)).isEqualTo(e.hash());
            assertThat(PayloadValidator.validate(e.type(), e.schemaVersion(), e.payload()).problems()).as(e.type()).isEmpty();
            prev = e.hash();
        }
    }

    @org.junit.jupiter.api.Test
    void recordedServerAnswersAreStillUnderstood() throws Exception {
        Path v1 = Path.of(RecordedFixturesTest.class.getResource("/fixtures/v1").toURI());

        BatchAck ack = ProtocolJson.read(Files.readAllBytes(v1.resolve("response-ack.json")), BatchAck.class);
        ErrorBody conflict = ProtocolJson.read(Files.readAllBytes(v1.resolve("response-error-conflict.json")), ErrorBody.class);
        EnrollmentResponse enrolled = ProtocolJson.read(Files.readAllBytes(v1.resolve("response-enrollment.json")), EnrollmentResponse.class);

        assertThat(ack).isEqualTo(new BatchAck(57, 14, 2, java.util.List.of(new QuarantinedEvent("01a20245-3620-7d83-b52c-856caa616abe", 50,
                "invalid SALE_COMPLETED payload: lines must be a non-empty array")), 60L));
        assertThat(conflict.code()).isEqualTo(ErrorCodes.EVENT_CONFLICT);
        assertThat(conflict.ack().acceptedThroughSeq()).isEqualTo(3);
        assertThat(enrolled.terminalId()).isEqualTo("T-001");
        assertThat(enrolled.token()).startsWith("bpt_");
    }
}
