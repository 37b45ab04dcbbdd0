package io.branchpos.hardware.scan;

/** A scanned text is not what it claimed to be; the message says why in words a cashier's supervisor can read. */
public class ScanParseException extends IllegalArgumentException {

    public ScanParseException(String message) {
        super(message);
    }
}
