package org.memoria.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.memoria.common.problem.Problem;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.TestTokens;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The gateway's side of the trust boundary: open reads, writes that need a writer's token, admin for admins. */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class AccessControlTest {

    private static final String AUTHORIZATION = "Authorization";

    @Test
    void anyoneReadsTheArchive() {
        for (String path : new String[] { "/api/timeline", "/api/search?q=Trotsky", "/api/ping",
                "/api/anniversaries?on=2025-05-24" }) {
            given().header(AUTHORIZATION, TestTokens.ANONYMOUS).get(path).then().statusCode(200)
                    .header("X-Content-Type-Options", "nosniff");
        }
    }

    @Test
    void writesWithoutATokenAreRefusedBeforeReachingAnOwner() {
        // no owner runs beside this test application: a 401 here was answered by the gateway itself
        given().header(AUTHORIZATION, TestTokens.ANONYMOUS).contentType(ContentType.JSON)
                .body(Map.of("preferredName", "Nobody")).post("/api/people")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
        given().header(AUTHORIZATION, TestTokens.reader("Rita")).header("If-Match", "\"0\"")
                .delete("/api/events/" + UUID.randomUUID()).then().statusCode(403)
                .contentType("application/problem+json");
        given().header(AUTHORIZATION, TestTokens.expired("Ada")).contentType(ContentType.JSON)
                .body(Map.of("title", "x")).put("/api/events/" + UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    void everyRoutedCollectionReadsOpenlyAndWritesOnlyForWriters() {
        // no owner runs beside this test application: 404, 401 and 403 here were all answered by the gateway itself,
        // and a 503 says the gateway let an anonymous read through to route it to the (absent) owner
        for (String collection : new String[] { "people", "organisations", "memberships", "relations", "events",
                "places", "sources", "citations", "claims" }) {
            String one = "/api/" + collection + "/" + UUID.randomUUID();
            given().header(AUTHORIZATION, TestTokens.ANONYMOUS).get(one).then().statusCode(404)
                    .contentType("application/problem+json").body("instance", is(one));
            for (String routed : new String[] { "/api/" + collection, one + "/revisions" }) {
                given().header(AUTHORIZATION, TestTokens.ANONYMOUS).get(routed).then().statusCode(503)
                        .contentType("application/problem+json").header("Retry-After", "2")
                        .body("type", is(Problem.TYPE_BASE + "owner-unavailable"));
            }
            given().header(AUTHORIZATION, TestTokens.ANONYMOUS).contentType(ContentType.JSON).body(Map.of())
                    .post("/api/" + collection).then().statusCode(401);
            given().header(AUTHORIZATION, TestTokens.ANONYMOUS).contentType(ContentType.JSON).body(Map.of())
                    .put(one).then().statusCode(401);
            given().header(AUTHORIZATION, TestTokens.reader("Rita")).header("If-Match", "\"0\"").delete(one)
                    .then().statusCode(403);
        }
    }

    @Test
    void aPathUnderAnEntityThatTheOwnerDoesNotServeIsNotRouted() {
        String path = "/api/events/" + UUID.randomUUID() + "/members";
        given().get(path).then().statusCode(404).contentType("application/problem+json")
                .body("detail", is("/api/events/{id}/ serves children, revisions; not 'members'"));
    }

    @Test
    void managingTheReadModelNeedsTheAdminRole() {
        given().header(AUTHORIZATION, TestTokens.ANONYMOUS).post("/api/admin/read-model/rebuild").then()
                .statusCode(401).contentType("application/problem+json");
        for (String writer : new String[] { TestTokens.archivist("Ada"), TestTokens.partner("acme") }) {
            given().header(AUTHORIZATION, writer).post("/api/admin/read-model/rebuild").then().statusCode(403)
                    .contentType("application/problem+json").body("status", is(403));
            given().header(AUTHORIZATION, writer).get("/api/admin/read-model").then().statusCode(403);
        }
        given().header(AUTHORIZATION, TestTokens.admin("Root")).get("/api/admin/read-model").then().statusCode(200);
    }

    @Test
    void theOpenApiDocumentDeclaresTheBearerScheme() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.bearer.type", is("http"))
                .body("components.securitySchemes.bearer.scheme", is("bearer"))
                .body("paths.'/api/people'.post.security[0].bearer", org.hamcrest.Matchers.notNullValue());
    }
}
