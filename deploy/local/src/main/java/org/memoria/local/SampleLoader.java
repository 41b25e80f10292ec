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
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Loads the sample archive ({@code sample/<collection>.json}) through the gateway's public API. Every entity is written with
 * PUT under an id derived from its key in the file ({@code If-None-Match: *}, or {@code If-Match} with the version
 * the archive shows when it exists), so loading twice changes nothing and duplicates nothing.
 */
public final class SampleLoader {

    /** The collections of the sample, in load order (what an entry references is loaded before it, where it can be). */
    public static final List<String> COLLECTIONS = List.of("organisations", "people", "memberships", "relations",
            "places", "events", "sources", "citations", "claims");

    /** What a load did: entities written per collection, and the errors (each with the entity's key). */
    public record Result(Map<String, Integer> written, List<String> errors) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final String gateway;
    private final String token;

    /** @param token a bearer token that may write (an archivist's); revisions name its subject */
    public SampleLoader(String gatewayUrl, String token) {
        this.gateway = gatewayUrl;
        this.token = token;
    }

    /** The id the sample gives the entity with this key. */
    public static UUID idOf(String key) {
        return UUID.nameUUIDFromBytes(("memoria-sample:" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The entries of one collection ({@code sample/<collection>.json}); empty if the sample has none. */
    public static JsonNode entries(String collection) throws IOException {
        try (InputStream in = SampleLoader.class.getResourceAsStream("/sample/" + collection + ".json")) {
            return in == null ? new ObjectMapper().createArrayNode() : new ObjectMapper().readTree(in);
        }
    }

    public Result load() throws IOException, InterruptedException {
        List<String> errors = new ArrayList<>();
        Map<String, Integer> written = new java.util.LinkedHashMap<>();
        for (String collection : COLLECTIONS) {
            JsonNode entries = entries(collection);
            if (!entries.isEmpty()) {
                written.put(collection, put(collection, entries, errors));
            }
        }
        return new Result(written, errors);
    }

    /**
     * The request body of an entry: {@code key} removed (it names the entity), every {@code xKey} field turned into
     * {@code xId} and every {@code xKeys} into {@code xIds} with the ids the keys stand for, at any depth; a nested
     * {@code key} (as in {@code {"kind": "PERSON", "key": "leon-trotsky"}}) becomes {@code id}; nulls are dropped.
     */
    public static JsonNode body(JsonNode entry, boolean top) {
        if (entry.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            entry.forEach(e -> out.add(body(e, false)));
            return out;
        }
        if (!entry.isObject()) {
            return entry;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = entry.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull() || (top && name.equals("key"))) {
                continue;
            }
            if (name.equals("key")) {
                out.put("id", idOf(value.asText()).toString());
            } else if (name.endsWith("Keys") && value.isArray()) {
                ArrayNode ids = out.putArray(name.substring(0, name.length() - 4) + "Ids");
                value.forEach(k -> ids.add(idOf(k.asText()).toString()));
            } else if (name.endsWith("Key") && value.isTextual()) {
                out.put(name.substring(0, name.length() - 3) + "Id", idOf(value.asText()).toString());
            } else {
                out.set(name, body(value, false));
            }
        }
        return out;
    }

    private int put(String collection, JsonNode entries, List<String> errors) throws IOException, InterruptedException {
        int count = 0;
        for (JsonNode entry : entries) {
            String key = entry.path("key").asText();
            URI uri = URI.create(gateway + "/api/" + collection + "/" + idOf(key));
            String json = mapper.writeValueAsString(body(entry, true));
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
        HttpResponse<String> answer = send(uri, json, condition, value);
        for (int attempt = 0; answer.statusCode() == 429 && attempt < 30; attempt++) {
            // over the rate limit: come back when the gateway says
            Thread.sleep(1000L * answer.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L));
            answer = send(uri, json, condition, value);
        }
        return answer;
    }

    private HttpResponse<String> send(URI uri, String json, String condition, String value)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .header(condition, value)
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Whether the archive already shows the sample: the last entry of each collection (they are written in order, so
     * an interrupted load shows as not loaded).
     */
    public boolean isLoaded() throws IOException, InterruptedException {
        for (String collection : COLLECTIONS) {
            JsonNode entries = entries(collection);
            if (entries.isEmpty()) {
                continue;
            }
            URI uri = URI.create(gateway + "/api/" + collection + "/" + idOf(entries.get(entries.size() - 1).path("key").asText()));
            if (http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                return false;
            }
        }
        return true;
    }

    /** Waits until the gateway's read model shows the last entry of each collection. */
    public void awaitProjected(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String collection : COLLECTIONS) {
            JsonNode entries = entries(collection);
            if (entries.isEmpty()) {
                continue;
            }
            URI uri = URI.create(gateway + "/api/" + collection + "/" + idOf(entries.get(entries.size() - 1).path("key").asText()));
            while (http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The gateway did not show " + uri + " within " + timeout);
                }
                Thread.sleep(50);
            }
        }
    }
}
