package io.branchpos.sync.protocol;

/** The credential of an enrolled terminal; {@code token} is shown once and stored at HQ only as a hash. */
public record EnrollmentResponse(String terminalId, String branchId, String token) {
}
