package io.branchpos.hardware.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Tells a keyboard-wedge scanner's burst from a person typing, from key timing alone. Pure logic: the desktop
 * feeds it every typed character from a scene-level event filter (consuming the event), replays
 * {@link Output.Typed} text into the focused control, and sends {@link Output.Scan} codes to the sale.
 *
 * <p>Rule: characters are held while they arrive with at most {@code maxGap} between them. A terminator
 * (Enter/Tab, configurable) after at least {@code minLength} held characters makes a scan; a slower gap, a
 * short burst or the idle check ({@link #poll(Instant)}) releases what is held as typed text. With no
 * terminators configured, a fast burst of {@code minLength}+ characters followed by idle is a scan.
 * A person therefore sees their keys at most {@code maxGap} late. Not thread-safe: call from one thread
 * (the FX thread).
 */
public final class WedgeBurstDetector {

    /** What the desktop should do with the characters seen so far. */
    public sealed interface Output {
        /** A complete scan, without its terminator. */
        record Scan(String code) implements Output {
        }

        /** Keys a person typed, to be delivered to the focused control as they were. */
        record Typed(String text) implements Output {
        }
    }

    /**
     * @param maxGap      longest pause between two characters of one scan (scanners: 1–20 ms; people: 80+ ms)
     * @param minLength   shortest code that counts as a scan
     * @param terminators characters that end a scan (e.g. '\r', '\n', '\t'); empty = a scan ends by going idle
     */
    public record Config(Duration maxGap, int minLength, Set<Character> terminators) {
        public Config {
            Objects.requireNonNull(maxGap);
            terminators = Set.copyOf(terminators);
            if (minLength < 1) {
                throw new IllegalArgumentException("minLength must be at least 1");
            }
        }

        /** 35 ms between keys, 6+ characters, ended by Enter. */
        public static Config defaults() {
            return new Config(Duration.ofMillis(35), 6, Set.of('\r', '\n'));
        }
    }

    private final Config config;
    private final StringBuilder held = new StringBuilder();
    private Instant lastKeyAt;

    public WedgeBurstDetector(Config config) {
        this.config = config;
    }

    /** Feeds one typed character with the time it was typed (from the injected clock / the event's time). */
    public List<Output> onKey(char c, Instant at) {
        List<Output> out = new ArrayList<>(2);
        releaseIfIdle(at, out);
        if (config.terminators().contains(c)) {
            if (held.length() >= config.minLength()) {
                out.add(new Output.Scan(held.toString()));
            } else {
                out.add(new Output.Typed(held.toString() + c));
            }
            held.setLength(0);
            lastKeyAt = null;
            return out;
        }
        held.append(c);
        lastKeyAt = at;
        return out;
    }

    /** Call periodically (e.g. every {@code maxGap}) so that typed characters are not held forever. */
    public List<Output> poll(Instant now) {
        List<Output> out = new ArrayList<>(1);
        releaseIfIdle(now, out);
        return out;
    }

    /** Whether characters are being held (the desktop may show a "scanning…" hint, nothing more). */
    public boolean isHolding() {
        return held.length() > 0;
    }

    private void releaseIfIdle(Instant now, List<Output> out) {
        if (held.length() == 0 || Duration.between(lastKeyAt, now).compareTo(config.maxGap()) <= 0) {
            return;
        }
        boolean burstWithoutTerminator = config.terminators().isEmpty() && held.length() >= config.minLength();
        out.add(burstWithoutTerminator ? new Output.Scan(held.toString()) : new Output.Typed(held.toString()));
        held.setLength(0);
        lastKeyAt = null;
    }
}
