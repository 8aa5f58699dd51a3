package com.bbossiregi.timedeal.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client will send (a bad request line, NUL or non-ASCII bytes in a
 * header, bad percent-encoding, oversized headers, odd methods). One request per connection.
 */
final class RawHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Response(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The body as JSON, or null when it is not JSON. */
        JsonNode json() {
            try {
                return body.isBlank() ? null : JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }
    }

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /**
     * Sends the bytes as they are; the caller writes the request line and headers, without the final blank line.
     * A server that answers before reading the whole request and then closes may have its answer reset away on the
     * way back (TCP drops unread data on a reset): an attempt that got no byte at all is made again, up to three
     * times, so that only a server that never answers fails the caller.
     */
    Response send(byte[] head, byte[] body) {
        IllegalStateException lastEmpty = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return sendOnce(head, body);
            } catch (NoAnswer e) {
                lastEmpty = e;
            }
        }
        throw lastEmpty;
    }

    /** The connection ended before a single byte of an answer came back. */
    static final class NoAnswer extends IllegalStateException {
        NoAnswer(Throwable cause) {
            super("No answer at all", cause);
        }
    }

    private Response sendOnce(byte[] head, byte[] body) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            // One write: a request sent in pieces gives a server that answers after the head and closes the time
            // to do so before the body arrives, and the body then resets the connection with the answer unread.
            java.io.ByteArrayOutputStream request = new java.io.ByteArrayOutputStream();
            request.write(head);
            request.write("\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                request.write(body);
            }
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (java.net.SocketException refusedEarly) {
                // The server answered and closed before reading all of it (a bad request line, say): read the answer.
            }
            byte[] answer;
            try {
                answer = readAll(socket.getInputStream());
            } catch (java.net.SocketException reset) {
                throw new NoAnswer(reset);
            }
            if (answer.length == 0) {
                throw new NoAnswer(null);
            }
            return parse(answer);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Response send(String head, String body) {
        return send(head.getBytes(StandardCharsets.ISO_8859_1), body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (java.net.SocketException e) {
            // The server may reset the connection after its answer when it did not read the whole request.
            if (all.size() == 0) {
                throw e;
            }
        }
        return all.toByteArray();
    }

    static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IllegalStateException("No complete HTTP answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < chunked.length) {
            int lineEnd = indexOf(chunked, i);
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(chunked, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = Integer.parseInt(sizeText, 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            i = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
