package io.branchpos.hardware.devices;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.hardware.scale.CasEcrProtocol;
import io.branchpos.hardware.scale.SerialScale;
import io.branchpos.hardware.scale.Toledo8217Protocol;
import io.branchpos.hardware.scale.WeightReading;
import io.branchpos.hardware.scale.WeightReading.Status;
import io.branchpos.hardware.testing.PtyPair;
import io.branchpos.hardware.transport.SerialLink;
import io.branchpos.hardware.transport.SerialSettings;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scales over real pty pairs, against a scripted scale peer. */
class SerialScalePtyTest {

    @TempDir
    Path dir;
    private PtyPair pty;
    private SerialLink device;
    private ScriptedPeer peer;

    @BeforeEach
    void open() throws Exception {
        pty = PtyPair.open(dir);
        device = new SerialLink(SerialSettings.of(pty.deviceSide()));
    }

    @AfterEach
    void close() throws Exception {
        if (peer != null) {
            peer.close();
        }
        device.close();
        pty.close();
    }

    private static byte[] toledo(String body) {
        return ("\u0002" + body + "\r").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void toledoScaleReportsMotionThenStableWeight() throws IOException {
        peer = new ScriptedPeer(pty.peerSide(), Map.of(
                (byte) 'W', new ArrayDeque<>(java.util.List.of(toledo("?\u0031"), toledo("01.234"), toledo("?\u0030\u0032"))),
                (byte) 'Z', new ArrayDeque<>(java.util.List.of(toledo("?\u0032")))));
        SerialScale scale = new SerialScale(device, new Toledo8217Protocol(), Duration.ofSeconds(2));

        assertThat(scale.read().status()).isEqualTo(Status.MOTION);
        WeightReading stable = scale.read();
        assertThat(stable.status()).isEqualTo(Status.STABLE);
        assertThat(stable.kilograms()).isEqualTo(new BigDecimal("1.234"));
        assertThat(stable.isSellable()).isTrue();
        assertThat(scale.read().status()).isEqualTo(Status.OVER_CAPACITY);
        assertThat(scale.zero().ok()).isTrue();
        assertThat(scale.tare().message()).contains("tare key on the scale");
    }

    @Test
    void casScaleReadsWeightAndAcceptsZeroAndTare() throws IOException {
        peer = new ScriptedPeer(pty.peerSide(), Map.of(
                (byte) 0x05, new ArrayDeque<>(java.util.List.of(new byte[] {0x06}, new byte[] {0x06}, new byte[] {0x06})),
                (byte) 0x11, new ArrayDeque<>(java.util.List.of(CasEcrProtocol.frame('S', "0.754", "kg"),
                        CasEcrProtocol.frame('U', "0.750", "kg"), CasEcrProtocol.frame('F', "0.000", "kg"))),
                (byte) 'Z', new ArrayDeque<>(java.util.List.of(new byte[] {0x06})),
                (byte) 'T', new ArrayDeque<>(java.util.List.of(new byte[] {0x15}))));
        SerialScale scale = new SerialScale(device, new CasEcrProtocol(), Duration.ofSeconds(2));

        WeightReading r = scale.read();
        assertThat(r.status()).isEqualTo(Status.STABLE);
        assertThat(r.kilograms()).isEqualTo(new BigDecimal("0.754"));
        assertThat(scale.read().status()).isEqualTo(Status.MOTION);
        assertThat(scale.read().status()).isEqualTo(Status.OVER_CAPACITY);
        assertThat(scale.zero().ok()).isTrue();
        assertThat(scale.tare().ok()).isFalse();
    }

    @Test
    void silentScaleIsUnreachableNotAnException() {
        SerialScale scale = new SerialScale(device, new Toledo8217Protocol(), Duration.ofMillis(300));

        WeightReading r = scale.read();

        assertThat(r.status()).isEqualTo(Status.UNREACHABLE);
        assertThat(r.message()).isEqualTo("Scale not reachable — check its cable");
    }

    /** A peer that answers each request byte with the next scripted answer for it. */
    static final class ScriptedPeer implements AutoCloseable {
        private final SerialLink link;
        private final Thread thread;
        private volatile boolean running = true;

        ScriptedPeer(String port, Map<Byte, Deque<byte[]>> script) {
            link = new SerialLink(SerialSettings.of(port));
            thread = new Thread(() -> {
                byte[] one = new byte[1];
                while (running) {
                    try {
                        if (link.readSome(one, Duration.ofMillis(100)) == 1) {
                            Deque<byte[]> answers = script.get(one[0]);
                            if (answers != null && !answers.isEmpty()) {
                                link.write(answers.poll());
                            }
                        }
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "scripted-scale");
            thread.setDaemon(true);
            link.isAvailable();
            thread.start();
        }

        @Override
        public void close() {
            running = false;
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            link.close();
        }
    }
}
