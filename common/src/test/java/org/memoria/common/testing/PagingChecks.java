package org.memoria.common.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every list a running service serves (every GET of its OpenAPI document that takes {@code page}) refuses bad paging
 * the same way: a 400 problem naming the parameter, never the bare 404 JAX-RS gives for a value it cannot convert.
 * Shared by the owners' tests (the common test-jar); {@code {id}} in a path is a random id, as paging is read first.
 */
public final class PagingChecks {

    /** Each bad value, and the parameter the problem must name. */
    public static final List<Map.Entry<String, String>> BAD = List.of(Map.entry("page", "first"),
            Map.entry("page", "-1"), Map.entry("page", "1.5"), Map.entry("page", "21474837"),
            Map.entry("size", "0"), Map.entry("size", "101"), Map.entry("size", "abc"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** @param base the service's root, e.g. {@code http://localhost:8081} */
    public PagingChecks(String base) {
        this.base = base;
    }

    /** The paths of the served OpenAPI document whose GET takes a {@code page} parameter, sorted. */
    public List<String> pagedPaths() throws IOException, InterruptedException {
        JsonNode paths = JSON.readTree(get("/q/openapi?format=json").body()).path("paths");
        TreeSet<String> paged = new TreeSet<>();
        paths.fields().forEachRemaining(p -> p.getValue().path("get").path("parameters").forEach(parameter -> {
            if (parameter.path("name").asText().equals("page") && parameter.path("in").asText().equals("query")) {
                paged.add(p.getKey());
            }
        }));
        return List.copyOf(paged);
    }

    /** For each path and each {@link #BAD} value: what it answered, where that is not a 400 problem naming it. */
    public List<String> failures(List<String> paths) throws IOException, InterruptedException {
        List<String> failures = new ArrayList<>();
        for (String path : paths) {
            String concrete = path.replace("{id}", UUID.randomUUID().toString());
            for (var bad : BAD) {
                String request = concrete + "?" + bad.getKey() + "=" + bad.getValue();
                HttpResponse<String> answer = get(request);
                String type = answer.headers().firstValue("Content-Type").orElse("");
                String field = answer.statusCode() == 400 && type.startsWith("application/problem+json")
                        ? JSON.readTree(answer.body()).path("errors").path(0).path("field").asText()
                        : null;
                if (!bad.getKey().equals(field)) {
                    failures.add("GET " + request + " answered " + answer.statusCode() + " " + type + " "
                            + answer.body());
                }
            }
        }
        return failures;
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
