package io.branchpos.store.journal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hash chain of decision 0004; the server verifies the same formula. */
public final class JournalHash {
    /** {@code prevHash} of a terminal's first event. */
    public static final String GENESIS = "0".repeat(64);

    private JournalHash() {
    }

    public static String of(String prevHash, String eventId, String terminalId, long seq, String type,
            int schemaVersion, String businessDay, long occurredAtEpochMillis, String payload) {
        String input = prevHash + "\n" + eventId + "\n" + terminalId + "\n" + seq + "\n" + type + "\n"
                + schemaVersion + "\n" + businessDay + "\n" + occurredAtEpochMillis + "\n" + payload;
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(input.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static String of(JournalEvent e) {
        return of(e.prevHash(), e.eventId().toString(), e.terminalId(), e.seq(), e.type(), e.schemaVersion(),
                e.businessDay().toString(), e.occurredAt().toEpochMilli(), e.payload());
    }
}
