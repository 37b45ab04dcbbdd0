package io.branchpos.hardware.printer;

import java.util.List;
import java.util.Optional;

/**
 * Where print jobs are journaled before they are sent. Implementations must have written a job durably when
 * {@link #save} returns. The desktop may back this with H2; {@link InMemoryPrintJobStore} and
 * {@link DirectoryPrintJobStore} ship here.
 */
public interface PrintJobStore {

    /** Inserts or replaces the job with this id. */
    void save(PrintJob job);

    Optional<PrintJob> find(String id);

    /** All jobs, oldest first. */
    List<PrintJob> all();

    /** Jobs not yet printed, oldest first. */
    default List<PrintJob> pending() {
        return all().stream().filter(PrintJob::isPending).toList();
    }
}
