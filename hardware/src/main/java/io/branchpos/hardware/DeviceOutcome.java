package io.branchpos.hardware;

/** The result of a device action (open drawer, show text, zero scale): never an exception, a message a person can act on. */
public record DeviceOutcome(boolean ok, String message) {

    public static DeviceOutcome done() {
        return new DeviceOutcome(true, "");
    }

    public static DeviceOutcome failed(String message) {
        return new DeviceOutcome(false, message);
    }
}
