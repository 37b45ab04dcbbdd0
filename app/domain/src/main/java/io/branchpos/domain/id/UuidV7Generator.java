package io.branchpos.domain.id;

import java.time.Clock;
import java.util.Random;
import java.util.UUID;

/**
 * RFC 9562 version-7 UUIDs: 48-bit Unix milliseconds, then random bits, so ids sort by creation
 * time. Monotonic within one generator even when the clock stands still or steps back.
 */
public final class UuidV7Generator implements IdGenerator {
    private final Clock clock;
    private final Random random;
    private long lastMillis = -1;
    private long counter;

    public UuidV7Generator(Clock clock, Random random) {
        this.clock = clock;
        this.random = random;
    }

    @Override
    public synchronized UUID next() {
        long millis = clock.millis();
        if (millis > lastMillis) {
            lastMillis = millis;
            counter = random.nextInt(1 << 11);
        } else {
            counter++;
            if (counter >= (1 << 12)) {
                lastMillis++;
                counter = 0;
            }
        }
        long msb = (lastMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (counter & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
