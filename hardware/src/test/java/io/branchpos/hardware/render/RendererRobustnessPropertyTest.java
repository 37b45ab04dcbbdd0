package io.branchpos.hardware.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.hardware.escpos.PrinterProfile;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RendererRobustnessPropertyTest {

    private final PrinterProfile profile = PrinterProfile.generic58mm();

    @Property(tries = 300, seed = "20261122")
    void anyByteStreamRendersWithoutThrowing(@ForAll("escPosLike") byte[] data) {
        RenderedReceipt r = new EscPosRenderer(profile).render(data);

        assertThat(r.image().getWidth()).isEqualTo(384);
        assertThat(r.image().getHeight()).isBetween(1, 40_000);
    }

    /** Random bytes biased towards command introducers, so that command parsing is what gets exercised. */
    @Provide
    Arbitrary<byte[]> escPosLike() {
        Arbitrary<Byte> b = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.bytes()),
                net.jqwik.api.Tuple.of(1, Arbitraries.of((byte) 0x1B, (byte) 0x1D, (byte) 0x1C, (byte) 0x10, (byte) 0x0A)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of((byte) '(', (byte) 'k', (byte) 'v', (byte) 'L', (byte) '*', (byte) 'd')));
        return b.array(byte[].class).ofMaxSize(400);
    }
}
