package io.branchpos.hardware.printer;

import io.branchpos.hardware.printer.PrinterStatus.DrawerState;
import io.branchpos.hardware.printer.PrinterStatus.State;

/**
 * Decodes the four DLE EOT status bytes (Epson real-time status, followed by most compatibles).
 * n=1 printer: bit 2 drawer pin 3, bit 3 offline. n=2 offline cause: bit 2 cover open, bit 5 paper end stop,
 * bit 6 error. n=3 error cause: bit 3 cutter, bit 5 unrecoverable, bit 6 auto-recoverable.
 * n=4 paper sensor: bits 2–3 near end, bits 5–6 end.
 */
public final class StatusDecoder {

    private StatusDecoder() {
    }

    /**
     * @param drawerOpenWhenPinHigh most drawers close a switch when shut, so pin 3 reads LOW when open (false);
     *                              some read the other way round — configurable per drawer
     */
    public static PrinterStatus decode(byte printer, byte offline, byte error, byte paper, boolean drawerOpenWhenPinHigh) {
        boolean pinHigh = (printer & 0x04) != 0;
        boolean isOffline = (printer & 0x08) != 0;
        boolean coverOpen = (offline & 0x04) != 0;
        boolean paperStop = (offline & 0x20) != 0;
        boolean errorOccurred = (offline & 0x40) != 0;
        boolean cutterError = (error & 0x08) != 0;
        boolean unrecoverable = (error & 0x20) != 0;
        boolean paperLow = (paper & 0x0C) != 0;
        boolean paperOut = (paper & 0x60) != 0 || paperStop;
        boolean ready = !isOffline && !coverOpen && !paperOut && !errorOccurred && !cutterError && !unrecoverable;
        StringBuilder detail = new StringBuilder();
        if (isOffline) {
            detail.append("offline ");
        }
        if (cutterError) {
            detail.append("cutter error ");
        }
        if (unrecoverable) {
            detail.append("unrecoverable error ");
        }
        if (errorOccurred && !cutterError && !unrecoverable) {
            detail.append("error ");
        }
        DrawerState drawer = pinHigh == drawerOpenWhenPinHigh ? DrawerState.OPEN : DrawerState.CLOSED;
        return new PrinterStatus(ready ? State.READY : State.NOT_READY, paperLow, paperOut, coverOpen, drawer,
                detail.toString().strip());
    }

    /** Whether a byte has the fixed bits every DLE EOT answer carries (bit 1 and bit 4 set, bits 0 and 7 clear). */
    public static boolean looksLikeStatus(byte b) {
        return (b & 0x93) == 0x12;
    }
}
