package io.branchpos.domain.sale;

/** A refund that would give back more than was sold, or that names a line the sale does not have. */
public final class RefundRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public RefundRejectedException(String message) {
        super(message);
    }
}
