package io.branchpos.hardware.printer;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.hardware.escpos.PrinterProfile;
import io.branchpos.hardware.transport.DeviceFileTransport;
import io.branchpos.hardware.transport.TcpTransport;
import io.branchpos.hardware.virtual.VirtualPrinter;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrinterStatusTest {

    @ParameterizedTest(name = "printer={0} offline={1} error={2} paper={3}")
    @CsvSource(textBlock = """
            0x16, 0x12, 0x12, 0x12, READY,     false, false, false, CLOSED
            0x12, 0x12, 0x12, 0x12, READY,     false, false, false, OPEN
            0x1E, 0x32, 0x12, 0x7E, NOT_READY, true,  true,  false, CLOSED
            0x1E, 0x16, 0x12, 0x12, NOT_READY, false, false, true,  CLOSED
            0x16, 0x12, 0x12, 0x1E, READY,     true,  false, false, CLOSED
            0x1E, 0x52, 0x3A, 0x12, NOT_READY, false, false, false, CLOSED
            """)
    void dleEotBytesDecodeToStatus(String printer, String offline, String error, String paper, PrinterStatus.State state,
                                   boolean paperLow, boolean paperOut, boolean coverOpen, PrinterStatus.DrawerState drawer) {
        PrinterStatus s = StatusDecoder.decode(b(printer), b(offline), b(error), b(paper), false);

        assertThat(s.state()).isEqualTo(state);
        assertThat(s.paperLow()).isEqualTo(paperLow);
        assertThat(s.paperOut()).isEqualTo(paperOut);
        assertThat(s.coverOpen()).isEqualTo(coverOpen);
        assertThat(s.drawer()).isEqualTo(drawer);
    }

    private static byte b(String hex) {
        return (byte) Integer.parseInt(hex.substring(2), 16);
    }

    @Test
    void virtualPrinterStatusIsReadOverTcp() throws IOException {
        try (VirtualPrinter v = VirtualPrinter.start(PrinterProfile.generic58mm());
             EscPosPrinter p = EscPosPrinter.over(new TcpTransport(v.host(), v.port(), Duration.ofSeconds(2)))) {
            assertThat(p.status().state()).isEqualTo(PrinterStatus.State.READY);

            v.setPaperLow(true);
            v.setDrawerOpen(true);
            PrinterStatus low = p.status();
            assertThat(low.state()).isEqualTo(PrinterStatus.State.READY);
            assertThat(low.paperLow()).isTrue();
            assertThat(low.drawer()).isEqualTo(PrinterStatus.DrawerState.OPEN);
            assertThat(low.message()).contains("paper running low");

            v.setCoverOpen(true);
            assertThat(p.status().message()).isEqualTo("Printer cover open — close it, then press Reprint");
        }
    }

    @Test
    void unreachablePrinterIsAStateNotAnException() throws IOException {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        try (EscPosPrinter p = EscPosPrinter.over(new TcpTransport("127.0.0.1", freePort, Duration.ofMillis(500)))) {
            assertThat(p.isAvailable()).isFalse();
            assertThat(p.status().state()).isEqualTo(PrinterStatus.State.UNREACHABLE);
            assertThat(p.status().message()).contains("not reachable");
        }
    }

    @Test
    void deviceFilePrinterIsOneWayAndWritesTheBytes(@TempDir Path dir) throws IOException {
        Path lp = dir.resolve("lp0");
        Files.createFile(lp);
        try (EscPosPrinter p = EscPosPrinter.over(new DeviceFileTransport(lp))) {
            assertThat(p.isAvailable()).isTrue();
            assertThat(p.status().state()).isEqualTo(PrinterStatus.State.UNKNOWN);

            assertThat(p.send(new byte[] {0x1B, '@', 'h', 'i', 0x0A}, 1)).isEqualTo(ReceiptPrinter.Delivery.WRITTEN_UNCONFIRMED);

            assertThat(Files.readAllBytes(lp)).containsExactly(0x1B, '@', 'h', 'i', 0x0A);
        }
        assertThat(new DeviceFileTransport(dir.resolve("missing/lp9")).isAvailable()).isFalse();
    }
}
