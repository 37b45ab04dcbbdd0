package io.branchpos.hardware.transport;

/**
 * How to open a serial port. {@code portName} is a system name ({@code /dev/ttyUSB0}, {@code COM3}) or any path
 * to a tty, including socat pty symlinks.
 */
public record SerialSettings(String portName, int baudRate, int dataBits, Parity parity, int stopBits) {

    /** Parity setting. */
    public enum Parity { NONE, ODD, EVEN }

    /** 9600 8N1, the default of most POS devices. */
    public static SerialSettings of(String portName) {
        return new SerialSettings(portName, 9600, 8, Parity.NONE, 1);
    }

    /** 9600 7E1, the classic setting of Toledo-protocol scales. */
    public static SerialSettings sevenEvenOne(String portName) {
        return new SerialSettings(portName, 9600, 7, Parity.EVEN, 1);
    }
}
