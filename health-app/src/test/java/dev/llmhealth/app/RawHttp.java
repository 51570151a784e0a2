package dev.llmhealth.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A bare TCP client that sends requests byte for byte as written (any version, any header, any
 * garbage) and reports exactly what came back and whether the server then closed the socket.
 * Every read has a timeout, so a server that never answers or never closes fails the test instead
 * of hanging it.
 */
final class RawHttp implements AutoCloseable {

    /** Generous: a loaded shared machine is slow, but a hang is a hang. */
    static final int READ_TIMEOUT_MILLIS = 10_000;
    /** CR LF CR LF as the last four bytes read. */
    private static final int BLANK_LINE = 0x0D0A0D0A;

    /** How reading to the end finished. */
    enum End { CLOSED_BY_SERVER, RESET_BY_SERVER, TIMED_OUT }

    /** One HTTP response as received. */
    record Response(String statusLine, int status, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Everything received up to the end of the stream, and how the stream ended. */
    record ToEnd(byte[] received, End end) {

        String text() {
            return new String(received, StandardCharsets.ISO_8859_1);
        }

        /** The received bytes as one response: its head, then everything after it as the body. */
        Response response() {
            int headEnd = indexOf(received, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (headEnd < 0) {
                throw new AssertionError("no complete HTTP response head in: " + text());
            }
            return parseHead(new String(received, 0, headEnd, StandardCharsets.ISO_8859_1),
                    Arrays.copyOfRange(received, headEnd + 4, received.length));
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static RawHttp connect(int port) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            return new RawHttp(socket);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** Sends one request over a fresh connection and reads until the server closes it. */
    static ToEnd exchange(int port, String request) {
        try (RawHttp http = connect(port)) {
            http.send(request);
            return http.readToEnd();
        }
    }

    void send(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /**
     * Sends as much of the text as the server takes: a server may stop reading and close while a
     * huge request is still being written, and what it answered before that is still to be read.
     */
    void sendAsMuchAsAccepted(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException closedWhileSending) {
            // the answer (if any) is read next
        }
    }

    /** Sends the bytes as they are; a server that closed while they were written is not an error here. */
    void sendAsMuchAsAccepted(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException closedWhileSending) {
            // the answer (if any) is read next
        }
    }

    /** Shuts the client's side down (a FIN): the server reads the end of the request, and can still answer. */
    void halfClose() {
        try {
            socket.shutdownOutput();
        } catch (IOException alreadyClosed) {
            // the server closed first: its answer (if any) is read next
        }
    }

    /** Drops the connection with an RST instead of a FIN, as a crashed client or a timed-out load balancer does. */
    void reset() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException alreadyClosed) {
            // closed anyway below
        }
        close();
    }

    /** Sends one byte at a time with a pause between, as a slow client or a congested link would. */
    void sendSlowly(String text, long pauseMillis) {
        for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
            try {
                out.write(b);
                out.flush();
                Thread.sleep(pauseMillis);
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", interrupted);
            }
        }
    }

    /** Reads one response framed by its {@code Content-Length}, leaving the connection open. */
    Response readResponse(boolean toHeadRequest) {
        try {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int lastFour = 0;
            while (lastFour != BLANK_LINE) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("connection closed before a complete response head: " + head);
                }
                head.write(b);
                lastFour = (lastFour << 8) | b;
            }
            String headText = head.toString(StandardCharsets.ISO_8859_1);
            Response withoutBody = parseHead(headText.substring(0, headText.length() - 4), new byte[0]);
            String contentLength = withoutBody.header("content-length");
            if (toHeadRequest || contentLength == null) {
                return withoutBody;
            }
            byte[] body = in.readNBytes(Integer.parseInt(contentLength.trim()));
            return parseHead(headText.substring(0, headText.length() - 4), body);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** Reads until the server closes (or resets) the connection, or the read timeout passes. */
    ToEnd readToEnd() {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    return new ToEnd(received.toByteArray(), End.CLOSED_BY_SERVER);
                }
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException stillOpen) {
            return new ToEnd(received.toByteArray(), End.TIMED_OUT);
        } catch (SocketException reset) {
            return new ToEnd(received.toByteArray(), End.RESET_BY_SERVER);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket: nothing to do about it
        }
    }

    private static Response parseHead(String head, byte[] body) {
        String[] lines = head.split("\r\n");
        String[] statusParts = lines[0].split(" ", 3);
        if (statusParts.length < 2 || !statusParts[0].startsWith("HTTP/")) {
            throw new AssertionError("not an HTTP status line: " + lines[0]);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) {
                throw new AssertionError("malformed response header: " + lines[i]);
            }
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return new Response(lines[0], Integer.parseInt(statusParts[1]), headers, body);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
