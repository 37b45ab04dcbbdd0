package io.branchpos.hardware.scan;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GS1 Digital Link URIs ({@code https://id.gs1.org/01/09506000134352/10/ABC?17=201231}): any host, the
 * primary key and qualifiers as path pairs, data attributes as numeric query parameters. Non-numeric query
 * parameters are ignored, as the standard allows.
 */
public final class DigitalLink {

    private DigitalLink() {
    }

    public static Gs1ElementString parse(String uriText) {
        URI uri;
        try {
            uri = new URI(uriText.trim());
        } catch (Exception e) {
            throw new ScanParseException("not a URI: '" + uriText + "'");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String[] segments = path.split("/");
        Map<String, String> values = new LinkedHashMap<>();
        // the key may sit behind a custom path prefix: find the first segment that is a primary key AI
        int start = -1;
        for (int i = 0; i < segments.length - 1; i++) {
            if (segments[i].equals("01") || segments[i].equals("00") || segments[i].equals("414")) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            throw new ScanParseException("no GS1 primary key (01) in '" + uriText + "'");
        }
        for (int i = start; i + 1 < segments.length; i += 2) {
            String ai = segments[i];
            String value = URLDecoder.decode(segments[i + 1], StandardCharsets.UTF_8);
            values.put(ai, ai.equals("01") ? pad14(value) : value);
        }
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).matches("\\d{2,4}")) {
                    values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        StringBuilder human = new StringBuilder();
        values.forEach((ai, v) -> human.append('(').append(ai).append(')').append(v));
        return Gs1Parser.parse(human.toString());
    }

    /** Builds a Digital Link for a GTIN with optional batch and serial, on the given resolver host. */
    public static String of(String resolver, Gs1ElementString data) {
        StringBuilder sb = new StringBuilder(resolver.endsWith("/") ? resolver.substring(0, resolver.length() - 1) : resolver);
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> e : data.values().entrySet()) {
            String ai = e.getKey();
            if (ai.equals("01") || ai.equals("10") || ai.equals("21") || ai.equals("22")) {
                sb.append('/').append(ai).append('/').append(java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            } else {
                query.append(query.length() == 0 ? '?' : '&').append(ai).append('=').append(e.getValue());
            }
        }
        return sb.append(query).toString();
    }

    private static String pad14(String gtin) {
        return gtin.length() < 14 ? "0".repeat(14 - gtin.length()) + gtin : gtin;
    }
}
