package org.memoria.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memoria.common.contract.events.PlaceState;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.events.Topics;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.PrometheusText;
import org.memoria.local.TestTokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Webhooks against a real HTTP receiver on 127.0.0.1 in this JVM, which checks every signature with the Standard
 * Webhooks reference library, fails on purpose, answers 410, and is slow. The test profile retries after 200, 400 and
 * 600 ms and gives a receiver 1 s to answer.
 */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class WebhooksTest extends PublishingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    /** How each receiver path answers: the status for the n-th request it gets (from 1). */
    private final Map<String, java.util.function.IntUnaryOperator> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    /** Released to end a slow receiver's wait early (never, in these tests: it waits until its delay is over). */
    private final CountDownLatch never = new CountDownLatch(1);

    /** A request the receiver got: the path, the headers, the body, and whether its signature verified. */
    private record Received(String path, String id, String body, boolean verified, int answered) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        String entity() {
            String url = json().path("data").path("activity").path("object").path("id").asText();
            return url.substring(url.lastIndexOf('/') + 1);
        }

        long version() {
            return json().path("data").path("activity").path("object").path("version").asLong();
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::receive);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void receive(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        int n = counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        int status = answers.getOrDefault(path, i -> 204).applyAsInt(n);
        if (status < 0) { // slow: answer only after the gateway stopped waiting
            try {
                never.await(-status, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            status = 204;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        boolean verified;
        try {
            new Webhook(secrets.get(path)).verify(text, exchange.getRequestHeaders());
            verified = true;
        } catch (Exception e) {
            verified = false;
        }
        received.add(new Received(path, exchange.getRequestHeaders().getFirst("webhook-id"), text, verified, status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Subscribes the receiver's path; remembers the secret it is given once. */
    private String subscribe(String path, String body, String token) {
        JsonNode made = readJson(given().header("Authorization", token).contentType("application/json")
                .body(body.replace("URL", url(path))).post("/api/webhooks").then().statusCode(201)
                .header("Location", containsString("/api/webhooks/")).body("secret", startsWith("whsec_"))
                .body("state", equalTo("ACTIVE")).extract().asString());
        secrets.put(path, made.path("secret").asText());
        return made.path("id").asText();
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private static PersonState person(UUID id, long version) {
        return new PersonState(id, version, "Hooked " + id.toString().substring(0, 8) + " v" + version, List.of(),
                null, null, null, null, null, null);
    }

    @Test
    void eachWantedChangeIsDeliveredSignedInOrderAndAsTheFeedShowsIt() {
        String subscription = subscribe("/ok", "{\"url\":\"URL\",\"kinds\":[\"PERSON\"]}", TestTokens.partner("p-ok"));
        UUID person = UUID.randomUUID();
        UUID place = UUID.randomUUID();
        owners.together(() -> {
            owners.changed(Topics.PEOPLE, "person", person, 0, person(person, 0));
            owners.changed(Topics.EVENTS, "place", place, 0, new PlaceState(place, 0, "Not wanted", List.of(),
                    org.memoria.common.contract.events.PlaceType.CITY, null, null, null, null));
            owners.changed(Topics.PEOPLE, "person", person, 1, person(person, 1));
            owners.changed(Topics.PEOPLE, "person", person, 2, person(person, 2));
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> at("/ok").stream()
                .filter(r -> r.entity().equals(person.toString())).count() == 3);

        List<Received> got = at("/ok");
        assertTrue(got.stream().allMatch(Received::verified), "every signature verifies with the secret");
        assertEquals(List.of(0L, 1L, 2L), got.stream().filter(r -> r.entity().equals(person.toString()))
                .map(Received::version).toList(), "in order");
        assertTrue(got.stream().noneMatch(r -> r.entity().equals(place.toString())), "only the kinds asked for");
        Received last = got.get(got.size() - 1);
        assertEquals("person.updated", last.json().path("type").asText());

        // the delivery and the feed page agree on the change
        JsonNode page = readJson(given().get(last.json().path("data").path("page").asText()).then().statusCode(200)
                .extract().asString());
        JsonNode onPage = null;
        for (JsonNode item : page.path("orderedItems")) {
            if (item.path("object").path("id").asText().endsWith(person.toString())
                    && item.path("object").path("version").asLong() == 2) {
                onPage = item;
            }
        }
        assertEquals(onPage, last.json().path("data").path("activity"));

        String owner = TestTokens.partner("p-ok");
        given().header("Authorization", owner).get("/api/webhooks/" + subscription).then().statusCode(200)
                .body("secret", nullValue()).body("failures", equalTo(0));
        given().header("Authorization", owner).get("/api/webhooks/" + subscription + "/deliveries").then()
                .statusCode(200).body("[0].status", equalTo(204)).body("[0].messageId", equalTo(last.id()));
        // another partner does not see it; a reader may not subscribe
        given().header("Authorization", TestTokens.partner("p-other")).get("/api/webhooks/" + subscription).then()
                .statusCode(404);
        given().header("Authorization", TestTokens.reader("Rita")).get("/api/webhooks").then().statusCode(403);

        // and the operator sees it
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(PrometheusText.value(metrics, "memoria_webhook_attempts_total", Map.of("outcome", "delivered"))
                .orElse(0.0) >= 3, "delivered attempts counted");
        assertTrue(PrometheusText.value(metrics, "memoria_webhook_subscriptions", Map.of("state", "ACTIVE"))
                .orElse(0.0) >= 1, "active subscriptions counted");
        assertTrue(PrometheusText.value(metrics, "memoria_webhook_oldest_pending_age_seconds", Map.of()).isPresent(),
                () -> "the age of the oldest pending change is exported: " + metrics.lines()
                        .filter(l -> l.contains("webhook")).toList());

        // asked for again, the same message comes again
        long position = last.json().path("data").path("position").asLong();
        given().header("Authorization", owner).post("/api/webhooks/" + subscription + "/deliveries/" + position
                + "/redeliver").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> at("/ok").stream().filter(r -> r.id().equals(last.id()))
                .count() == 2);
    }

    @Test
    void aFailedDeliveryIsRetriedWithTheSameIdAndNothingOvertakesIt() {
        answers.put("/flaky", n -> n <= 2 ? 503 : 200);
        subscribe("/flaky", "{\"url\":\"URL\"}", TestTokens.archivist("Ada"));
        UUID person = UUID.randomUUID();
        owners.together(() -> {
            owners.changed(Topics.PEOPLE, "person", person, 0, person(person, 0));
            owners.changed(Topics.PEOPLE, "person", person, 1, person(person, 1));
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> at("/flaky").stream()
                .anyMatch(r -> r.entity().equals(person.toString()) && r.version() == 1));

        List<Received> got = at("/flaky").stream().filter(r -> r.entity().equals(person.toString())).toList();
        assertEquals(List.of(503, 503, 200, 200), got.stream().map(Received::answered).toList(),
                "two failures, then version 0 delivered, then version 1: " + got);
        assertEquals(List.of(0L, 0L, 0L, 1L), got.stream().map(Received::version).toList());
        assertEquals(1, got.subList(0, 3).stream().map(Received::id).distinct().count(), "one webhook-id for one change");
        assertTrue(!got.get(3).id().equals(got.get(0).id()), "another change, another id");
    }

    @Test
    void aReceiverThatAnswers410IsNeverCalledAgain() {
        answers.put("/gone", n -> 410);
        String token = TestTokens.archivist("Ada");
        String subscription = subscribe("/gone", "{\"url\":\"URL\"}", token);
        UUID first = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "person", first, 0, person(first, 0));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().header("Authorization", token)
                .get("/api/webhooks/" + subscription).then().extract().path("state").equals("DISABLED"));
        int calls = at("/gone").size();
        UUID second = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "person", second, 0, person(second, 0));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> at("/gone").size() == calls);
        given().header("Authorization", token).post("/api/webhooks/" + subscription + "/resume").then().statusCode(409);
    }

    @Test
    void aSlowReceiverIsRetriedAndOneThatKeepsFailingIsPausedUntilResumed() {
        answers.put("/slow", n -> n == 1 ? -1_500 : 204); // the first answer comes after the gateway's 1 s
        answers.put("/down", n -> 500);
        subscribe("/slow", "{\"url\":\"URL\"}", TestTokens.archivist("Ada"));
        String token = TestTokens.admin("Root");
        String down = subscribe("/down", "{\"url\":\"URL\"}", token);
        UUID person = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "person", person, 0, person(person, 0));

        await().atMost(Duration.ofSeconds(30)).until(() -> at("/slow").size() >= 2);
        assertEquals(at("/slow").get(0).id(), at("/slow").get(1).id(), "the attempt that timed out is made again");

        // 1 attempt + 3 retries, then paused
        await().atMost(Duration.ofSeconds(30)).until(() -> given().header("Authorization", token)
                .get("/api/webhooks/" + down).then().extract().path("state").equals("PAUSED"));
        assertEquals(4, at("/down").size());
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(PrometheusText.value(metrics, "memoria_webhook_subscriptions", Map.of("state", "PAUSED"))
                .orElse(0.0) >= 1, "paused subscriptions counted");
        assertTrue(PrometheusText.value(metrics, "memoria_webhook_attempts_total", Map.of("outcome", "failed"))
                .orElse(0.0) >= 4, "failed attempts counted");
        given().header("Authorization", token).get("/api/webhooks/" + down + "/deliveries").then().statusCode(200)
                .body("[0].attempt", equalTo(4)).body("[0].status", equalTo(500));

        answers.put("/down", n -> 204); // fixed
        given().header("Authorization", token).post("/api/webhooks/" + down + "/resume").then().statusCode(200)
                .body("state", equalTo("ACTIVE"));
        await().atMost(Duration.ofSeconds(10)).until(() -> at("/down").stream().anyMatch(r -> r.answered() == 204));
    }

    @Test
    void noWebhookGoesToAPrivateAddressOrAnotherScheme() {
        List<String> refused = new ArrayList<>();
        for (String url : List.of("http://10.1.2.3/hook", "http://169.254.169.254/latest/meta-data", "http://192.168.1.1/",
                "ftp://partner.example/hook", "http://user:pw@127.0.0.1/hook", "not a url")) {
            String field = given().contentType("application/json").body("{\"url\":\"" + url + "\"}")
                    .post("/api/webhooks").then().statusCode(400).contentType(containsString("problem+json"))
                    .extract().path("errors[0].field");
            refused.add(url + " -> " + field);
        }
        assertTrue(refused.stream().allMatch(r -> r.endsWith("-> url")), refused::toString);
        given().contentType("application/json").body("{\"url\":\"" + url("/x") + "\",\"kinds\":[\"PERSONS\"]}")
                .post("/api/webhooks").then().statusCode(400).body("errors[0].field", equalTo("kinds"));
        given().contentType("application/json").body("{\"url\":\"" + url("/x") + "\",\"during\":\"1940-13\"}")
                .post("/api/webhooks").then().statusCode(400).body("errors[0].field", equalTo("during"));
    }
}
