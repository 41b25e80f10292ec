package org.memoria.gateway.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.WebApplicationException;

import org.memoria.common.http.RequestLimits;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * An upload's records, read one at a time as the body streams in, so that what is held is one record, never the
 * file: the lines of an NDJSON file, or the {@code records} of a JSON document. Each comes with its line: its line in
 * the file (blank lines count), or its position in {@code records}, both from 1.
 */
abstract sealed class Upload permits Upload.Ndjson, Upload.Document {

    /** A record read, or rejected as it was read, with its line. */
    record Numbered(long line, ImportFormat.Line read) {
    }

    final ObjectMapper json;
    final String namespace;
    long number;

    private Upload(ObjectMapper json, String namespace) {
        this.json = json;
        this.namespace = namespace;
    }

    /** The next record, or null after the last. */
    abstract Numbered next() throws IOException;

    /** One record a line. The body may have at most {@code maxBytes} bytes. */
    static Upload ndjson(ObjectMapper json, String namespace, InputStream body, long maxBytes) {
        return new Ndjson(json, namespace, body, maxBytes);
    }

    /** One JSON document {@code {"records": […]}}, held to the request body limit before it gets here. */
    static Upload document(ObjectMapper json, String namespace, InputStream body) throws IOException {
        return new Document(json, namespace, body);
    }

    /** 413, nothing stored: the upload is too large. */
    static WebApplicationException tooLarge(String detail) {
        return new WebApplicationException(Problems.response(new Problem(Problem.TYPE_BASE + "import-too-large",
                "Import too large", 413, detail + "; split it into several imports. Nothing was stored", null,
                null)));
    }

    void count() {
        if (++number > ImportJobs.MAX_LINES) {
            throw tooLarge("An import may have at most " + ImportJobs.MAX_LINES + " records");
        }
    }

    static final class Ndjson extends Upload {

        private final InputStream body;
        private final long maxBytes;
        private final byte[] buffer = new byte[64 * 1024];
        private int at;
        private int end;
        private long bytes;
        private boolean ended;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        private Ndjson(ObjectMapper json, String namespace, InputStream body, long maxBytes) {
            super(json, namespace);
            this.body = body;
            this.maxBytes = maxBytes;
        }

        @Override
        Numbered next() throws IOException {
            while (true) {
                boolean tooLong = false;
                boolean any = false;
                line.reset();
                while (true) {
                    if (at == end && !fill()) {
                        break;
                    }
                    any = true;
                    byte b = buffer[at++];
                    if (b == '\n') {
                        break;
                    }
                    if (line.size() < ImportJobs.MAX_LINE_BYTES) {
                        line.write(b);
                    } else {
                        tooLong = true;
                    }
                }
                if (!any) {
                    return null;
                }
                count();
                if (tooLong) {
                    return new Numbered(number, new ImportFormat.Line(null, null, null, null, false, null, null)
                            .reject(null, "longer than " + ImportJobs.MAX_LINE_BYTES + " bytes"));
                }
                String text = line.toString(StandardCharsets.UTF_8).strip();
                if (!text.isEmpty()) {
                    return new Numbered(number, ImportFormat.read(json, namespace, text));
                }
            }
        }

        /** Reads more of the body; false at its end. */
        private boolean fill() throws IOException {
            if (ended) {
                return false;
            }
            int n = body.read(buffer);
            if (n < 0) {
                ended = true;
                return false;
            }
            bytes += n;
            if (bytes > maxBytes) {
                throw tooLarge("An NDJSON import may have at most " + maxBytes + " bytes (" + RequestLimits.size(maxBytes)
                        + ", memoria.imports.max-upload-size)");
            }
            at = 0;
            end = n;
            return true;
        }
    }

    static final class Document extends Upload {

        private final JsonParser parser;
        /** Reads one record at the parser, leaving the rest of the document to it. */
        private final ObjectReader trees;
        private boolean started;
        private boolean inRecords;
        private boolean sawRecords;

        private Document(ObjectMapper json, String namespace, InputStream body) throws IOException {
            super(json, namespace);
            this.parser = json.createParser(body);
            this.trees = json.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        }

        @Override
        Numbered next() throws IOException {
            try {
                if (!started) {
                    started = true;
                    if (parser.nextToken() != JsonToken.START_OBJECT) {
                        throw invalid("records", "is required: the body must be a JSON object {\"records\": [ … ]}");
                    }
                }
                while (true) {
                    if (inRecords) {
                        JsonToken token = parser.nextToken();
                        if (token == null) {
                            throw invalid("records", "ends before its closing ]");
                        }
                        if (token != JsonToken.END_ARRAY) {
                            JsonNode record = trees.readTree(parser);
                            count();
                            return new Numbered(number, ImportFormat.read(namespace, record));
                        }
                        inRecords = false;
                        continue;
                    }
                    JsonToken token = parser.nextToken();
                    if (token == JsonToken.END_OBJECT) {
                        if (!sawRecords) {
                            throw invalid("records", "is required: an array of records {kind, key, data}");
                        }
                        if (parser.nextToken() != null) {
                            throw invalid("records", "the document must end after its closing }");
                        }
                        return null;
                    }
                    if (token != JsonToken.FIELD_NAME) {
                        throw invalid("records", "the document ends before its closing }");
                    }
                    String name = parser.currentName();
                    if (!name.equals("records")) {
                        throw invalid(name, "is not a field of an import document (records)");
                    }
                    if (sawRecords) {
                        throw invalid("records", "is given twice");
                    }
                    if (parser.nextToken() != JsonToken.START_ARRAY) {
                        throw invalid("records", "must be an array of records {kind, key, data}");
                    }
                    sawRecords = true;
                    inRecords = true;
                }
            } catch (JsonProcessingException e) {
                throw invalid(inRecords ? "records[" + number + "]" : "records", "not JSON: " + e.getOriginalMessage());
            }
        }

        private static BadRequestException invalid(String field, String reason) {
            return new BadRequestException(Problems.badRequest(null, field, reason));
        }
    }
}
