package org.memoria.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sends {@link BadInput} cases to a running service and checks each answer as a client would: a 400 (or, for a
 * parameter, any 4xx the case names) of type {@code application/problem+json} whose {@code errors} name the bad
 * fields, and nothing stored: the collection's {@code total} is unchanged and an id written with PUT is still unknown.
 */
public final class BadInputCheck {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final String base;
    private final String authorization;

    /** @param authorization the Authorization header of every request (a token that may write) */
    public BadInputCheck(String baseUrl, String authorization) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authorization = authorization;
    }

    /** The service's OpenAPI document. */
    public JsonNode openapi() {
        return tree(send("GET", "/q/openapi?format=json", null).body());
    }

    /**
     * Sends every case as a POST to the collection and as a PUT under a new id.
     *
     * @return what went wrong, one line per failed expectation; empty when the service refused every case well
     */
    public List<String> rejectsBodies(String collection, List<BadInput.Case> cases) {
        List<String> failures = new ArrayList<>();
        String path = "/" + collection;
        long total = total(path);
        for (BadInput.Case c : cases) {
            check("POST " + path, c, send("POST", path, c.body()), failures);
            String id = UUID.randomUUID().toString();
            check("PUT " + path + "/{new id}", c, send("PUT", path + "/" + id, c.body()), failures);
            int stored = send("GET", path + "/" + id, null).statusCode();
            if (stored != 404) {
                failures.add("PUT " + path + "/{new id} " + c + ": then GET answered " + stored + ", not 404");
            }
            long after = total(path);
            if (after != total) {
                failures.add("POST " + path + " " + c + ": " + (after - total) + " entity stored");
                total = after;
            }
        }
        return failures;
    }

    /** Sends every parameter case (PUT and POST with an empty object as body). */
    public List<String> rejectsParameters(List<BadInput.ParameterCase> cases) {
        List<String> failures = new ArrayList<>();
        for (BadInput.ParameterCase c : cases) {
            byte[] body = c.method().equals("PUT") || c.method().equals("POST") ? "{}".getBytes() : null;
            HttpResponse<byte[]> answer = send(c.method(), c.path(), body, c.contentType());
            String problem = problem(answer, List.of(c.field()));
            if (problem != null) {
                failures.add(c + ": " + problem);
            }
        }
        return failures;
    }

    private void check(String request, BadInput.Case c, HttpResponse<byte[]> answer, List<String> failures) {
        if (answer.statusCode() != 400) {
            failures.add(request + " " + c + ": status " + answer.statusCode() + " " + excerpt(answer));
            return;
        }
        String problem = problem(answer, c.fields());
        if (problem != null) {
            failures.add(request + " " + c + ": " + problem);
        }
    }

    /** Why the answer is not a 4xx problem naming the fields, or null. */
    private String problem(HttpResponse<byte[]> answer, List<String> fields) {
        if (answer.statusCode() < 400 || answer.statusCode() >= 500) {
            return "status " + answer.statusCode() + " " + excerpt(answer);
        }
        String type = answer.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return "content type '" + type + "'";
        }
        JsonNode body;
        try {
            body = mapper.readTree(answer.body());
        } catch (IOException e) {
            return "a body that is not JSON: " + excerpt(answer);
        }
        List<String> named = new ArrayList<>();
        body.path("errors").forEach(e -> named.add(e.path("field").asText()));
        for (String field : fields) {
            if (!named.contains(field)) {
                return "the problem names " + named + ", not " + field + " (" + body.path("detail").asText() + ")";
            }
        }
        return null;
    }

    private long total(String path) {
        HttpResponse<byte[]> answer = send("GET", path + "?size=1", null);
        return tree(answer.body()).path("total").asLong(-1);
    }

    private JsonNode tree(byte[] json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + new String(json, java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }

    private HttpResponse<byte[]> send(String method, String path, byte[] body) {
        return send(method, path, body, "application/json");
    }

    private HttpResponse<byte[]> send(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String excerpt(HttpResponse<byte[]> answer) {
        String s = new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8);
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
