package io.branchpos.sync.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;

/** The journal hash chain of decision 0004: SHA-256 over the envelope fields and the payload text. */
public final class JournalHash {

    /** {@code prevHash} of the first event of every terminal. */
    public static final String GENESIS = "0".repeat(64);

    private JournalHash() {
    }

    /** Hash of one event exactly as decision 0004 defines it (lowercase hex). */
    public static String compute(String prevHash, String eventId, String terminalId, long seq, String type,
                                 int schemaVersion, LocalDate businessDay, long occurredAtEpochMillis, String payload) {
        String text = prevHash + "\n" + eventId + "\n" + terminalId + "\n" + seq + "\n" + type + "\n"
                + schemaVersion + "\n" + businessDay + "\n" + occurredAtEpochMillis + "\n" + payload;
        return sha256Hex(text);
    }

    /** Hash of a wire event of the given terminal. */
    public static String compute(String terminalId, WireEvent e) {
        return compute(e.prevHash(), e.eventId(), terminalId, e.seq(), e.type(), e.schemaVersion(),
                e.businessDay(), e.occurredAt().toEpochMilli(), e.payload());
    }

    /**
     * The same hash from the payload's UTF-8 bytes, which the caller already holds (HQ encodes each
     * payload once for this and for its payload hash): the envelope is digested, then the bytes, with
     * no concatenated copy of the payload. Equal to {@link #compute(String, WireEvent)} for every
     * payload, as the envelope text ends with a line break and UTF-8 encodes the parts independently.
     */
    public static String compute(String terminalId, WireEvent e, byte[] payloadUtf8) {
        String envelope = e.prevHash() + "\n" + e.eventId() + "\n" + terminalId + "\n" + e.seq() + "\n" + e.type() + "\n"
                + e.schemaVersion() + "\n" + e.businessDay() + "\n" + e.occurredAt().toEpochMilli() + "\n";
        MessageDigest digest = sha256();
        digest.update(envelope.getBytes(StandardCharsets.UTF_8));
        digest.update(payloadUtf8);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Lowercase hex SHA-256 of the UTF-8 bytes of a text (used for payload hashes and token hashes). */
    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Lowercase hex SHA-256 of bytes ({@code sha256Hex(text)} is this of the text's UTF-8 bytes). */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /** Looked up once; each hash works on a clone (a provider look-up per event cost more than the hash). */
    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }
}
