package io.branchpos.store.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Slow salted PIN hashes with PBKDF2-HMAC-SHA256 (the JDK's PBKDF2WithHmacSHA256, computed
 * with fewer hash blocks per iteration, see {@link #derive}): a per-user random salt, and the
 * iteration count stored with the hash so it can be raised later without invalidating old PINs.
 * A 4-digit PIN has only 10,000 values, so the hash alone cannot protect it against someone with
 * the database file; the lockout and the iteration count make online and offline guessing slow.
 */
public final class PinHasher {
    /** At least 100,000 iterations (about 60 ms per check here); see decision 0300. */
    public static final int DEFAULT_ITERATIONS = 120_000;
    private static final int BLOCK = 64;
    private static final int HASH = 32;
    private static final String PREFIX = "pbkdf2-sha256";

    private final int iterations;
    private final SecureRandom random;

    public PinHasher(int iterations, SecureRandom random) {
        if (iterations < 100_000) {
            throw new IllegalArgumentException("stored PIN hashes use at least 100,000 iterations");
        }
        this.iterations = iterations;
        this.random = random;
    }

    public PinHasher() {
        this(DEFAULT_ITERATIONS, new SecureRandom());
    }

    /** A new hash of {@code pin} with a fresh salt. */
    public String hash(String pin) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] h = derive(pin, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(h);
    }

    /** True if {@code pin} matches {@code stored}; compares in constant time. */
    public static boolean matches(String pin, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            throw new IllegalArgumentException("not a PIN hash this version understands");
        }
        int iterations = Integer.parseInt(parts[1]);
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] salt = b64.decode(parts[2]);
        byte[] expected = b64.decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(pin, salt, iterations));
    }

    /**
     * Runs a short derivation so the JIT has compiled SHA-256 before the first PIN is checked: a
     * start calls it while the first scene is built and the cashier types (decision 0020; with the
     * installers' C1-only JIT the first check of a JVM took ~240 ms CPU, later ones ~205 ms).
     */
    public static void warmUp() {
        for (int i = 0; i < 300; i++) {
            derive("0000", new byte[16], 20); // derive itself compiled, not only its loop
        }
    }

    /**
     * PBKDF2-HMAC-SHA256 with one 256-bit block (RFC 8018), the same bytes as the JDK's
     * {@code PBKDF2WithHmacSHA256} (tested against it), but HMAC's inner and outer key blocks are
     * hashed once per derivation and cloned per iteration: 2 SHA-256 blocks per iteration instead
     * of the JDK Mac's 4, which halves the hashing of a sign-in (decision 0020). The JDK's SHA-256.
     */
    static byte[] derive(String pin, byte[] salt, int iterations) {
        byte[] key = pin.getBytes(StandardCharsets.UTF_8);
        try {
            MessageDigest inner = MessageDigest.getInstance("SHA-256");
            MessageDigest outer = MessageDigest.getInstance("SHA-256");
            if (key.length > BLOCK) {
                key = inner.digest(key);
            }
            byte[] pad = new byte[BLOCK];
            for (int i = 0; i < BLOCK; i++) {
                pad[i] = (byte) ((i < key.length ? key[i] : 0) ^ 0x36);
            }
            inner.update(pad);
            for (int i = 0; i < BLOCK; i++) {
                pad[i] = (byte) ((i < key.length ? key[i] : 0) ^ 0x5c);
            }
            outer.update(pad);
            java.util.Arrays.fill(pad, (byte) 0);
            java.util.Arrays.fill(key, (byte) 0);
            MessageDigest md = (MessageDigest) inner.clone();
            md.update(salt);
            md.update(new byte[] {0, 0, 0, 1}); // block index 1: one 32-byte block is the whole 256-bit key
            byte[] u = new byte[HASH];
            md.digest(u, 0, HASH);
            md = (MessageDigest) outer.clone();
            md.update(u);
            md.digest(u, 0, HASH);
            byte[] t = u.clone();
            for (int n = 1; n < iterations; n++) {
                md = (MessageDigest) inner.clone();
                md.update(u);
                md.digest(u, 0, HASH);
                md = (MessageDigest) outer.clone();
                md.update(u);
                md.digest(u, 0, HASH);
                for (int i = 0; i < HASH; i++) {
                    t[i] ^= u[i];
                }
            }
            return t;
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK or cannot be cloned", e);
        }
    }
}
