package io.branchpos.sync.client;

import io.branchpos.sync.protocol.EnrollmentResponse;
import io.branchpos.sync.protocol.EventBatch;
import java.io.IOException;

/** Moves batches and enrollment requests to HQ. An {@link IOException} means "no answer" (offline, timeout, cut). */
public interface SyncTransport {

    UploadResult upload(TerminalCredential credential, EventBatch batch) throws IOException;

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
