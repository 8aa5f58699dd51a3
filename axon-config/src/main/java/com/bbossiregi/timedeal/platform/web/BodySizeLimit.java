package com.bbossiregi.timedeal.platform.web;

import com.bbossiregi.timedeal.api.common.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies above {@link EdgeSettings#maxBodySize()} with 413 in the envelope. Ours because neither
 * Tomcat nor Spring limits a non-form body: Tomcat's {@code maxPostSize} covers form parameters only, and Jackson
 * would read any length into memory. A declared {@code Content-Length} is refused at once; a chunked body is counted
 * as it is read and refused when it passes the limit.
 */
final class BodySizeLimit extends OncePerRequestFilter {

    /** Thrown while a chunked body is read past the limit; the exception handler answers it 413. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("The request body is too large");
        }
    }

    private final long maxBytes;
    private final EnvelopeWriter envelope;

    BodySizeLimit(long maxBytes, EnvelopeWriter envelope) {
        this.maxBytes = maxBytes;
        this.envelope = envelope;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            envelope.write(response, HttpStatus.PAYLOAD_TOO_LARGE, ErrorCode.BAD_REQUEST,
                    "The request body is too large (at most " + maxBytes + " bytes)");
            return;
        }
        chain.doFilter(new Counted(request, maxBytes), response);
    }

    private static final class Counted extends HttpServletRequestWrapper {

        private final long maxBytes;
        private ServletInputStream counted;

        Counted(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (counted == null) {
                counted = new CountingStream(super.getInputStream(), maxBytes);
            }
            return counted;
        }
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long maxBytes;
        private long read;

        CountingStream(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) throws TooLarge {
            read += n;
            if (read > maxBytes) {
                throw new TooLarge();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
