package io.branchpos.hardware.devices;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.hardware.scan.ScanParser;
import io.branchpos.hardware.scan.ScannedCode;
import io.branchpos.hardware.scan.SerialScanner;
import io.branchpos.hardware.testing.PtyPair;
import io.branchpos.hardware.transport.SerialLink;
import io.branchpos.hardware.transport.SerialSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerialScannerPtyTest {

    @Test
    void scannerPeerCodesArriveParsedWithPrefixStrippedAndAimIdsUsed(@TempDir Path dir) throws Exception {
        try (PtyPair pty = PtyPair.open(dir)) {
            SerialLink peer = new SerialLink(SerialSettings.of(pty.peerSide()));
            BlockingQueue<ScannedCode> scans = new LinkedBlockingQueue<>();
            try (SerialScanner scanner = new SerialScanner(new SerialLink(SerialSettings.of(pty.deviceSide())), "#", "\r",
                    ScanParser.withoutVariableMeasure())) {
                assertThat(scanner.isAvailable()).isTrue();
                scanner.start(scans::add);

                // two codes in one burst, the third split across writes, as slow UARTs deliver them
                peer.write("#]E04006381333931\r#]E004252614\r#]C10109506".getBytes(StandardCharsets.ISO_8859_1));
                peer.write("000134352\u001D10LOT7\r".getBytes(StandardCharsets.ISO_8859_1));

                assertThat(scans.poll(5, TimeUnit.SECONDS)).isEqualTo(new ScannedCode.Product("]E04006381333931", "04006381333931"));
                assertThat(scans.poll(5, TimeUnit.SECONDS)).isEqualTo(new ScannedCode.Product("]E004252614", "00042100005264"));
                assertThat(scans.poll(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(ScannedCode.Gs1Data.class, g -> {
                    assertThat(g.data().gtin()).contains("09506000134352");
                    assertThat(g.data().batch()).contains("LOT7");
                });
            } finally {
                peer.close();
            }
        }
    }
}
