package io.branchpos.store.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * PIN hashes are PBKDF2-HMAC-SHA256: the hasher's own derivation (pads hashed once, decision 0020)
 * gives the JDK's {@code PBKDF2WithHmacSHA256} bytes, so hashes stored before it still match.
 */
class PinHasherTest {

    private static byte[] jdk(String pin, byte[] salt, int iterations) throws Exception {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(pin.toCharArray(), salt, iterations, 256)).getEncoded();
    }

    private static String stored(byte[] salt, int iterations, byte[] hash) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "pbkdf2-sha256$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    @Property(tries = 300)
    void derivesTheJdksPbkdf2Bytes(@ForAll @StringLength(min = 1, max = 80) String pin,
            @ForAll @Size(min = 1, max = 40) byte[] salt, @ForAll @IntRange(min = 1, max = 40) int iterations) throws Exception {
        assertThat(PinHasher.derive(pin, salt, iterations)).isEqualTo(jdk(pin, salt, iterations));
    }

    @Property(tries = 200)
    void aHashTheJdkMadeMatchesItsPinAndNoOther(@ForAll @StringLength(min = 1, max = 8) String pin,
            @ForAll @StringLength(min = 1, max = 8) String other, @ForAll @Size(16) byte[] salt,
            @ForAll @IntRange(min = 1, max = 60) int iterations) throws Exception {
        String hash = stored(salt, iterations, jdk(pin, salt, iterations));
        assertThat(PinHasher.matches(pin, hash)).isTrue();
        assertThat(PinHasher.matches(other, hash)).isEqualTo(other.equals(pin));
    }

    @Test
    void aPinHashedAtTheDefaultCountIsTheJdksAndMatchesOnlyItsPin() throws Exception {
        String hash = new PinHasher(PinHasher.DEFAULT_ITERATIONS, new SecureRandom()).hash("3333");
        String[] parts = hash.split("\\$");
        assertThat(parts[1]).isEqualTo("120000");
        assertThat(Base64.getDecoder().decode(parts[3]))
                .isEqualTo(jdk("3333", Base64.getDecoder().decode(parts[2]), PinHasher.DEFAULT_ITERATIONS));
        assertThat(PinHasher.matches("3333", hash)).isTrue();
        assertThat(PinHasher.matches("3334", hash)).isFalse();
        PinHasher.warmUp(); // changes nothing
        assertThat(PinHasher.matches("3333", hash)).isTrue();
    }

    /**
     * A sign-in's derivation ran 120,000 iterations that each cloned two SHA-256 digests (~1 KB of
     * garbage each): ~200 MB per sign-in, a dozen young collections of a till's 16 MB young
     * generation during the start's PIN check, every one stopping all threads (decision 0409).
     */
    @Test
    void theIterationsAllocateNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        PinHasher.derive("1111", new byte[16], 1_000); // classes loaded, constants made
        long before = threads.getCurrentThreadAllocatedBytes();
        PinHasher.derive("1111", new byte[16], 100_000);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated by 100,000 iterations").isLessThan(64 * 1024);
    }

    @Test
    void fewerThanTheMinimumIterationsAreRefusedForNewHashes() {
        assertThatThrownBy(() -> new PinHasher(99_999, new SecureRandom())).isInstanceOf(IllegalArgumentException.class);
    }
}
