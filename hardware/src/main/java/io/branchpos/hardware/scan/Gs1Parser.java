package io.branchpos.hardware.scan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses GS1 element strings as scanners send them: raw with GS (FNC1) separators, optionally behind an
 * AIM symbology identifier ({@code ]C1}, {@code ]e0}, {@code ]Q3}, {@code ]d2}), or the human-readable
 * form with parentheses.
 */
public final class Gs1Parser {

    /** How an AI's value is delimited. */
    record AiDefinition(int aiLength, boolean fixed, int length) {
    }

    private static final Pattern HUMAN_READABLE = Pattern.compile("\\((\\d{2,4})\\)([^(]*)");

    private Gs1Parser() {
    }

    /** Parses an element string; throws {@link ScanParseException} with a readable reason if it is not one. */
    public static Gs1ElementString parse(String input) {
        String s = input;
        if (s.startsWith("]") && s.length() >= 3) {
            s = s.substring(3);
        }
        while (!s.isEmpty() && s.charAt(0) == Gs1ElementString.GS) {
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            throw new ScanParseException("empty GS1 element string");
        }
        Map<String, String> values = s.startsWith("(") ? parseHumanReadable(s) : parseRaw(s);
        for (Map.Entry<String, String> e : values.entrySet()) {
            validate(e.getKey(), e.getValue());
        }
        return new Gs1ElementString(values);
    }

    private static Map<String, String> parseRaw(String s) {
        Map<String, String> values = new LinkedHashMap<>();
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) == Gs1ElementString.GS) {
                i++;
                continue;
            }
            AiDefinition def = definitionAt(s, i);
            String ai = s.substring(i, i + def.aiLength());
            i += def.aiLength();
            String value;
            if (def.fixed()) {
                if (i + def.length() > s.length()) {
                    throw new ScanParseException("AI (" + ai + ") needs " + def.length() + " characters");
                }
                value = s.substring(i, i + def.length());
                i += def.length();
            } else {
                int end = s.indexOf(Gs1ElementString.GS, i);
                end = end < 0 ? s.length() : end;
                value = s.substring(i, end);
                if (value.isEmpty() || value.length() > def.length()) {
                    throw new ScanParseException("AI (" + ai + ") value must have 1.." + def.length() + " characters, got "
                            + value.length());
                }
                i = end;
            }
            if (values.putIfAbsent(ai, value) != null) {
                throw new ScanParseException("AI (" + ai + ") appears twice");
            }
        }
        return values;
    }

    private static Map<String, String> parseHumanReadable(String s) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = HUMAN_READABLE.matcher(s);
        int pos = 0;
        while (m.find()) {
            if (m.start() != pos) {
                throw new ScanParseException("unexpected text in '" + s + "'");
            }
            AiDefinition def = definitionAt(m.group(1), 0);
            if (def.aiLength() != m.group(1).length()) {
                throw new ScanParseException("unknown AI (" + m.group(1) + ")");
            }
            values.put(m.group(1), m.group(2));
            pos = m.end();
        }
        if (pos != s.length()) {
            throw new ScanParseException("unexpected text in '" + s + "'");
        }
        return values;
    }

    private static void validate(String ai, String value) {
        AiDefinition def = definitionOf(ai);
        if (def.fixed() && value.length() != def.length()) {
            throw new ScanParseException("AI (" + ai + ") needs " + def.length() + " characters, got " + value.length());
        }
        boolean numeric = !(ai.equals("10") || ai.equals("21") || ai.equals("22") || ai.startsWith("24") || ai.startsWith("25")
                || ai.equals("400") || ai.equals("401") || ai.equals("403") || ai.equals("420") || ai.startsWith("8200"));
        if (numeric && !CheckDigits.allDigits(value)) {
            throw new ScanParseException("AI (" + ai + ") must be numeric, got '" + value + "'");
        }
        if ((ai.equals("01") || ai.equals("02")) && !CheckDigits.isValidGs1(value)) {
            throw new ScanParseException("GTIN check digit wrong in (" + ai + ")" + value);
        }
        if (ai.length() == 2 && ai.charAt(0) == '1' && ai.charAt(1) != '0') {
            int mm = Integer.parseInt(value.substring(2, 4));
            int dd = Integer.parseInt(value.substring(4, 6));
            if (mm < 1 || mm > 12 || dd > 31) {
                throw new ScanParseException("AI (" + ai + ") is not a date: " + value);
            }
        }
    }

    /** The definition of the AI starting at {@code pos}, or a {@link ScanParseException} for an unknown AI. */
    static AiDefinition definitionAt(String s, int pos) {
        if (pos + 2 > s.length() || !Character.isDigit(s.charAt(pos)) || !Character.isDigit(s.charAt(pos + 1))) {
            throw new ScanParseException("expected an application identifier at position " + pos);
        }
        String two = s.substring(pos, pos + 2);
        AiDefinition def = table(two);
        if (def == null || pos + def.aiLength() > s.length()) {
            throw new ScanParseException("unknown or truncated application identifier starting '" + two + "'");
        }
        return def;
    }

    static AiDefinition definitionOf(String ai) {
        AiDefinition def = table(ai.substring(0, 2));
        if (def == null || def.aiLength() != ai.length()) {
            throw new ScanParseException("unknown AI (" + ai + ")");
        }
        return def;
    }

    // A pragmatic subset of the GS1 AI table, keyed by the first two digits (which fix the AI length).
    private static AiDefinition table(String two) {
        return switch (two) {
            case "00" -> new AiDefinition(2, true, 18);
            case "01", "02", "03" -> new AiDefinition(2, true, 14);
            case "11", "12", "13", "15", "16", "17" -> new AiDefinition(2, true, 6);
            case "20" -> new AiDefinition(2, true, 2);
            case "10", "21", "22" -> new AiDefinition(2, false, 20);
            case "30", "37" -> new AiDefinition(2, false, 8);
            case "24", "25" -> new AiDefinition(3, false, 30);
            case "31", "32", "33", "34", "35", "36" -> new AiDefinition(4, true, 6);
            case "39" -> new AiDefinition(4, false, 15);
            case "40" -> new AiDefinition(3, false, 30);
            case "41" -> new AiDefinition(3, true, 13);
            case "42" -> new AiDefinition(3, false, 20);
            case "82" -> new AiDefinition(4, false, 70);
            default -> null;
        };
    }
}
