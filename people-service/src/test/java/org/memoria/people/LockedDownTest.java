package org.memoria.people;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.TestTokens;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** A deployment that needs a role to read, with a small rate limit: the settings docs/security.md describes. */
@QuarkusTest
@TestProfile(LockedDownTest.LockedDown.class)
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = { @ResourceArg(name = "database", value = "people"), @ResourceArg(name = "rateLimit", value = "1/5") })
class LockedDownTest {

    public static class LockedDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("memoria.security.anonymous-reads", "false");
        }
    }

    @Test
    void readsNeedARoleWhenAnonymousReadsAreOff() {
        given().header("Authorization", TestTokens.ANONYMOUS).get("/people").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", TestTokens.reader("Rita")).get("/people").then().statusCode(200);
        given().header("Authorization", TestTokens.partner("readers-too")).get("/people").then().statusCode(200);
    }

    @Test
    void aCallerOverItsRateLimitGets429WithRetryAfterAndOthersAreUnaffected() {
        String greedy = TestTokens.reader("Greedy");
        Response last = null;
        for (int i = 0; i < 20 && (last == null || last.statusCode() != 429); i++) {
            last = given().header("Authorization", greedy).get("/people");
        }
        last.then().statusCode(429).contentType("application/problem+json").body("status", is(429))
                .body("detail", containsString("retry after"));
        assertTrue(Integer.parseInt(last.header("Retry-After")) >= 1, "Retry-After in whole seconds");
        // the limit is per caller
        given().header("Authorization", TestTokens.reader("Patient")).get("/people").then().statusCode(200);
    }
}
