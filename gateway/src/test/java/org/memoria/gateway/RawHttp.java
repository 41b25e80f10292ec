package org.memoria.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests written byte by byte on their own connection, for what an HTTP client library will not send: a head that
 * declares a body it does not send, or a chunked body that goes on while the answer is read (a server may answer and
 * close before it has read it all).
 */
final class RawHttp {

    private RawHttp() {
    }

    /** An answer: its status, head, Content-Type and body (de-chunked). */
    record Answer(int status, String head, String contentType, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return head + "\n" + text();
        }
    }

    /** The request head as written ({@code \n} between lines; Host and Connection: close are added), then the body. */
    static Answer send(int port, String head, byte[] body) throws IOException {
        try (Socket socket = open(port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head(head).getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /**
     * The request head with {@code Transfer-Encoding: chunked}, then {@code chunks} chunks of {@code chunk} bytes
     * each, written by another thread while this one reads the answer; the writer stops when the server closes.
     * {@code sent} counts the bytes of body it wrote.
     */
    static Answer sendChunked(int port, String head, byte[] chunk, int chunks, AtomicLong sent) throws Exception {
        try (Socket socket = open(port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head(head + "\nTransfer-Encoding: chunked").getBytes(StandardCharsets.UTF_8));
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < chunks; i++) {
                        out.write(size);
                        out.write(chunk);
                        out.write(crlf);
                        sent.addAndGet(chunk.length);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // the server stopped reading and closed: what it answered is read below
                }
            });
            Answer answer = read(socket.getInputStream());
            writer.join(30_000);
            return answer;
        }
    }

    private static Socket open(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(60_000);
        return socket;
    }

    private static String head(String head) {
        return head.replace("\n", "\r\n") + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    }

    /** Reads the answer: its head, then a body of its Content-Length, a chunked one, or one up to the close. */
    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int end = -1;
        while (end < 0) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("closed before an answer: " + received.toString(StandardCharsets.ISO_8859_1));
            }
            received.write(buffer, 0, n);
            end = received.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
        }
        byte[] all = received.toByteArray();
        String head = new String(all, 0, end, StandardCharsets.ISO_8859_1);
        String lower = head.toLowerCase(Locale.ROOT);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(all, end + 4, all.length - end - 4);
        long length = lower.lines().filter(l -> l.startsWith("content-length:"))
                .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).strip())).findFirst().orElse(-1);
        boolean chunked = lower.contains("transfer-encoding: chunked");
        try {
            while (length < 0 || body.size() < length) {
                if (chunked && endsChunks(body.toByteArray())) {
                    break;
                }
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                body.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // reset after the answer: the server closed with the request's body unread
        }
        int status = Integer.parseInt(head.split(" ")[1]);
        String contentType = lower.lines().filter(l -> l.startsWith("content-type:"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("");
        byte[] bytes = body.toByteArray();
        return new Answer(status, head, contentType, chunked ? dechunk(bytes) : length >= 0
                ? Arrays.copyOf(bytes, (int) Math.min(length, bytes.length)) : bytes);
    }

    private static boolean endsChunks(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1).endsWith("0\r\n\r\n");
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < chunked.length) {
            int eol = i;
            while (eol + 1 < chunked.length && !(chunked[eol] == '\r' && chunked[eol + 1] == '\n')) {
                eol++;
            }
            int size = Integer.parseInt(new String(chunked, i, eol - i, StandardCharsets.US_ASCII).strip(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, eol + 2, Math.min(size, chunked.length - eol - 2));
            i = eol + 2 + size + 2;
        }
        return out.toByteArray();
    }
}
