package io.branchpos.desktop.manager;

/** Turns a failure into a sentence for the manager: what happened and what to do, never a stack trace. */
public final class Messages {
    private Messages() {
    }

    public static String of(RuntimeException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return "That did not work (" + e.getClass().getSimpleName() + ") — try again; details are in the log.";
        }
        return Character.toUpperCase(m.charAt(0)) + m.substring(1);
    }
}
