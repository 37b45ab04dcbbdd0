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

    /** Lowercase hex SHA-256 of the UTF-8 bytes of a text (used for payload hashes and token hashes). */
    public static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
