package io.branchpos.hardware.devices;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.hardware.drawer.PrinterKickDrawer;
import io.branchpos.hardware.escpos.PrinterProfile;
import io.branchpos.hardware.printer.EscPosPrinter;
import io.branchpos.hardware.printer.PrinterStatus.DrawerState;
import io.branchpos.hardware.transport.TcpTransport;
import io.branchpos.hardware.virtual.VirtualPrinter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrinterKickDrawerTest {

    @Test
    void drawerKickThroughThePrinterOpensItAndStatusShowsIt() throws Exception {
        try (VirtualPrinter v = VirtualPrinter.start(PrinterProfile.generic80mm());
             EscPosPrinter printer = EscPosPrinter.over(new TcpTransport(v.host(), v.port(), Duration.ofSeconds(2)))) {
            PrinterKickDrawer drawer = new PrinterKickDrawer(printer, 0);
            assertThat(drawer.isAvailable()).isTrue();
            assertThat(drawer.state()).isEqualTo(DrawerState.CLOSED);

            assertThat(drawer.open().ok()).isTrue();

            assertThat(v.isDrawerOpen()).isTrue();
            assertThat(drawer.state()).isEqualTo(DrawerState.OPEN);
            assertThat(v.printed()).as("a kick prints no paper").isEmpty();
        }
    }

    @Test
    void drawerOnAnUnreachablePrinterSaysWhatToDo() {
        EscPosPrinter printer = EscPosPrinter.over(new TcpTransport("127.0.0.1", 1, Duration.ofMillis(300)));
        PrinterKickDrawer drawer = new PrinterKickDrawer(printer, 0);

        assertThat(drawer.isAvailable()).isFalse();
        assertThat(drawer.open().message()).contains("did not open").contains("key");
        assertThat(drawer.state()).isEqualTo(DrawerState.UNKNOWN);
    }
}
