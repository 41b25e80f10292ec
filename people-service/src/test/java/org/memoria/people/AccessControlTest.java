package org.memoria.people;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.memoria.people.Fixtures.unique;

import java.nio.file.Files;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.TestTokens;
import org.memoria.local.Tokens;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The trust boundary on an owner's own port: no way around the gateway without a valid token and the right role. */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "people"))
class AccessControlTest {

    private static final String AUTHORIZATION = "Authorization";

    @Test
    void anonymousCallersReadButCannotWriteAndAre401WithABearerChallenge() {
        String name = unique("Anonymous Writer");
        given().header(AUTHORIZATION, TestTokens.ANONYMOUS).get("/people").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff");
        given().header(AUTHORIZATION, TestTokens.ANONYMOUS).contentType(ContentType.JSON)
                .body(Map.of("preferredName", name)).post("/people")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", is(401)).body("detail", containsString("bearer token"));
        given().header(AUTHORIZATION, TestTokens.ANONYMOUS).header("If-Match", "\"0\"")
                .delete("/people/" + UUID.randomUUID()).then().statusCode(401);
        given().queryParam("name", name).get("/people").then().body("total", is(0));
    }

    @Test
    void anonymousCallersReadOneEntityAndItsRevisions() {
        String someone = Fixtures.person(unique("Read by anyone"));
        given().header(AUTHORIZATION, TestTokens.ANONYMOUS).get("/people/" + someone)
                .then().statusCode(200).body("id", equalTo(someone));
        given().header(AUTHORIZATION, TestTokens.ANONYMOUS).get("/people/" + someone + "/revisions")
                .then().statusCode(200).body("size()", is(1));
    }

    @Test
    void aReaderMayNotWrite() {
        given().header(AUTHORIZATION, TestTokens.reader("Rita")).contentType(ContentType.JSON)
                .body(Map.of("preferredName", unique("Reader Writer"))).post("/people")
                .then().statusCode(403).contentType("application/problem+json").body("status", is(403));
    }

    @Test
    void archivistsAndAdminsWrite() {
        given().header(AUTHORIZATION, TestTokens.archivist("Ada")).contentType(ContentType.JSON)
                .body(Map.of("preferredName", unique("Natalia Sedova"))).post("/people").then().statusCode(201);
        given().header(AUTHORIZATION, TestTokens.admin("Root")).contentType(ContentType.JSON)
                .body(Map.of("preferredName", unique("Natalia Sedova"))).post("/people").then().statusCode(201);
    }

    @jakarta.inject.Inject
    io.smallrye.jwt.auth.principal.JWTParser tokenParser;

    @Test
    void bearerTokensAreCheckedByTheVerifierThatRemembersVerifiedTokens() {
        org.junit.jupiter.api.Assertions.assertInstanceOf(org.memoria.common.security.VerifiedTokens.class,
                io.quarkus.arc.ClientProxy.unwrap(tokenParser));
    }

    @Test
    void expiredForeignTamperedAndWronglySignedTokensAreRefused() throws Exception {
        String good = TestTokens.archivist("Ada");
        String[] parts = good.substring("Bearer ".length()).split("\\.");
        // the same signature over a payload that now claims the admin role
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"archivist\"", "\"admin\"");
        String tampered = "Bearer " + parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes()) + "." + parts[2];
        Tokens stranger = Tokens.inDirectory(Files.createTempDirectory("stranger-keys-"));
        String wronglySigned = "Bearer " + stranger.archivist("Ada");

        // the good token, verified and remembered first (VerifiedTokens), lends nothing to the tampered one
        given().header(AUTHORIZATION, good).contentType(ContentType.JSON).body(Map.of("preferredName", unique("Ada")))
                .post("/people").then().statusCode(201);
        for (String token : new String[] { TestTokens.expired("Ada"), TestTokens.otherIssuer("Ada"), tampered,
                wronglySigned, "Bearer not-a-jwt", "Basic YWRhOmFkYQ==" }) {
            String name = unique("Forged");
            given().header(AUTHORIZATION, token).contentType(ContentType.JSON).body(Map.of("preferredName", name))
                    .post("/people").then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer"));
            given().queryParam("name", name).get("/people").then().body("total", is(0));
        }
        // a bad token is refused on a read too, rather than silently read as anonymous
        given().header(AUTHORIZATION, TestTokens.expired("Ada")).get("/people").then().statusCode(401);
    }

    @Test
    void revisionsNameTheTokensSubjectWhateverHeadersTheClientAdds() {
        String id = given().header(AUTHORIZATION, TestTokens.archivist("Ada Lovelace")).header("X-Archivist", "Mallory")
                .contentType(ContentType.JSON).body(Map.of("preferredName", unique("Jake Cooper"))).post("/people")
                .then().statusCode(201).extract().path("id");
        given().get("/people/" + id + "/revisions").then().statusCode(200).body("[0].author", equalTo("Ada Lovelace"));
    }

    @Test
    void aPartnerChangesAndDeletesOnlyWhatItCreated() {
        String acme = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        String name = unique("Partner Person");
        String id = given().header(AUTHORIZATION, TestTokens.partner(acme)).contentType(ContentType.JSON)
                .body(Map.of("preferredName", name)).post("/people").then().statusCode(201).extract().path("id");

        // another partner: 403 on replace and delete, and nothing changes
        String other = TestTokens.partner("other-" + acme);
        given().header(AUTHORIZATION, other).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(Map.of("preferredName", "Hijacked")).put("/people/" + id)
                .then().statusCode(403).contentType("application/problem+json").body("detail", containsString(id));
        given().header(AUTHORIZATION, other).header("If-Match", "\"0\"").delete("/people/" + id).then().statusCode(403);
        given().get("/people/" + id).then().statusCode(200).body("preferredName", equalTo(name)).body("version", is(0));

        // the partner that created it may change it; an archivist may change anything
        given().header(AUTHORIZATION, TestTokens.partner(acme)).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(Map.of("preferredName", name + " (corrected)")).put("/people/" + id).then().statusCode(200);
        given().header(AUTHORIZATION, TestTokens.archivist("Ada")).header("If-Match", "\"1\"")
                .contentType(ContentType.JSON).body(Map.of("preferredName", name)).put("/people/" + id)
                .then().statusCode(200);
        // a partner may not touch what an archivist created either
        String archived = Fixtures.person(unique("Archived"));
        given().header(AUTHORIZATION, TestTokens.partner(acme)).header("If-Match", "\"0\"").delete("/people/" + archived)
                .then().statusCode(403);
        given().header(AUTHORIZATION, TestTokens.partner(acme)).header("If-Match", "\"2\"").delete("/people/" + id)
                .then().statusCode(204);
    }

    @Test
    void aPartnerTokenWithoutAPartnerIdMayNotWrite() {
        String token = "Bearer " + TestTokens.issuer().issue(Tokens.ISSUER, "nobody", Set.of("partner"), null,
                java.time.Instant.now().plusSeconds(600));
        given().header(AUTHORIZATION, token).contentType(ContentType.JSON)
                .body(Map.of("preferredName", unique("Partnerless"))).post("/people")
                .then().statusCode(403).body("detail", containsString("partner id"));
    }
}
