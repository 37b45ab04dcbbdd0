package io.branchpos.sync.protocol;

import java.util.List;

/** Outcome of a pure validation: empty problems means valid. Messages name the field and the rule. */
public record Validation(List<String> problems) {
    public Validation {
        problems = List.copyOf(problems);
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    /** All problems joined into one human-readable sentence. */
    public String message() {
        return String.join("; ", problems);
    }
}
