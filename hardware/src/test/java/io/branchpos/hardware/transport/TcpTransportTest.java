package io.branchpos.hardware.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TcpTransportTest {

    @Test
    void writeToAPrinterThatStopsReadingFailsInsteadOfHanging() throws IOException {
        // the kernel completes the handshake from the backlog; nobody ever reads, like a jammed printer
        try (ServerSocket jammed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TcpTransport t = new TcpTransport("127.0.0.1", jammed.getLocalPort(), Duration.ofSeconds(2), Duration.ofMillis(300));
            try {
                byte[] farMoreThanSocketBuffers = new byte[64 * 1024 * 1024];
                assertThatThrownBy(() -> t.write(farMoreThanSocketBuffers))
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("stopped taking data");
            } finally {
                t.close();
            }
        }
    }

    @Test
    void unreachableHostIsNotAvailableAndDoesNotThrow() throws IOException {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        assertThat(new TcpTransport("127.0.0.1", freePort, Duration.ofMillis(300)).isAvailable()).isFalse();
    }
}
