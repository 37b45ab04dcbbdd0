package io.branchpos.desktop.approval;

import io.branchpos.domain.sale.Approval;
import java.util.function.Consumer;

/**
 * Asks for a supervisor's approval. {@code onApproved} runs on the FX thread once someone with
 * the required permission entered their PIN and a reason; it never runs if the request is
 * cancelled. The app shows {@code ApprovalViewModel}'s dialog; tests approve or refuse at once.
 */
@FunctionalInterface
public interface Approvals {
    void request(ApprovalRequest request, Consumer<Approval> onApproved);
}
