package io.branchpos.sync.protocol;

import java.util.List;

/** Body of {@code POST /v1/terminals/{terminalId}/batches}: consecutive events of one terminal, ascending seq. */
public record EventBatch(int protocolVersion, String terminalId, List<WireEvent> events) {
    public EventBatch {
        events = events == null ? null : List.copyOf(events);
    }
}
