package io.branchpos.hardware.printer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A print journal that lives as long as the process (demo mode, tests). Thread-safe. */
public final class InMemoryPrintJobStore implements PrintJobStore {

    private final Map<String, PrintJob> jobs = new LinkedHashMap<>();

    @Override
    public synchronized void save(PrintJob job) {
        jobs.put(job.id(), job);
    }

    @Override
    public synchronized Optional<PrintJob> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public synchronized List<PrintJob> all() {
        List<PrintJob> list = new ArrayList<>(jobs.values());
        list.sort(Comparator.comparing(PrintJob::createdAt));
        return list;
    }
}
