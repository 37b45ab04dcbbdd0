package io.branchpos.store.park;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.branchpos.store.LocalStore;

/** Drawer events that are not sales: a no-sale drawer open is journaled (NO_SALE) before the drawer opens. */
public final class TillEvents {
    public static final String NO_SALE = "NO_SALE";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalStore store;

    public TillEvents(LocalStore store) {
        this.store = store;
    }

    /** Records a no-sale drawer open by {@code userId} (who must hold the permission) in till session {@code tillSessionId}. */
    public void noSale(String tillSessionId, String userId, String reason, String approvedBy) {
        store.write(ctx -> {
            ObjectNode p = JSON.createObjectNode();
            p.put("tillSessionId", tillSessionId);
            p.put("userId", userId);
            p.put("reason", reason);
            p.put("approvedBy", approvedBy);
            ctx.journal(NO_SALE, 1, p);
            return null;
        });
    }
}
