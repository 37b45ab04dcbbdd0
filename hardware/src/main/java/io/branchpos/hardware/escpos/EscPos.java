package io.branchpos.hardware.escpos;

/** ESC/POS control bytes and the real-time status requests, shared by encoder, renderer and transports. */
public final class EscPos {
    public static final byte ESC = 0x1B;
    public static final byte GS = 0x1D;
    public static final byte FS = 0x1C;
    public static final byte DLE = 0x10;
    public static final byte EOT = 0x04;
    public static final byte ENQ = 0x05;
    public static final byte DC4 = 0x14;
    public static final byte LF = 0x0A;
    public static final byte CR = 0x0D;
    public static final byte HT = 0x09;

    /** DLE EOT n: 1 printer status, 2 offline cause, 3 error cause, 4 paper roll sensor. */
    public static byte[] statusRequest(int n) {
        return new byte[] {DLE, EOT, (byte) n};
    }

    private EscPos() {
    }
}
