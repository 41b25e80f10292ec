package org.memoria.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;

/**
 * An OTLP/HTTP trace receiver on 127.0.0.1, standing in for a collector where the packaged services export their spans
 * ({@code quarkus.otel.exporter.otlp.traces.protocol=http/protobuf}). It reads the fields of
 * {@code ExportTraceServiceRequest} a test needs (opentelemetry-proto's trace and resource messages: the service name,
 * and each span's trace id, span id, parent span id, name and kind) straight from the protobuf wire format.
 */
final class OtlpReceiver implements AutoCloseable {

    /** A span as received: hex ids, {@code parentSpanId} empty for a root. Kind as in OTLP: 2 server, 3 client, 5 consumer. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, int kind) {
    }

    static final int SERVER = 2;
    static final int CLIENT = 3;
    static final int CONSUMER = 5;

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                spans.addAll(request(body.readAllBytes()));
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- the protobuf wire format, as far as these messages need it

    /** ExportTraceServiceRequest: 1 resource_spans. */
    static List<ReceivedSpan> request(byte[] message) {
        List<ReceivedSpan> found = new ArrayList<>();
        for (Field resourceSpans : fields(message)) {
            if (resourceSpans.number == 1) {
                resourceSpans(resourceSpans.bytes, found);
            }
        }
        return found;
    }

    /** ResourceSpans: 1 resource (1 attributes: KeyValue 1 key, 2 AnyValue 1 string_value), 2 scope_spans (2 spans). */
    private static void resourceSpans(byte[] message, List<ReceivedSpan> found) {
        String service = "";
        List<byte[]> spans = new ArrayList<>();
        for (Field f : fields(message)) {
            if (f.number == 1) {
                for (Field attribute : fields(f.bytes)) {
                    if (attribute.number == 1) {
                        String key = "";
                        String value = "";
                        for (Field kv : fields(attribute.bytes)) {
                            if (kv.number == 1) {
                                key = kv.text();
                            } else if (kv.number == 2) {
                                for (Field any : fields(kv.bytes)) {
                                    if (any.number == 1) {
                                        value = any.text();
                                    }
                                }
                            }
                        }
                        if (key.equals("service.name")) {
                            service = value;
                        }
                    }
                }
            } else if (f.number == 2) {
                for (Field scopeSpans : fields(f.bytes)) {
                    if (scopeSpans.number == 2) {
                        spans.add(scopeSpans.bytes);
                    }
                }
            }
        }
        for (byte[] span : spans) {
            String trace = "";
            String id = "";
            String parent = "";
            String name = "";
            int kind = 0;
            for (Field f : fields(span)) {
                switch (f.number) {
                    case 1 -> trace = HexFormat.of().formatHex(f.bytes);
                    case 2 -> id = HexFormat.of().formatHex(f.bytes);
                    case 4 -> parent = HexFormat.of().formatHex(f.bytes);
                    case 5 -> name = f.text();
                    case 6 -> kind = (int) f.varint;
                    default -> {
                    }
                }
            }
            found.add(new ReceivedSpan(service, trace, id, parent, name, kind));
        }
    }

    private record Field(int number, long varint, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static List<Field> fields(byte[] message) {
        List<Field> fields = new ArrayList<>();
        int[] at = { 0 };
        while (at[0] < message.length) {
            long tag = varint(message, at);
            int number = (int) (tag >>> 3);
            switch ((int) (tag & 7)) {
                case 0 -> fields.add(new Field(number, varint(message, at), new byte[0]));
                case 1 -> at[0] += 8;
                case 2 -> {
                    int length = (int) varint(message, at);
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream(length);
                    bytes.write(message, at[0], length);
                    at[0] += length;
                    fields.add(new Field(number, 0, bytes.toByteArray()));
                }
                case 5 -> at[0] += 4;
                default -> throw new IllegalArgumentException("unsupported wire type in field " + number);
            }
        }
        return fields;
    }

    private static long varint(byte[] message, int[] at) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = message[at[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("malformed varint");
    }
}
