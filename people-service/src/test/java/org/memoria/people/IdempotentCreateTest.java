package org.memoria.people;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.memoria.people.Fixtures.unique;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.TestTokens;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A retried create with the same Idempotency-Key is applied once. */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "people"))
class IdempotentCreateTest {

    private static String create(String key, Map<String, Object> body, String authorization) {
        return given().header("Idempotency-Key", key).header("Authorization", authorization).contentType(ContentType.JSON)
                .body(body).post("/people").then().statusCode(201).extract().path("id");
    }

    @Test
    void aRetryWithTheSameKeyAnswersTheFirstCreateAndCreatesNothing() {
        String key = UUID.randomUUID().toString();
        String name = unique("Jake Cooper");
        Map<String, Object> body = Map.of("preferredName", name);
        String first = create(key, body, TestTokens.archivist("Ada"));
        String again = create(key, body, TestTokens.archivist("Ada"));
        given().queryParam("name", name).get("/people").then().body("total", is(1));
        org.junit.jupiter.api.Assertions.assertEquals(first, again);
        // another caller's key is its own
        String other = create(key, body, TestTokens.archivist("Bea"));
        org.junit.jupiter.api.Assertions.assertNotEquals(first, other);
    }

    @Test
    void concurrentRetriesCreateOneEntity() {
        String key = UUID.randomUUID().toString();
        String name = unique("Harold Robins");
        String token = TestTokens.archivist("Ada");
        Set<String> ids = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(CompletableFuture.runAsync(() -> ids.add(create(key, Map.of("preferredName", name), token))));
        }
        calls.forEach(CompletableFuture::join);
        org.junit.jupiter.api.Assertions.assertEquals(1, ids.size(), "one entity for one key: " + ids);
        given().queryParam("name", name).get("/people").then().body("total", is(1));
    }

    @Test
    void theSameKeyForAnotherRequestIs422AndWritesNothing() {
        String key = UUID.randomUUID().toString();
        create(key, Map.of("preferredName", unique("Otto Schüssler")), TestTokens.archivist("Ada"));
        String changed = unique("Walter Held");
        given().header("Idempotency-Key", key).header("Authorization", TestTokens.archivist("Ada"))
                .contentType(ContentType.JSON).body(Map.of("preferredName", changed)).post("/people")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("different request"));
        given().queryParam("name", changed).get("/people").then().body("total", is(0));
    }

    @Test
    void aMalformedKeyIs400NamingTheHeader() {
        given().header("Idempotency-Key", "x".repeat(300)).contentType(ContentType.JSON)
                .body(Map.of("preferredName", unique("Long Key"))).post("/people")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("Idempotency-Key")).body("detail", not(containsString("xxxxxxxx")));
    }
}
