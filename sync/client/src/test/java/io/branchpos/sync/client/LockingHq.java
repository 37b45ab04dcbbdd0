package io.branchpos.sync.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.sync.protocol.BatchAck;
import io.branchpos.sync.protocol.EventBatch;
import io.branchpos.sync.protocol.WireEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * HQ's ingest rules in a few lines (apply at hwm+1, duplicates below, resendFrom above), one batch at
 * a time as its terminal lock does; a duplicate must carry the event id HQ stored at its seq.
 */
final class LockingHq {
    private final List<String> stored = new ArrayList<>();
    private final List<Long> arrived = new ArrayList<>();

    synchronized UploadResult apply(EventBatch batch) {
        arrived.add(batch.events().get(0).seq());
        long acceptedThrough = 0;
        int applied = 0;
        int duplicates = 0;
        for (WireEvent e : batch.events()) {
            if (e.seq() <= stored.size()) {
                assertThat(stored.get((int) e.seq() - 1)).isEqualTo(e.eventId());
                duplicates++;
                acceptedThrough = e.seq();
            } else if (e.seq() == stored.size() + 1) {
                stored.add(e.eventId());
                applied++;
                acceptedThrough = e.seq();
            } else {
                return new UploadResult.Acknowledged(new BatchAck(Math.min(stored.size(), batch.events().get(0).seq() - 1),
                        applied, duplicates, List.of(), stored.size() + 1L), false);
            }
        }
        return new UploadResult.Acknowledged(new BatchAck(acceptedThrough, applied, duplicates, List.of(), null), false);
    }

    synchronized List<String> stored() {
        return List.copyOf(stored);
    }

    synchronized List<Long> arrived() {
        return List.copyOf(arrived);
    }
}
