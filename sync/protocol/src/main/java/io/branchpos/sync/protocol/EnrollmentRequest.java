package io.branchpos.sync.protocol;

/** Body of {@code POST /v1/enrollments}: a terminal trades its one-time code for a credential. */
public record EnrollmentRequest(int protocolVersion, String enrollmentCode) {
}
