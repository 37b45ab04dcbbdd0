package io.branchpos.store.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Slow salted PIN hashes with the JDK's PBKDF2WithHmacSHA256: a per-user random salt, and the
 * iteration count stored with the hash so it can be raised later without invalidating old PINs.
 * A 4-digit PIN has only 10,000 values, so the hash alone cannot protect it against someone with
 * the database file; the lockout and the iteration count make online and offline guessing slow.
 */
public final class PinHasher {
    /** At least 100,000 iterations (about 60 ms per check here); see decision 0300. */
    public static final int DEFAULT_ITERATIONS = 120_000;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
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

    private static byte[] derive(String pin, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
