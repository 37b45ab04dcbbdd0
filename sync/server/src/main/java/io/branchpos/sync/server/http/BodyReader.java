package io.branchpos.sync.server.http;

import io.branchpos.sync.protocol.ErrorCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Reads a request body with a hard size limit, before and after gzip inflation (no zip bombs). */
public final class BodyReader {

    private BodyReader() {
    }

    public static byte[] read(InputStream raw, String contentEncoding, long contentLength, int maxBytes) {
        if (contentLength > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try {
            InputStream in = raw;
            if (contentEncoding != null && contentEncoding.trim().equalsIgnoreCase("gzip")) {
                in = new GZIPInputStream(new LimitedInputStream(raw, maxBytes), 8192);
            } else if (contentEncoding != null && !contentEncoding.isBlank() && !contentEncoding.trim().equalsIgnoreCase("identity")) {
                throw new ApiException(415, ErrorCodes.INVALID_REQUEST, "Content-Encoding " + contentEncoding + " is not supported; use gzip or none");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (ZipException | java.io.EOFException e) {
            throw new ApiException(400, ErrorCodes.MALFORMED_JSON, "the gzip body is corrupt or truncated");
        } catch (IOException e) {
            throw new ApiException(400, ErrorCodes.INVALID_REQUEST, "the request body could not be read: " + e.getMessage());
        }
    }

    private static ApiException tooLarge(int maxBytes) {
        return new ApiException(413, ErrorCodes.BODY_TOO_LARGE, "the request body is larger than " + maxBytes
                + " bytes; send fewer events per batch");
    }

    private static final class LimitedInputStream extends java.io.FilterInputStream {
        private long remaining;
        private final int max;

        LimitedInputStream(InputStream in, int max) {
            super(in);
            this.remaining = max;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                remaining -= n;
                if (remaining < 0) {
                    throw tooLarge(max);
                }
            }
            return n;
        }
    }
}
