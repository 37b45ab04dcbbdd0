package io.branchpos.sync.client;

import io.branchpos.sync.protocol.EnrollmentResponse;
import io.branchpos.sync.protocol.EventBatch;
import java.io.IOException;

/** Moves batches and enrollment requests to HQ. An {@link IOException} means "no answer" (offline, timeout, cut). */
public interface SyncTransport {

    UploadResult upload(TerminalCredential credential, EventBatch batch) throws IOException;

    /**
     * A batch made ready to send (encoded, compressed) ahead of its upload, so that the engine can do
     * this work while the batch before it is in flight (decision 0211). Any thread; no I/O.
     */
    default Prepared prepare(EventBatch batch) {
        return new Prepared(batch, null, false);
    }

    /** Uploads a batch made by {@link #prepare}; the same answer {@link #upload(TerminalCredential, EventBatch)} gives. */
    default UploadResult upload(TerminalCredential credential, Prepared batch) throws IOException {
        return upload(credential, batch.batch());
    }

    /** A batch and, if the transport made one, its encoded body (with raw payloads or not, decision 0213). */
    record Prepared(EventBatch batch, byte[] body, boolean rawPayloads) {
        public Prepared(EventBatch batch, byte[] body) {
            this(batch, body, false);
        }
    }

    /** Trades a one-time code for a credential; throws {@link EnrollmentRefusedException} when HQ refuses the code. */
    EnrollmentResponse enroll(String enrollmentCode) throws IOException;

    /** HQ refused an enrollment code (unknown, used or expired). */
    final class EnrollmentRefusedException extends IOException {
        private static final long serialVersionUID = 1L;

        public EnrollmentRefusedException(String message) {
            super(message);
        }
    }
}
