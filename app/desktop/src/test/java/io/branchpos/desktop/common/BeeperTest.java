package io.branchpos.desktop.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class BeeperTest {
    @Test
    void theToneIsTwoShortAudibleParts() {
        byte[] pcm = Beeper.tone();
        int samples = pcm.length / 2;
        assertThat(samples / Beeper.RATE).isBetween(0.17f, 0.19f);
        int peak = 0;
        for (int i = 0; i < pcm.length; i += 2) {
            peak = Math.max(peak, Math.abs((short) ((pcm[i] & 0xFF) | (pcm[i + 1] << 8))));
        }
        assertThat(peak).isGreaterThan(Short.MAX_VALUE / 4);
    }

    @Test
    void beepingWithoutASoundDeviceNeverThrowsToTheCaller() {
        Runnable beep = Beeper.create();
        assertThatCode(() -> {
            beep.run();
            beep.run();
        }).doesNotThrowAnyException();
    }
}
