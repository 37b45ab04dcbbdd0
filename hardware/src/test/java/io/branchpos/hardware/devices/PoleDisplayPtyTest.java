package io.branchpos.hardware.devices;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.hardware.display.SerialPoleDisplay;
import io.branchpos.hardware.display.Transliteration;
import io.branchpos.hardware.testing.PtyPair;
import io.branchpos.hardware.transport.SerialLink;
import io.branchpos.hardware.transport.SerialSettings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoleDisplayPtyTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Müller Käse      | Mueller Kaese
            Grüße            | Gruesse
            12,99 €          | 12,99 EUR
            Crème brûlée     | Creme brulee
            Łódź             | Lodz
            Привет           | ??????
            """)
    void textIsTransliteratedToAscii(String text, String ascii) {
        assertThat(Transliteration.toAscii(text)).isEqualTo(ascii);
    }

    @Test
    void displayReceivesClearPositionedTwoLineText(@TempDir Path dir) throws Exception {
        try (PtyPair pty = PtyPair.open(dir)) {
            SerialLink device = new SerialLink(SerialSettings.of(pty.deviceSide()));
            SerialLink peer = new SerialLink(SerialSettings.of(pty.peerSide()));
            try {
                assertThat(peer.isAvailable()).isTrue();
                SerialPoleDisplay display = new SerialPoleDisplay(device, 20);

                assertThat(display.show("Müller Käse 1,5 kg", "SUMME 12,99 €").ok()).isTrue();
                assertThat(display.clear().ok()).isTrue();

                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                expected.writeBytes(new byte[] {0x1B, '@', 0x0B});
                expected.writeBytes("Mueller Kaese 1,5 kg".getBytes(StandardCharsets.US_ASCII));
                expected.writeBytes(new byte[] {0x1F, '$', 1, 2});
                expected.writeBytes("SUMME 12,99 EUR     ".getBytes(StandardCharsets.US_ASCII));
                expected.write(0x0C);
                byte[] got = peer.readExactly(expected.size(), Duration.ofSeconds(2));
                assertThat(got).containsExactly(expected.toByteArray());
            } finally {
                device.close();
                peer.close();
            }
        }
    }
}
