package org.memoria.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.events.Topics;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.TestTokens;
import org.memoria.partner.WebhookReceiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The partner guide (docs/partners.md) is true: each code snippet in it is, word for word, a file that a test runs
 * ({@code <!-- snippet: path -->} before the block names it); the feed follower runs in {@link ChangeFeedTest}, the
 * webhook receivers in Java and in JavaScript (Node.js, with the npm package {@code standardwebhooks}) run here against
 * real deliveries and a forged one.
 */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class PartnerGuideTest extends PublishingTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern SNIPPET = Pattern.compile("<!-- snippet: (\\S+) -->\\s*```\\w*\\n(.*?)```", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everySnippetOfTheGuideIsAFileATestRuns() throws IOException {
        String guide = Files.readString(ROOT.resolve("docs/partners.md"));
        Map<String, String> snippets = new LinkedHashMap<>();
        Matcher m = SNIPPET.matcher(guide);
        while (m.find()) {
            snippets.put(m.group(1), m.group(2));
        }
        assertEquals(List.of("gateway/src/test/java/org/memoria/partner/FeedFollower.java",
                "gateway/src/test/java/org/memoria/partner/WebhookReceiver.java", "docs/partners/webhook-receiver.js"),
                List.copyOf(snippets.keySet()), "the snippets the guide shows");
        snippets.forEach((file, shown) -> {
            try {
                assertEquals(Files.readString(ROOT.resolve(file)), shown, file + " as the guide shows it");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Every shell command of the guide is a {@code curl} call, run here as curl would run it (its options parsed,
     * the request sent with the JDK's client) against this gateway: the guide's address, {@code $TOKEN} (a partner's
     * token) and the partner's receiver URL are the placeholders a partner replaces, and the sample's Leon Trotsky is
     * in the archive. Each must succeed (a status below 400), and a body the guide says is JSON must parse.
     */
    @Test
    void everyShellCommandOfTheGuideSucceedsAgainstTheArchive() throws Exception {
        UUID trotsky = UUID.fromString("599d5dc6-a390-3f2e-8484-4b1c1c5c59a4");
        owners.changed(Topics.PEOPLE, "person", trotsky, 0, new PersonState(trotsky, 0, "Leon Trotsky", List.of(),
                "1879-11-07", null, "1940-08-21", null, null, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/people/" + trotsky).statusCode() == 200);
        int receiverPort = freePort();
        String base = io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port;
        Map<String, String> placeholders = Map.of("http://127.0.0.1:8080", base,
                "https://partner.example/memoria/hooks", "http://127.0.0.1:" + receiverPort + "/memoria/hooks",
                "$TOKEN", TestTokens.partner("p-guide-shell").substring("Bearer ".length()));

        String guide = Files.readString(ROOT.resolve("docs/partners.md"));
        Matcher blocks = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(guide);
        List<String> commands = new ArrayList<>();
        while (blocks.find()) {
            for (String command : blocks.group(1).replace("\\\n", " ").split("\n")) {
                if (!command.isBlank() && !command.strip().startsWith("#")) {
                    commands.add(command.strip());
                }
            }
        }
        assertTrue(commands.size() >= 4, () -> "the guide's shell commands: " + commands);
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (String command : commands) {
                Curl curl = Curl.parse(command, placeholders);
                HttpResponse<String> answer = client.send(curl.request(), HttpResponse.BodyHandlers.ofString());
                assertTrue(answer.statusCode() < 400, () -> command + " answered " + answer.statusCode() + ": "
                        + answer.body());
            }
        }
    }

    /** A {@code curl} command line as the guide writes them: {@code -s}, {@code -X}, {@code -H}, {@code -d}, {@code -o}. */
    private record Curl(String method, URI url, List<String> headers, String data) {

        static Curl parse(String line, Map<String, String> placeholders) {
            List<String> words = words(line, placeholders);
            assertEquals("curl", words.get(0), line);
            String method = null;
            URI url = null;
            List<String> headers = new ArrayList<>();
            String data = null;
            for (int i = 1; i < words.size(); i++) {
                String w = words.get(i);
                switch (w) {
                    case "-s", "-sS" -> {
                    }
                    case "-X" -> method = words.get(++i);
                    case "-H" -> headers.add(words.get(++i));
                    case "-d", "--data" -> data = words.get(++i);
                    case "-o" -> i++; // the file the partner saves it in: the body is read here instead
                    default -> {
                        if (w.startsWith("-")) {
                            fail("the guide uses a curl option this test does not run: " + w + " in " + line);
                        }
                        url = URI.create(w);
                    }
                }
            }
            assertTrue(url != null, () -> "no URL in " + line);
            return new Curl(method != null ? method : data != null ? "POST" : "GET", url, headers, data);
        }

        HttpRequest request() {
            HttpRequest.Builder b = HttpRequest.newBuilder(url).method(method, data == null
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(data));
            boolean typed = false;
            for (String h : headers) {
                int colon = h.indexOf(':');
                b.header(h.substring(0, colon).strip(), h.substring(colon + 1).strip());
                typed |= h.substring(0, colon).strip().equalsIgnoreCase("Content-Type");
            }
            if (data != null && !typed) {
                b.header("Content-Type", "application/x-www-form-urlencoded"); // curl's default for -d
            }
            return b.build();
        }

        /** The words of a shell command line, quotes removed and the placeholders replaced. */
        private static List<String> words(String line, Map<String, String> placeholders) {
            List<String> words = new ArrayList<>();
            StringBuilder word = null;
            char quote = 0;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quote != 0) {
                    if (ch == quote) {
                        quote = 0;
                    } else {
                        word.append(ch);
                    }
                } else if (ch == '\'' || ch == '"') {
                    quote = ch;
                    word = word == null ? new StringBuilder() : word;
                } else if (Character.isWhitespace(ch)) {
                    if (word != null) {
                        words.add(word.toString());
                        word = null;
                    }
                } else {
                    word = word == null ? new StringBuilder() : word;
                    word.append(ch);
                }
            }
            if (word != null) {
                words.add(word.toString());
            }
            return words.stream().map(w -> {
                String replaced = w;
                for (Map.Entry<String, String> p : placeholders.entrySet()) {
                    replaced = replaced.replace(p.getKey(), p.getValue());
                }
                return replaced;
            }).toList();
        }
    }

    @Test
    void theJavaReceiverOfTheGuideAppliesEachSignedChangeOnceAndRefusesAForgedOne() throws Exception {
        int port = freePort();
        Subscription subscription = subscribe(port, "p-guide-java");
        List<JsonNode> applied = new CopyOnWriteArrayList<>();
        try (WebhookReceiver receiver = new WebhookReceiver(new InetSocketAddress("127.0.0.1", port),
                subscription.secret(), applied::add)) {
            UUID id = UUID.randomUUID();
            owners.changed(Topics.PEOPLE, "person", id, 0, person(id, 0));
            await().atMost(Duration.ofSeconds(30)).until(() -> applied.stream().anyMatch(a -> names(a, id)));
            JsonNode activity = applied.stream().filter(a -> names(a, id)).findFirst().orElseThrow();
            assertEquals("Create", activity.path("type").asText());
            assertEquals(0, activity.path("object").path("version").asInt());

            assertEquals(400, forge(port, subscription.secret()), "a delivery signed with another secret");
            assertEquals(1, applied.stream().filter(a -> names(a, id)).count(), "applied once, the forgery not at all");
        }
    }

    @Test
    void theJavaScriptReceiverOfTheGuideAppliesEachSignedChangeOnceAndRefusesAForgedOne() throws Exception {
        Path script = ROOT.resolve("docs/partners/webhook-receiver.js");
        boolean installed = Files.isDirectory(ROOT.resolve("docs/partners/node_modules/standardwebhooks"));
        if (!installed || !onPath("node")) {
            String why = "needs Node.js and `npm ci --prefix docs/partners` (.ci/run does both)";
            if (System.getenv("CI") != null) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        int port = freePort();
        Subscription subscription = subscribe(port, "p-guide-js");
        ProcessBuilder builder = new ProcessBuilder("node", script.toString()).redirectErrorStream(true);
        builder.environment().put("WEBHOOK_SECRET", subscription.secret());
        builder.environment().put("PORT", Integer.toString(port));
        Process node = builder.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null;) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("read failed: " + e);
            }
        });
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> lines.contains("listening") || !node.isAlive());
            assertTrue(node.isAlive(), () -> "node ended: " + lines);
            UUID id = UUID.randomUUID();
            owners.changed(Topics.PEOPLE, "person", id, 0, person(id, 0));
            owners.changed(Topics.PEOPLE, "person", id, 1, person(id, 1));
            await().atMost(Duration.ofSeconds(30)).until(() -> applied(lines, id).size() == 2);
            List<JsonNode> activities = applied(lines, id);
            assertEquals(List.of("Create", "Update"), activities.stream().map(a -> a.path("type").asText()).toList());
            assertEquals(List.of(0, 1), activities.stream().map(a -> a.path("object").path("version").asInt()).toList());

            assertEquals(400, forge(port, subscription.secret()), "a delivery signed with another secret");
            assertEquals(2, applied(lines, id).size(), () -> "applied once each, the forgery not at all: " + lines);
        } finally {
            node.destroy();
            node.waitFor(10, TimeUnit.SECONDS);
            reader.join(Duration.ofSeconds(5));
        }
    }

    private record Subscription(String id, String secret) {
    }

    /** Subscribes a partner's receiver at {@code /memoria/hooks} on the port, as the guide shows. */
    private static Subscription subscribe(int port, String partner) throws IOException {
        String made = given().header("Authorization", TestTokens.partner(partner)).contentType("application/json")
                .body("{\"url\":\"http://127.0.0.1:" + port + "/memoria/hooks\",\"kinds\":[\"PERSON\"]}")
                .post("/api/webhooks").then().statusCode(201).body("secret", startsWith("whsec_")).extract().asString();
        JsonNode json = JSON.readTree(made);
        return new Subscription(json.path("id").asText(), json.path("secret").asText());
    }

    /** Posts a delivery signed with a secret other than the subscription's; answers the receiver's status. */
    private static int forge(int port, String secret) throws Exception {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        String forged = "whsec_" + java.util.Base64.getEncoder().encodeToString(key);
        assertTrue(!forged.equals(secret));
        String body = "{\"type\":\"person.deleted\",\"data\":{\"activity\":{\"type\":\"Delete\"}}}";
        String id = "msg_forged";
        long now = Instant.now().getEpochSecond();
        String signature = new com.standardwebhooks.Webhook(forged).sign(id, now, body);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/memoria/hooks"))
                .header("webhook-id", id).header("webhook-timestamp", Long.toString(now))
                .header("webhook-signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private static List<JsonNode> applied(List<String> lines, UUID id) {
        List<JsonNode> found = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("{")) {
                try {
                    JsonNode activity = JSON.readTree(line);
                    if (names(activity, id)) {
                        found.add(activity);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(line, e);
                }
            }
        }
        return found;
    }

    private static boolean names(JsonNode activity, UUID id) {
        return activity.path("object").path("id").asText().endsWith("/" + id);
    }

    private static PersonState person(UUID id, long version) {
        return new PersonState(id, version, "Guided " + id.toString().substring(0, 8) + " v" + version, List.of(), null,
                null, null, null, null, null);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
