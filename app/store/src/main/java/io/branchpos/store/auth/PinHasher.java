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
     * hashed once per derivation (decision 0020): 2 SHA-256 blocks per iteration instead of the JDK
     * Mac's 4, which halves the hashing of a sign-in. The first iteration (salt of any length) uses
     * the JDK's SHA-256; the others hash a 32-byte message after a 64-byte key block, always one
     * padded block, with {@link #compress} on arrays made once: nothing allocated per iteration
     * (decision 0409; cloning two digests per iteration made ~200 MB of garbage per sign-in).
     */
    static byte[] derive(String pin, byte[] salt, int iterations) {
        byte[] key = pin.getBytes(StandardCharsets.UTF_8);
        try {
            MessageDigest inner = MessageDigest.getInstance("SHA-256");
            MessageDigest outer = MessageDigest.getInstance("SHA-256");
            if (key.length > BLOCK) {
                key = inner.digest(key);
            }
            int[] w = new int[64];
            int[] innerState = IV.clone();
            int[] outerState = IV.clone();
            byte[] pad = new byte[BLOCK];
            for (int i = 0; i < BLOCK; i++) {
                pad[i] = (byte) ((i < key.length ? key[i] : 0) ^ 0x36);
            }
            inner.update(pad);
            words(pad, w, 16);
            compress(innerState, w);
            for (int i = 0; i < BLOCK; i++) {
                pad[i] = (byte) ((i < key.length ? key[i] : 0) ^ 0x5c);
            }
            outer.update(pad);
            words(pad, w, 16);
            compress(outerState, w);
            java.util.Arrays.fill(pad, (byte) 0);
            java.util.Arrays.fill(key, (byte) 0);
            MessageDigest md = (MessageDigest) inner.clone();
            md.update(salt);
            md.update(new byte[] {0, 0, 0, 1}); // block index 1: one 32-byte block is the whole 256-bit key
            byte[] u1 = new byte[HASH];
            md.digest(u1, 0, HASH);
            md = (MessageDigest) outer.clone();
            md.update(u1);
            md.digest(u1, 0, HASH);
            int[] u = new int[8];
            words(u1, u, 8);
            int[] t = u.clone();
            int[] state = new int[8];
            for (int n = 1; n < iterations; n++) {
                // inner: H(ipad block || u), then outer: H(opad block || inner hash); both messages
                // are 96 bytes, so the second block is the 32 bytes, 0x80, zeros and the bit length
                System.arraycopy(innerState, 0, state, 0, 8);
                padded(u, w);
                compress(state, w);
                System.arraycopy(outerState, 0, u, 0, 8);
                padded(state, w);
                compress(u, w);
                for (int i = 0; i < 8; i++) {
                    t[i] ^= u[i];
                }
            }
            byte[] out = new byte[HASH];
            for (int i = 0; i < 8; i++) {
                out[4 * i] = (byte) (t[i] >>> 24);
                out[4 * i + 1] = (byte) (t[i] >>> 16);
                out[4 * i + 2] = (byte) (t[i] >>> 8);
                out[4 * i + 3] = (byte) t[i];
            }
            return out;
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK or cannot be cloned", e);
        }
    }

    /** SHA-256's initial hash value (FIPS 180-4, 5.3.3). */
    private static final int[] IV = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c,
        0x1f83d9ab, 0x5be0cd19};

    /** SHA-256's round constants (FIPS 180-4, 4.2.2). */
    private static final int[] K = {0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
        0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa,
        0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
        0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb,
        0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624,
        0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
        0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb,
        0xbef9a3f7, 0xc67178f2};

    /** The first {@code n} big-endian words of {@code bytes} into {@code w}. */
    private static void words(byte[] bytes, int[] w, int n) {
        for (int i = 0; i < n; i++) {
            w[i] = (bytes[4 * i] & 0xff) << 24 | (bytes[4 * i + 1] & 0xff) << 16 | (bytes[4 * i + 2] & 0xff) << 8
                    | (bytes[4 * i + 3] & 0xff);
        }
    }

    /** The last block of a 96-byte message whose last 32 bytes are the words {@code h}: h, 0x80, zeros, 768 bits. */
    private static void padded(int[] h, int[] w) {
        System.arraycopy(h, 0, w, 0, 8);
        w[8] = 0x80000000;
        for (int i = 9; i < 15; i++) {
            w[i] = 0;
        }
        w[15] = (BLOCK + HASH) * 8;
    }

    /** SHA-256's compression of the block in {@code w[0..15]} into {@code state} (FIPS 180-4, 6.2.2); {@code w} is its schedule. */
    private static void compress(int[] state, int[] w) {
        for (int i = 16; i < 64; i++) {
            int x = w[i - 15];
            int y = w[i - 2];
            int s0 = Integer.rotateRight(x, 7) ^ Integer.rotateRight(x, 18) ^ (x >>> 3);
            int s1 = Integer.rotateRight(y, 17) ^ Integer.rotateRight(y, 19) ^ (y >>> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        int a = state[0];
        int b = state[1];
        int c = state[2];
        int d = state[3];
        int e = state[4];
        int f = state[5];
        int g = state[6];
        int h = state[7];
        for (int i = 0; i < 64; i++) {
            int t1 = h + (Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25))
                    + ((e & f) ^ (~e & g)) + K[i] + w[i];
            int t2 = (Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22))
                    + ((a & b) ^ (a & c) ^ (b & c));
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}
