package io.branchpos.store.dayclose;

import io.branchpos.domain.till.TenderVariance;
import java.util.List;

/** The count differs from the expected amount by more than the threshold and no reason was given. */
public final class VarianceReasonRequiredException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<TenderVariance> variances;

    public VarianceReasonRequiredException(List<TenderVariance> variances) {
        super("the count differs from the expected amount by more than the threshold: give a reason");
        this.variances = List.copyOf(variances);
    }

    public List<TenderVariance> variances() {
        return variances;
    }
}
