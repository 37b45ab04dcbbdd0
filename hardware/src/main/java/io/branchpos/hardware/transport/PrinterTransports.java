package io.branchpos.hardware.transport;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds a transport from the one-line form kept in the app settings:
 * <ul>
 *   <li>{@code tcp://192.168.1.50:9100} (port defaults to 9100; {@code ?connectTimeoutMs=3000})</li>
 *   <li>{@code serial:/dev/ttyUSB0?baud=19200&dataBits=8&parity=NONE&stopBits=1}, {@code serial:COM3}</li>
 *   <li>{@code file:/dev/usb/lp0}</li>
 *   <li>{@code spooler:Receipt Printer} (the OS queue name)</li>
 * </ul>
 */
public final class PrinterTransports {

    private PrinterTransports() {
    }

    public static PrinterTransport fromUri(String text) {
        String s = text.strip();
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("printer connection needs a scheme (tcp:, serial:, file:, spooler:): " + text);
        }
        String scheme = s.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
        String rest = s.substring(colon + 1);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0 && !scheme.equals("spooler")) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        Map<String, String> params = params(query);
        return switch (scheme) {
            case "tcp" -> {
                URI uri = URI.create("tcp:" + rest);
                if (uri.getHost() == null) {
                    throw new IllegalArgumentException("tcp printer needs a host: " + text);
                }
                yield new TcpTransport(uri.getHost(), uri.getPort() < 0 ? 9100 : uri.getPort(),
                        Duration.ofMillis(Long.parseLong(params.getOrDefault("connectTimeoutMs", "3000"))));
            }
            case "serial" -> new SerialTransport(new SerialSettings(rest,
                    Integer.parseInt(params.getOrDefault("baud", "9600")),
                    Integer.parseInt(params.getOrDefault("dataBits", "8")),
                    SerialSettings.Parity.valueOf(params.getOrDefault("parity", "NONE").toUpperCase(java.util.Locale.ROOT)),
                    Integer.parseInt(params.getOrDefault("stopBits", "1"))));
            case "file" -> new DeviceFileTransport(Path.of(rest));
            case "spooler" -> new SpoolerTransport(rest);
            default -> throw new IllegalArgumentException("unknown printer connection '" + scheme + "' in " + text);
        };
    }

    private static Map<String, String> params(String query) {
        Map<String, String> m = new HashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                m.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return m;
    }
}
