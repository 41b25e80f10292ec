package org.memoria.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Loads the sample archive (sample/archive.json) through the gateway's public API. Every entity is written with
 * PUT under an id derived from its key in the file ({@code If-None-Match: *}, or {@code If-Match} with the version
 * the archive shows when it exists), so loading twice changes nothing and duplicates nothing.
 */
public final class SampleLoader {

    public static final String RESOURCE = "/sample/archive.json";

    /** What a load did: entities written per collection, and the errors (each with the entity's key). */
    public record Result(Map<String, Integer> written, List<String> errors) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final String gateway;

    public SampleLoader(String gatewayUrl) {
        this.gateway = gatewayUrl;
    }

    /** The id the sample gives the entity with this key. */
    public static UUID idOf(String key) {
        return UUID.nameUUIDFromBytes(("memoria-sample:" + key).getBytes(StandardCharsets.UTF_8));
    }

    public static JsonNode archive() throws IOException {
        try (InputStream in = SampleLoader.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return new ObjectMapper().readTree(in);
        }
    }

    public Result load() throws IOException, InterruptedException {
        JsonNode archive = archive();
        List<String> errors = new ArrayList<>();
        Map<String, Integer> written = new java.util.LinkedHashMap<>();
        written.put("people", put("people", archive.path("people"), errors, node -> {
        }));
        written.put("events", put("events", archive.path("events"), errors, node -> {
            ArrayNode participants = mapper.createArrayNode();
            for (JsonNode p : node.path("participants")) {
                participants.addObject().put("personId", idOf(p.path("person").asText()).toString())
                        .put("role", p.path("role").asText());
            }
            node.set("participants", participants);
        }));
        written.put("sources", put("sources", archive.path("sources"), errors, node -> {
            ArrayNode authors = mapper.createArrayNode();
            for (JsonNode a : node.path("authors")) {
                authors.add(idOf(a.asText()).toString());
            }
            node.remove("authors");
            node.set("authorIds", authors);
        }));
        return new Result(written, errors);
    }

    private int put(String collection, JsonNode items, List<String> errors,
            java.util.function.Consumer<ObjectNode> adapt) throws IOException, InterruptedException {
        int count = 0;
        for (JsonNode item : items) {
            ObjectNode body = item.deepCopy();
            String key = body.remove("key").asText();
            adapt.accept(body);
            for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext();) {
                if (it.next().getValue().isNull()) {
                    it.remove();
                }
            }
            URI uri = URI.create(gateway + "/api/" + collection + "/" + idOf(key));
            String json = mapper.writeValueAsString(body);
            HttpResponse<String> r = put(uri, json, "If-None-Match", "*");
            // it exists: replace it with the version the archive shows (an identical replace changes nothing)
            for (int attempt = 0; r.statusCode() == 412 && attempt < 20; attempt++) {
                HttpResponse<String> current = http.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString());
                String etag = current.headers().firstValue("ETag").orElse(null);
                if (current.statusCode() != 200 || etag == null) {
                    Thread.sleep(50); // written by the owner, not projected yet
                    continue;
                }
                r = put(uri, json, "If-Match", etag);
            }
            if (r.statusCode() / 100 == 2) {
                count++;
            } else {
                errors.add(collection + "/" + key + ": " + r.statusCode() + " " + r.body());
            }
        }
        return count;
    }

    private HttpResponse<String> put(URI uri, String json, String condition, String value)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header(condition, value)
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the gateway's read model shows the last entity of each collection. */
    public void awaitProjected(Duration timeout) throws IOException, InterruptedException {
        JsonNode archive = archive();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String collection : List.of("people", "events", "sources")) {
            JsonNode items = archive.path(collection);
            if (items.isEmpty()) {
                continue;
            }
            URI uri = URI.create(gateway + "/api/" + collection + "/" + idOf(items.get(items.size() - 1).path("key").asText()));
            while (http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The gateway did not show " + uri + " within " + timeout);
                }
                Thread.sleep(50);
            }
        }
    }
}
