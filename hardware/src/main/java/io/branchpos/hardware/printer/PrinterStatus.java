package io.branchpos.hardware.printer;

/**
 * A snapshot of a receipt printer's state for the UI. Never an exception: unreachable and unknown are states.
 *
 * @param state      overall state
 * @param paperLow   the near-end sensor sees little paper left (still prints)
 * @param paperOut   no paper: nothing will print
 * @param coverOpen  the cover is open: nothing will print
 * @param drawer     the cash drawer as seen through the printer's kick connector
 * @param detail     technical detail for logs and the Devices screen (link, error)
 */
public record PrinterStatus(State state, boolean paperLow, boolean paperOut, boolean coverOpen, DrawerState drawer,
                            String detail) {

    /** Overall state. */
    public enum State {
        /** Ready to print. */
        READY,
        /** Reachable but will not print now (paper out, cover open, error). */
        NOT_READY,
        /** The link works one way only: we can send, but cannot know the state. */
        UNKNOWN,
        /** Cannot be reached at all. */
        UNREACHABLE
    }

    /** Drawer kick connector reading. */
    public enum DrawerState { OPEN, CLOSED, UNKNOWN }

    public static PrinterStatus unreachable(String detail) {
        return new PrinterStatus(State.UNREACHABLE, false, false, false, DrawerState.UNKNOWN, detail);
    }

    public static PrinterStatus unknown(String detail) {
        return new PrinterStatus(State.UNKNOWN, false, false, false, DrawerState.UNKNOWN, detail);
    }

    /** Whether a job sent now is expected to print (unknown counts: a one-way link cannot tell). */
    public boolean canPrint() {
        return state == State.READY || state == State.UNKNOWN;
    }

    /** What a cashier should read: what happened and what to do. */
    public String message() {
        if (state == State.UNREACHABLE) {
            return "Printer not reachable — check cable/power; receipts are kept and print when it is back";
        }
        if (paperOut) {
            return "Printer out of paper — receipt kept, press Reprint when loaded";
        }
        if (coverOpen) {
            return "Printer cover open — close it, then press Reprint";
        }
        if (state == State.NOT_READY) {
            return "Printer not ready (" + detail + ") — receipt kept, press Reprint when it is ready";
        }
        if (paperLow) {
            return "Printer paper running low — change the roll soon";
        }
        return state == State.UNKNOWN ? "Printer connected (status not available on this connection)" : "Printer ready";
    }
}
