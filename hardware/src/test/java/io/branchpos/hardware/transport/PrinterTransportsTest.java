package io.branchpos.hardware.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrinterTransportsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            tcp://192.168.1.50:9100                 | tcp://192.168.1.50:9100         | true
            tcp://printer.local                     | tcp://printer.local:9100        | true
            serial:/dev/ttyUSB0?baud=19200          | serial:/dev/ttyUSB0@19200       | true
            serial:COM3                             | serial:COM3@9600                | true
            file:/dev/usb/lp0                       | file:/dev/usb/lp0               | false
            spooler:Receipt Printer                 | spooler:Receipt Printer         | false
            """)
    void settingsLineBuildsTheTransport(String setting, String described, boolean twoWay) {
        PrinterTransport t = PrinterTransports.fromUri(setting);

        assertThat(t.describe()).isEqualTo(described);
        assertThat(t.isTwoWay()).isEqualTo(twoWay);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            192.168.1.50     | needs a scheme
            usb:/dev/lp0     | unknown printer connection
            tcp://:9100      | needs a host
            """)
    void badSettingsSayWhatIsWrong(String setting, String message) {
        assertThatThrownBy(() -> PrinterTransports.fromUri(setting)).hasMessageContaining(message);
    }
}
