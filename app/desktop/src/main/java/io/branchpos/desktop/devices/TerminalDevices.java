package io.branchpos.desktop.devices;

import io.branchpos.desktop.common.CustomerFacing;
import io.branchpos.desktop.receipt.EscPosReceiptOutput;
import io.branchpos.hardware.DeviceOutcome;
import io.branchpos.hardware.printer.PrintJob;
import io.branchpos.hardware.printer.PrinterStatus;
import io.branchpos.hardware.scale.Scale;
import io.branchpos.hardware.scale.WeightReading;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The devices of this terminal as configured: receipt printer (+ its drawer), customer display, scale, scanner. */
public final class TerminalDevices implements DeviceBench {
    private final EscPosReceiptOutput printer;
    private final CustomerFacing display;
    private final String displayName;
    private final Optional<Scale> scale;

    /**
     * @param printer     the receipt printer, or null when none could be opened
     * @param display     the customer display ({@link CustomerFacing#NONE} if none)
     * @param scale       the scale, if one is configured
     */
    public TerminalDevices(EscPosReceiptOutput printer, CustomerFacing display, String displayName,
            Optional<Scale> scale) {
        this.printer = printer;
        this.display = display;
        this.displayName = displayName;
        this.scale = scale;
    }

    @Override
    public List<Check> check() {
        List<Check> out = new ArrayList<>();
        if (printer == null) {
            out.add(new Check(Kind.PRINTER, "Receipt printer", false, "Not configured: receipts show on screen only"));
            out.add(new Check(Kind.DRAWER, "Cash drawer", false, "Needs a receipt printer (kick connector)"));
        } else {
            PrinterStatus s = printer.printerStatus();
            out.add(new Check(Kind.PRINTER, "Receipt printer — " + printer.describe(), s.canPrint(), s.message()));
            String drawer = switch (s.drawer()) {
                case OPEN -> "Drawer open";
                case CLOSED -> "Drawer closed";
                case UNKNOWN -> "Drawer state not reported by this printer";
            };
            out.add(new Check(Kind.DRAWER, "Cash drawer (printer kick connector)", s.canPrint(), drawer));
        }
        boolean hasDisplay = display != CustomerFacing.NONE;
        out.add(new Check(Kind.DISPLAY, "Customer display" + (hasDisplay ? " — " + displayName : ""), hasDisplay,
                hasDisplay ? "Ready" : "Not configured (set display=window or a serial port)"));
        out.add(scale.map(sc -> {
            boolean ok = sc.isAvailable();
            return new Check(Kind.SCALE, "Scale", ok, ok ? "Ready" : "Not reachable: check cable and power");
        }).orElse(new Check(Kind.SCALE, "Scale", false, "Not configured: weights are typed in")));
        out.add(new Check(Kind.SCANNER, "Barcode scanner (keyboard wedge)", true,
                "Ready: scan anywhere on the selling screen"));
        return out;
    }

    @Override
    public DeviceOutcome test(Kind kind) {
        return switch (kind) {
            case PRINTER -> printer == null ? DeviceOutcome.failed("No receipt printer configured") : printer.testPrint();
            case DRAWER -> printer == null ? DeviceOutcome.failed("No receipt printer for the drawer")
                    : printer.openDrawer();
            case DISPLAY -> {
                if (display == CustomerFacing.NONE) {
                    yield DeviceOutcome.failed("No customer display configured");
                }
                display.show("BranchPOS display test", "0123456789 ÄÖÜ € ok");
                yield DeviceOutcome.done();
            }
            case SCALE -> scale.map(sc -> {
                WeightReading r = sc.read();
                return r.isSellable() ? new DeviceOutcome(true, "Weight: " + r.kilograms().toPlainString() + " kg")
                        : DeviceOutcome.failed(r.message());
            }).orElse(DeviceOutcome.failed("No scale configured"));
            case SCANNER -> new DeviceOutcome(true, "Scan any barcode on the selling screen: it is added to the ticket");
        };
    }

    @Override
    public List<QueuedJob> queuedJobs() {
        if (printer == null) {
            return List.of();
        }
        List<QueuedJob> out = new ArrayList<>();
        for (PrintJob j : printer.queuedJobs()) {
            out.add(new QueuedJob(j.id(), j.description(), j.lastError().isEmpty() ? j.state().name() : j.lastError()));
        }
        return out;
    }

    @Override
    public DeviceOutcome retryQueued() {
        if (printer == null) {
            return DeviceOutcome.failed("No receipt printer configured");
        }
        int left = printer.retryQueued();
        return left == 0 ? new DeviceOutcome(true, "All receipts printed")
                : DeviceOutcome.failed(left + " receipt(s) still queued: " + printer.printerStatus().message());
    }
}
