package io.branchpos.hardware.escpos;

import java.nio.charset.Charset;

/** Printer character tables we know, mapped to Java charsets. The ESC t number is per model: see {@link PrinterProfile}. */
public enum CodePage {
    CP437("IBM437"),
    CP850("IBM850"),
    CP852("IBM852"),
    CP858("IBM00858"),
    CP860("IBM860"),
    CP863("IBM863"),
    CP865("IBM865"),
    CP866("IBM866"),
    CP1251("windows-1251"),
    CP1252("windows-1252");

    private final String charsetName;

    CodePage(String charsetName) {
        this.charsetName = charsetName;
    }

    public Charset charset() {
        return Charset.forName(charsetName);
    }

    /** Whether every character of {@code text} exists in this table. */
    public boolean canEncode(CharSequence text) {
        return charset().newEncoder().canEncode(text);
    }
}
