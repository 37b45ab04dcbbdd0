package io.branchpos.hardware.printer;

import java.io.IOException;

/** A receipt printer as the print queue and the Devices screen see it. Blocking; never call on the FX thread. */
public interface ReceiptPrinter extends AutoCloseable {

    /** How far a job is known to have got. */
    enum Delivery {
        /** The printer confirmed it has printed everything of the job. */
        CONFIRMED,
        /** All bytes left us, but the link cannot tell whether they printed (device file, spooler). */
        WRITTEN_UNCONFIRMED
    }

    String describe();

    /** Whether the printer can be reached. Never throws. */
    boolean isAvailable();

    /** Current state; never throws. */
    PrinterStatus status();

    /**
     * Sends one job and waits for the printer's confirmation where the link allows. Throws when the job did not
     * (provably) complete; {@code processId} identifies the job in the confirmation.
     */
    Delivery send(byte[] job, int processId) throws IOException;

    /** Sends bytes without a job around them (drawer pulse). */
    void write(byte[] bytes) throws IOException;

    @Override
    void close();
}
