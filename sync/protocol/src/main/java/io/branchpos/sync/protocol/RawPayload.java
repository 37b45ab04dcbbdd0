package io.branchpos.sync.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An event's payload on the wire in either of two shapes (decision 0213): the journal's JSON text as
 * a JSON string (every client; escaped by the terminal, un-escaped by HQ), or the same text as a raw
 * JSON object inside the batch, byte for byte. HQ reads both into the same {@code String}, so the
 * hash chain (decision 0004) is computed over the same text whichever shape arrived.
 *
 * <p>A payload is written raw only when the writer asks for it ({@link ProtocolJson#writeRawPayloads})
 * and the text is one well-formed JSON object with nothing around it; anything else goes as a string.
 * A raw payload is read back only from a byte array HQ holds ({@link ProtocolJson#read(byte[], Class)}):
 * the text is the exact byte range of the object in the body.
 */
public final class RawPayload {

    /** Response header by which HQ says it reads raw payloads; a terminal sends them only after seeing it. */
    public static final String ACCEPTED_HEADER = "BranchPOS-Raw-Payloads";

    static final String WRITE_RAW = "io.branchpos.sync.protocol.RawPayload.write";
    static final String SOURCE = "io.branchpos.sync.protocol.RawPayload.source";
    /** Deeper payloads go as strings: the batch adds three levels to the reader's limit of 64. */
    private static final int MAX_RAW_DEPTH = 32;

    private RawPayload() {
    }

    /**
     * Whether the text may travel raw: starts with '{' and ends with its matching '}', is well-formed
     * JSON (no control characters in strings, no trailing tokens), not deeper than {@link #MAX_RAW_DEPTH},
     * and has no lone surrogate (which UTF-8 cannot carry byte for byte).
     */
    public static boolean canBeRaw(String text) {
        int n = text.length();
        if (n < 2 || text.charAt(0) != '{' || text.charAt(n - 1) != '}') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return false;
            }
        }
        try (JsonParser p = ProtocolJson.mapper().getFactory().createParser(text)) {
            int depth = 0;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    if (++depth > MAX_RAW_DEPTH) {
                        return false;
                    }
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    if (--depth == 0) {
                        return p.nextToken() == null;
                    }
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Writes the payload raw when asked for and possible, else as a JSON string. */
    public static final class Serializer extends JsonSerializer<String> {
        @Override
        public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (Boolean.TRUE.equals(provider.getAttribute(WRITE_RAW)) && canBeRaw(value)) {
                gen.writeRawValue(value);
            } else {
                gen.writeString(value);
            }
        }
    }

    /** Reads a payload of either shape into the journal's text. */
    public static final class Deserializer extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            if (t != JsonToken.START_OBJECT) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            Object source = ctxt.getAttribute(SOURCE);
            long start = p.currentTokenLocation().getByteOffset();
            if (!(source instanceof byte[] bytes) || start < 0) {
                return (String) ctxt.reportInputMismatch(String.class,
                        "a raw JSON payload can only be read from the request's bytes; send the payload as a string");
            }
            p.skipChildren();
            long end = p.currentLocation().getByteOffset();
            if (end <= start || end > bytes.length || bytes[(int) start] != '{' || bytes[(int) end - 1] != '}') {
                return (String) ctxt.reportInputMismatch(String.class, "a raw JSON payload could not be delimited");
            }
            return new String(bytes, (int) start, (int) (end - start), StandardCharsets.UTF_8);
        }
    }
}
