package io.branchpos.hardware.escpos;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What a printer model can do: paper width in dots, characters per line (font A), the code pages it has with
 * their ESC t numbers, and which commands it supports natively. Loaded from a properties file (see
 * {@code profiles/*.properties}); the desktop may also build one from settings.
 */
public record PrinterProfile(String id, String name, int dotsPerLine, int charsPerLine, Map<CodePage, Integer> codePages,
                             boolean nativeQr, boolean nativeBarcode, boolean cutter, boolean drawer, boolean realtimeStatus) {

    public PrinterProfile {
        codePages = Collections.unmodifiableMap(new LinkedHashMap<>(codePages));
        if (dotsPerLine <= 0 || dotsPerLine % 8 != 0 || charsPerLine <= 0) {
            throw new IllegalArgumentException("dotsPerLine must be a positive multiple of 8 and charsPerLine positive");
        }
    }

    /** 80 mm paper, 576 dots, 48 characters. */
    public static PrinterProfile generic80mm() {
        return load("generic-80mm");
    }

    /** 58 mm paper, 384 dots, 32 characters. */
    public static PrinterProfile generic58mm() {
        return load("generic-58mm");
    }

    /** A bundled profile by id ({@code generic-80mm}, {@code generic-58mm}, {@code basic-58mm}). */
    public static PrinterProfile load(String id) {
        try (InputStream in = PrinterProfile.class.getResourceAsStream("profiles/" + id + ".properties")) {
            if (in == null) {
                throw new IllegalArgumentException("no printer profile '" + id + "'");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return fromProperties(id, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PrinterProfile fromProperties(String id, Properties p) {
        Map<CodePage, Integer> pages = new LinkedHashMap<>();
        for (String entry : p.getProperty("codePages", "CP437:0").split(",")) {
            String[] kv = entry.trim().split(":");
            pages.put(CodePage.valueOf(kv[0].trim()), Integer.parseInt(kv[1].trim()));
        }
        return new PrinterProfile(id, p.getProperty("name", id),
                Integer.parseInt(p.getProperty("dotsPerLine").trim()), Integer.parseInt(p.getProperty("charsPerLine").trim()),
                pages, flag(p, "nativeQr"), flag(p, "nativeBarcode"), flag(p, "cutter"), flag(p, "drawer"),
                flag(p, "realtimeStatus"));
    }

    /** Dots per character cell of font A. */
    public int cellWidth() {
        return dotsPerLine / charsPerLine;
    }

    /** The code page whose ESC t number is {@code n}, if this profile has it. */
    public CodePage codePageNumbered(int n) {
        for (Map.Entry<CodePage, Integer> e : codePages.entrySet()) {
            if (e.getValue() == n) {
                return e.getKey();
            }
        }
        return null;
    }

    public PrinterProfile withNativeQr(boolean value) {
        return new PrinterProfile(id, name, dotsPerLine, charsPerLine, codePages, value, nativeBarcode, cutter, drawer,
                realtimeStatus);
    }

    public PrinterProfile withNativeBarcode(boolean value) {
        return new PrinterProfile(id, name, dotsPerLine, charsPerLine, codePages, nativeQr, value, cutter, drawer,
                realtimeStatus);
    }

    private static boolean flag(Properties p, String key) {
        return Boolean.parseBoolean(p.getProperty(key, "false").trim());
    }
}
