package org.memoria.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.memoria.local.BadInput;
import org.memoria.local.LocalStack;
import org.memoria.local.LocalStack.Service;
import org.memoria.local.SampleLoader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Fuzzes the packaged platform with bad requests derived from its OpenAPI documents: the gateway's and each
 * owner's operations, every body field and parameter ({@link BadInput}, each expected to be a 400 naming the field),
 * then random mutations of valid bodies (the sample archive's) and of parameters, bytes and headers, from a seed
 * ({@code -Dfuzz.seed}; {@code -Dfuzz.requests} sets how many in all). Then: no answer is a 5xx, every error is
 * {@code application/problem+json} with a body, the read model still advances, and of every rejected write nothing
 * is stored (each body carries a marker with its request's number; the owners' lists must show only accepted ones).
 */
class BadInputFuzzIT {

    private static final long SEED = Long.getLong("fuzz.seed", 19_400_524L);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_500);
    private static final Duration PROJECTED = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MARKER = "FZ" + SEED + "N";
    private static final Pattern MARKED = Pattern.compile(MARKER + "(\\d+)Q");

    private static PackagedStack run;
    private static LocalStack stack;
    private static String token;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private static Duration startup;

    @BeforeAll
    static void start() throws Exception {
        long started = System.nanoTime();
        // one caller sends thousands of requests: no rate limit
        run = PackagedStack.start("fuzz", options -> options
                .withConfig(Map.of("memoria.security.rate-limit.enabled", "false")));
        stack = run.stack();
        token = "Bearer " + stack.tokens().admin("fuzz"); // admin: every operation, the admin ones too
        SampleLoader loader = new SampleLoader(stack.url(Service.GATEWAY), stack.tokens().archivist("memoria-sample"));
        assertEquals(List.of(), loader.load().errors()); // its ids make references in the valid bodies resolve
        startup = Duration.ofNanos(System.nanoTime() - started);
    }

    @AfterAll
    static void stop() throws Exception {
        if (run != null) {
            run.close();
        }
    }

    /** One request of the run; {@code expected} names the fields a 400 must name (null: any answer but a 5xx). */
    record Probe(int n, String url, String method, Map<String, String> headers, byte[] body, List<String> expected,
            String what) {
    }

    record Outcome(int status, String contentType, byte[] body) {
    }

    /** A write of one service: where, which schema, and the valid bodies of its collection from the sample. */
    record Write(String base, String path, String schema, String collection) {
    }

    @Test
    void badRequestsAreRefusedAsProblemsAndStoreNothing() throws Exception {
        long started = System.nanoTime();
        Random random = new Random(SEED);
        List<Probe> probes = new ArrayList<>();
        List<Write> writes = new ArrayList<>();
        List<String[]> reads = new ArrayList<>(); // base, path template (GET operations)
        Map<String, BadInput> documents = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            String base = stack.url(service);
            JsonNode openapi = get(base + "/q/openapi?format=json");
            BadInput badInput = new BadInput(openapi);
            documents.put(base, badInput);
            openapi.path("paths").properties().forEach(path -> {
                JsonNode post = path.getValue().path("post");
                String schema = post.path("requestBody").path("content").path("application/json").path("schema")
                        .path("$ref").asText("");
                // an entity collection: created by POST, and by PUT to a new id (webhook subscriptions are not)
                if (!schema.isEmpty() && openapi.path("paths").path(path.getKey() + "/{id}").has("put")) {
                    String collection = path.getKey().substring(path.getKey().lastIndexOf('/') + 1);
                    writes.add(new Write(base, path.getKey(), schema.substring(schema.lastIndexOf('/') + 1),
                            collection));
                }
                if (path.getValue().has("get")) {
                    reads.add(new String[] { base, path.getKey() });
                }
            });
            // every parameter of every operation, each bad in its own way
            for (BadInput.ParameterCase c : badInput.parameterCases(sampleId(random))) {
                // one fault per request: a write whose parameter is bad otherwise sends what it should, a body of the
                // type the operation takes
                boolean write = c.method().equals("PUT") || c.method().equals("POST");
                probes.add(new Probe(probes.size(), base + c.path(), c.method(),
                        write ? Map.of("Content-Type", c.contentType()) : Map.of(),
                        write ? "{}".getBytes(StandardCharsets.UTF_8) : null, List.of(c.field()), c.toString()));
            }
            probes.addAll(http(base + switch (service) {
                case PEOPLE -> "/people";
                case EVENTS -> "/events";
                case SOURCES -> "/sources";
                case GATEWAY -> "/api/people";
            }, probes.size()));
        }
        assertEquals(18, writes.size(), "nine collections, each written through the gateway and its owner");
        // every field of every write, each bad in every way its type admits, as POST and as PUT of a new id
        for (Write w : writes) {
            for (String method : List.of("POST", "PUT")) {
                int n = probes.size();
                JsonNode valid = marked(documents.get(w.base()), w, random, n);
                for (BadInput.Case c : documents.get(w.base()).bodyCases(w.schema(), valid)) {
                    String url = w.base() + w.path() + (method.equals("PUT")
                            ? "/" + new UUID(random.nextLong(), random.nextLong()) : "");
                    // the valid body was marked with n: each case carries its own request's number instead
                    probes.add(new Probe(probes.size(), url, method, json(), rewriteMarker(c.body(), n, probes.size()),
                            c.fields(), method + " " + w.path() + " " + c));
                }
            }
        }
        int systematic = probes.size();
        // then random mutations, up to the number asked for
        while (probes.size() < REQUESTS) {
            int n = probes.size();
            if (random.nextInt(4) == 0) {
                String[] read = reads.get(random.nextInt(reads.size()));
                probes.add(randomRead(n, read[0], read[1], random));
            } else {
                Write w = writes.get(random.nextInt(writes.size()));
                probes.add(randomWrite(n, documents.get(w.base()), w, random));
            }
        }

        Outcome[] outcomes = send(probes);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        Map<Integer, Integer> perStatus = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Probe p : probes) {
            Outcome o = outcomes[p.n()];
            perStatus.merge(o.status(), 1, Integer::sum);
            String wrong = judge(p, o);
            if (wrong != null) {
                failures.add("#" + p.n() + " " + p.method() + " " + excerpt(p.url()) + " (" + p.what() + "): " + wrong);
            }
        }
        // nothing of a rejected write is stored: every marker found belongs to an accepted request
        int markersFound = 0;
        for (Service owner : List.of(Service.PEOPLE, Service.EVENTS, Service.SOURCES)) {
            for (Write w : writes) {
                if (!w.base().equals(stack.url(owner))) {
                    continue;
                }
                Matcher m = MARKED.matcher(everything(w.base() + w.path()));
                while (m.find()) {
                    markersFound++;
                    int n = Integer.parseInt(m.group(1));
                    Outcome o = outcomes[n];
                    if (o.status() / 100 != 2) {
                        failures.add("#" + n + " was refused (" + o.status() + ") but is stored: " + probes.get(n).what());
                    }
                }
            }
        }
        System.out.printf("[fuzz] seed %d: %d requests (%d derived from the OpenAPI documents, %d random) in %d s, after"
                + " %d s to start the stack and load the sample%n", SEED, probes.size(), systematic,
                probes.size() - systematic, took.toSeconds(), startup.toSeconds());
        System.out.printf("[fuzz] answers per status: %s%n", perStatus);
        System.out.printf("[fuzz] markers of accepted writes found in the owners' lists: %d%n", markersFound);
        failures.stream().limit(40).forEach(f -> System.out.println("[fuzz] FAILED " + f));

        assertTrue(probes.size() >= 10_000, probes.size() + " requests");
        assertTrue(markersFound > 0, "the owners' lists show what accepted writes stored, so the scan can see it");
        assertTrue(perStatus.keySet().stream().noneMatch(s -> s >= 500), "no 5xx: " + perStatus);
        assertEquals(List.of(), failures.stream().limit(40).toList(), failures.size() + " failures, seed " + SEED);
        readModelStillAdvances();
    }

    /** Why the answer is wrong for the probe, or null. */
    private static String judge(Probe p, Outcome o) {
        if (o.status() >= 500) {
            return "status " + o.status() + " " + excerpt(new String(o.body(), StandardCharsets.UTF_8));
        }
        if (o.status() >= 400) {
            if (!o.contentType().startsWith("application/problem+json")) {
                return "status " + o.status() + " with content type '" + o.contentType() + "'";
            }
            JsonNode problem;
            try {
                problem = JSON.readTree(o.body());
            } catch (IOException e) {
                return "status " + o.status() + " with a body that is not JSON";
            }
            if (problem == null || problem.path("status").asInt() != o.status()) {
                return "status " + o.status() + " with problem " + excerpt(String.valueOf(problem));
            }
            if (p.expected() != null) {
                List<String> named = new ArrayList<>();
                problem.path("errors").forEach(e -> named.add(e.path("field").asText()));
                if (o.status() != 400 || !named.containsAll(p.expected())) {
                    return "expected a 400 naming " + p.expected() + ", got " + o.status() + " naming " + named;
                }
            }
            return null;
        }
        return p.expected() == null ? null : "accepted (" + o.status() + "), expected a 400 naming " + p.expected();
    }

    // --- what is sent

    private static Map<String, String> json() {
        return Map.of("Content-Type", "application/json");
    }

    /** A valid body of the write's collection from the sample, with request n's marker in its free text. */
    private static JsonNode marked(BadInput badInput, Write w, Random random, int n) throws IOException {
        JsonNode entries = SampleLoader.entries(w.collection());
        JsonNode valid = SampleLoader.body(entries.get(random.nextInt(entries.size())), true);
        return badInput.withMarker(w.schema(), valid, MARKER + n + "Q");
    }

    /** The body with another request's number in its marker, byte for byte otherwise (it may not be UTF-8). */
    private static byte[] rewriteMarker(byte[] body, int from, int to) {
        return new String(body, StandardCharsets.ISO_8859_1).replace(MARKER + from + "Q", MARKER + to + "Q")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** What HTTP itself refuses, on one of the service's lists: method, media types, sizes, an unknown path. */
    private static List<Probe> http(String list, int first) {
        List<Probe> probes = new ArrayList<>();
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 120; i++) {
            many.put("X-Many-" + i, "1");
        }
        probes.add(new Probe(first, list, "PATCH", json(), "{}".getBytes(), null, "405"));
        probes.add(new Probe(first + 1, list, "GET", Map.of("Accept", "text/html"), null, null, "406"));
        probes.add(new Probe(first + 2, list, "POST", Map.of("Content-Type", "text/plain"), "x".getBytes(),
                null, "415"));
        probes.add(new Probe(first + 3, list + "?q=" + "x".repeat(5000), "GET", Map.of(), null, null, "414"));
        probes.add(new Probe(first + 4, list, "GET", many, null, null, "431 (fields)"));
        probes.add(new Probe(first + 5, list, "GET", Map.of("X-Large", "x".repeat(17_000)), null, null,
                "431 (size)"));
        probes.add(new Probe(first + 6, list, "POST", json(), new byte[2 * 1024 * 1024], null, "413"));
        probes.add(new Probe(first + 7, list + "/nothing/here", "GET", Map.of(), null, null, "404"));
        return probes;
    }

    private static Probe randomRead(int n, String base, String template, Random random) {
        String path = template.replaceAll("\\{[^}]+}", random.nextInt(3) == 0 ? encode(randomText(random))
                : sampleId(random).toString());
        String[] names = { "page", "size", "name", "q", "from", "to", "on", "type", "kind", "sort", "personId",
            "placeId", "focus", "depth", "limit", "bornFrom", "bornTo", "language", "status", "aboutKind" };
        StringBuilder query = new StringBuilder();
        for (int i = 0, k = 1 + random.nextInt(3); i < k; i++) {
            query.append(i == 0 ? "?" : "&").append(names[random.nextInt(names.length)]).append('=')
                    .append(encode(randomScalar(random)));
        }
        return new Probe(n, base + path + query, "GET", Map.of(), null, null, "random read");
    }

    private static Probe randomWrite(int n, BadInput badInput, Write w, Random random) throws IOException {
        JsonNode body = marked(badInput, w, random, n);
        for (int i = 0, k = 1 + random.nextInt(3); i < k; i++) {
            body = mutate(body, random);
        }
        byte[] bytes = BadInput.json(body);
        if (random.nextInt(4) == 0) {
            bytes = mutateBytes(bytes, random);
        }
        Map<String, String> headers = new LinkedHashMap<>(json());
        String method;
        String url = w.base() + w.path();
        switch (random.nextInt(4)) {
            case 0 -> method = "POST";
            case 1 -> {
                method = "PUT";
                url += "/" + new UUID(random.nextLong(), random.nextLong());
            }
            case 2 -> {
                method = "PUT"; // an entity of the sample: a condition, or none (428)
                url += "/" + sampleId(random);
                String[] conditions = { "\"0\"", "*", "W/\"1\"", "garbage", "\"99999999999999999999\"" };
                if (random.nextBoolean()) {
                    headers.put(random.nextBoolean() ? "If-Match" : "If-None-Match",
                            conditions[random.nextInt(conditions.length)]);
                }
            }
            default -> {
                method = random.nextBoolean() ? "POST" : "PUT";
                if (method.equals("PUT")) {
                    url += "/" + encode(randomText(random));
                }
                if (random.nextBoolean()) {
                    headers.put("Content-Type", random.nextBoolean() ? "application/json; charset=ISO-8859-1"
                            : "application/xml");
                }
            }
        }
        return new Probe(n, url, method, headers, bytes, null, "random " + method + " " + w.path());
    }

    /** One change to the tree: a field removed, replaced by any JSON value, an unknown one added, or wrapped. */
    private static JsonNode mutate(JsonNode body, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(body, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String name = names.isEmpty() || random.nextInt(5) == 0 ? randomText(random)
                    : names.get(random.nextInt(names.size()));
            switch (random.nextInt(4)) {
                case 0 -> o.remove(name);
                case 1 -> o.set(name, NODES.arrayNode().add(o.path(name).deepCopy()));
                default -> o.set(name, randomValue(random, 0));
            }
        } else if (target instanceof ArrayNode a) {
            if (a.isEmpty() || random.nextBoolean()) {
                a.add(randomValue(random, 0));
            } else {
                a.set(random.nextInt(a.size()), randomValue(random, 0));
            }
        }
        return random.nextInt(30) == 0 ? NODES.arrayNode().add(body) : body;
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            node.forEach(child -> collect(child, containers));
        }
    }

    /** Bytes broken: cut short, a byte changed, bytes inserted, a slice repeated, or nested far too deep. */
    private static byte[] mutateBytes(byte[] body, Random random) {
        String s = new String(body, StandardCharsets.ISO_8859_1);
        int at = random.nextInt(Math.max(1, s.length()));
        String broken = switch (random.nextInt(5)) {
            case 0 -> s.substring(0, at);
            case 1 -> s.substring(0, at) + (char) random.nextInt(256) + s.substring(Math.min(s.length(), at + 1));
            case 2 -> s.substring(0, at) + "\u00ff\u00fe\u0000{\"" + s.substring(at);
            case 3 -> s.substring(0, at) + s.substring(at, Math.min(s.length(), at + 40)).repeat(3) + s.substring(at);
            default -> "[".repeat(1 + random.nextInt(3000)) + s;
        };
        return broken.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static JsonNode randomValue(Random random, int depth) {
        return switch (random.nextInt(depth > 2 ? 6 : 9)) {
            case 0 -> NODES.textNode(randomText(random));
            case 1 -> NODES.textNode(randomScalar(random));
            case 2 -> random.nextBoolean() ? NODES.numberNode(random.nextLong()) : NODES.numberNode(
                    new double[] { 1e308, -1e308, 4.9e-324, -0.0, 19.3467, 91, -181 }[random.nextInt(7)]);
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.nullNode();
            case 5 -> NODES.textNode("x".repeat(random.nextInt(25_000)));
            case 6 -> {
                ObjectNode o = NODES.objectNode();
                for (int i = 0, k = random.nextInt(4); i < k; i++) {
                    o.set(randomText(random), randomValue(random, depth + 1));
                }
                yield o;
            }
            default -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = 0, k = random.nextInt(4); i < k; i++) {
                    a.add(randomValue(random, depth + 1));
                }
                yield a;
            }
        };
    }

    /** Values a field or parameter might be given: near-misses of what it takes. */
    private static String randomScalar(Random random) {
        String[] scalars = { "", " ", "0", "-1", "1.5", "2147483647", "21474837", "99999999999999999999", "abc",
            "1940-05-24", "1940-13", "1940-02-30", "Y170000002", "-5000", "[1940..1930]", "1985/..", "+999999999-12-31",
            "ATTACK", "attack", "PERSON", "NOPE", "date", "title", "1-1-1-1-1", "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a",
            "599d5dc6-a390-3f2e-8484-4b1c1c5c59a", "AAAAAAAAAAAAAAAAAAAAAA==", "null", "true", "%00", "../..",
            "<script>", "' or 1=1 --", "\u0000", "\uFFFF", "\uD800" };
        return scalars[random.nextInt(scalars.length)];
    }

    /** Text of any kind: ASCII, accents, CJK, emoji, and what cannot be stored (NUL, controls, lone surrogates…). */
    private static String randomText(Random random) {
        String[] palette = { "a", "Z", " ", "é", "ñ", "中", "\uD83D\uDE00", "\u0000", "\u0007", "\uD800", "\uDC00",
            "\uFFFF", "\uFFFE", "\uFDD0", "\n", "\"", "\\", "%", "/", "{", "\u202E", "\u00A0" };
        StringBuilder sb = new StringBuilder();
        for (int i = 0, k = random.nextInt(20); i < k; i++) {
            sb.append(palette[random.nextInt(palette.length)]);
        }
        return sb.toString();
    }

    private static UUID sampleId(Random random) {
        String[] keys = { "leon-trotsky", "ramon-mercader", "may-24-1940-attack", "coyoacan", "stalin-seeks-my-death",
            "robert-sheldon-harte", "natalia-sedova" };
        return random.nextInt(5) == 0 ? new UUID(random.nextLong(), random.nextLong())
                : SampleLoader.idOf(keys[random.nextInt(keys.length)]);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // --- sending and reading

    private static Outcome[] send(List<Probe> probes) throws InterruptedException {
        Outcome[] outcomes = new Outcome[probes.size()];
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (Probe p : probes) {
            pool.submit(() -> outcomes[p.n()] = send(p));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(5, TimeUnit.MINUTES), "the run ended in time");
        return outcomes;
    }

    private static Outcome send(Probe p) {
        if (p.body() != null && p.body().length > 1024 * 1024) {
            return announceOnly(p);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(p.url()));
        request.timeout(Duration.ofSeconds(30)).header("Authorization", token)
                .method(p.method(), p.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(p.body()));
        p.headers().forEach(request::header);
        for (int attempt = 0;; attempt++) {
            try {
                HttpResponse<byte[]> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Outcome(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(""),
                        answer.body());
            } catch (IOException e) {
                if (attempt == 2) {
                    return new Outcome(599, "", ("no answer: " + e).getBytes(StandardCharsets.UTF_8));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(599, "", "interrupted".getBytes());
            }
        }
    }

    /**
     * A body beyond the limit is announced (Content-Length) but not sent: the service must answer before reading it.
     * Sent on a socket of its own, since an HTTP client writes the body first and may see the connection closed.
     */
    private static Outcome announceOnly(Probe p) {
        URI uri = URI.create(p.url());
        try (var socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder(p.method() + " " + uri.getRawPath() + " HTTP/1.1\r\nHost: "
                    + uri.getHost() + "\r\nAuthorization: " + token + "\r\nContent-Length: " + p.body().length + "\r\n");
            p.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            socket.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            byte[] all = socket.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String contentType = text.substring(0, end).lines()
                    .filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("");
            return new Outcome(Integer.parseInt(text.split(" ")[1]), contentType,
                    java.util.Arrays.copyOfRange(all, end + 4, all.length));
        } catch (IOException | RuntimeException e) {
            return new Outcome(599, "", ("no answer: " + e).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", token)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, answer.statusCode(), url);
        return JSON.readTree(answer.body());
    }

    /** Every page of an owner's list, as text. */
    private static String everything(String list) throws IOException, InterruptedException {
        StringBuilder all = new StringBuilder();
        for (int page = 0;; page++) {
            JsonNode p = get(list + "?size=100&page=" + page);
            all.append(p);
            if (p.path("items").size() < 100) {
                return all.toString();
            }
        }
    }

    private static void readModelStillAdvances() throws Exception {
        String name = "Fuzzed-then-written " + UUID.randomUUID();
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url(Service.GATEWAY)
                + "/api/people")).header("Authorization", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"preferredName\": \"" + name + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        String id = JSON.readTree(created.body()).path("id").asText();
        await().atMost(PROJECTED).untilAsserted(() -> {
            HttpResponse<String> dossier = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url(Service.GATEWAY)
                    + "/api/people/" + id)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, dossier.statusCode(), "a write made after the run shows in the archive");
            assertEquals(name, JSON.readTree(dossier.body()).path("preferredName").asText());
        });
    }

    private static String excerpt(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    static {
        Locale.setDefault(Locale.ROOT);
    }
}
