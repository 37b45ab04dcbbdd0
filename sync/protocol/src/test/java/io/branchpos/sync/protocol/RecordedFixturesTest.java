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
}
