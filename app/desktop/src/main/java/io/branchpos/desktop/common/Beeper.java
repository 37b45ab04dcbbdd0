package io.branchpos.desktop.common;

import java.io.ByteArrayInputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Clip;
import javax.sound.sampled.LineEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error sound (unknown barcode, refused action): a short two-tone beep synthesised in memory
 * and played through the JDK's sound API on its own thread, so a slow or missing sound device never
 * holds up the cashier. Where the machine has no sound device (headless CI) it logs once and stays
 * silent; the red flash and message remain the visible signal (decision 0303).
 */
public final class Beeper {
    private static final Logger log = LoggerFactory.getLogger(Beeper.class);
    static final float RATE = 22_050f;

    private Beeper() {
    }

    public static Runnable create() {
        byte[] pcm = tone();
        ExecutorService player = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "branchpos-beep");
            t.setDaemon(true);
            return t;
        });
        boolean[] warned = new boolean[1];
        return () -> player.execute(() -> {
            try {
                play(pcm);
            } catch (Exception | LinkageError e) {
                if (!warned[0]) {
                    warned[0] = true;
                    log.info("No sound device ({}): error beeps are silent, the on-screen signal remains",
                            e.getMessage());
                }
            }
        });
    }

    /** 16-bit mono PCM: 90 ms at 880 Hz, then 90 ms at 660 Hz, with short fades against clicks. */
    static byte[] tone() {
        int n = (int) (RATE * 0.09);
        byte[] out = new byte[n * 2 * 2];
        int i = 0;
        for (int part = 0; part < 2; part++) {
            double freq = part == 0 ? 880 : 660;
            for (int k = 0; k < n; k++) {
                double fade = Math.min(1, Math.min(k, n - k) / (RATE * 0.005));
                short v = (short) (Math.sin(2 * Math.PI * freq * k / RATE) * 0.4 * fade * Short.MAX_VALUE);
                out[i++] = (byte) v;
                out[i++] = (byte) (v >> 8);
            }
        }
        return out;
    }

    private static void play(byte[] pcm) throws Exception {
        AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, pcm.length / 2)) {
            Clip clip = AudioSystem.getClip();
            clip.addLineListener(e -> {
                if (e.getType() == LineEvent.Type.STOP) {
                    clip.close();
                }
            });
            clip.open(in);
            clip.start();
        }
    }
}
