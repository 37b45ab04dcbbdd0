package io.branchpos.benchmarks;

/**
 * Sizes of one run. {@code full} is what issue 9 asks for, within the 10-minute budget on two
 * cores (the sales history is written in bulk, decision 0027, and stops growing only if its 180-s
 * budget is spent first: on a slow or loaded machine, the largest history that fits); {@code smoke} runs every benchmark at a tiny
 * size in seconds (the smoke test, and to check the harness): its numbers mean nothing.
 */
record Scale(String name, int skus, int salesHistory, int historyBudgetSeconds, int lookups, int searchRepeats,
        int likeSamples, int sales, int rawCommits, int appStarts, int scans, int catchUpEvents,
        int catchUpBudgetSeconds, int terminals, int fleetSeconds, int fleetBatch) {

    static Scale named(String name) {
        return switch (name) {
            case "full" -> new Scale("full", 200_000, 1_000_000, 180, 100_000, 3, 20, 2_000, 2_000, 2, 100, 100_000,
                    40, 500, 60, 10);
            case "smoke" -> new Scale("smoke", 2_000, 1_500, 60, 2_000, 1, 3, 50, 50, 1, 5, 1_000, 60, 4, 2, 5);
            default -> throw new IllegalArgumentException("unknown scale '" + name + "' (full, smoke)");
        };
    }
}
