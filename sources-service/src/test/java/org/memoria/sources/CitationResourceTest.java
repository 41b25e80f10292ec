package org.memoria.sources;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.memoria.sources.Archive.citation;
import static org.memoria.sources.Archive.citationBody;
import static org.memoria.sources.Archive.claim;
import static org.memoria.sources.Archive.claimBody;
import static org.memoria.sources.Archive.evidence;
import static org.memoria.sources.Archive.ref;
import static org.memoria.sources.Archive.source;
import static org.memoria.sources.Archive.tag;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.TestTokens;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "sources"))
class CitationResourceTest {

    private static final String ACCIDENTAL_FAILURE = "The accidental failure of the assault, so carefully and so ably "
            + "prepared, is a serious blow to Stalin. The GPU must rehabilitate itself with Stalin.";
    private static final String OLD_MAN = "As long as the Old Man lives, there will be no security for the triumphant "
            + "bureaucracy.";

    @Test
    void recordsAPassageOfASourceWithWhatItIsAbout() {
        UUID attack = UUID.randomUUID();
        UUID trotsky = UUID.randomUUID();
        String stalinSeeksMyDeath = source("ARTICLE", "Stalin Seeks My Death", "1940-06-08");
        String location = given().contentType(ContentType.JSON)
                .body(citationBody(stalinSeeksMyDeath, "closing section", ACCIDENTAL_FAILURE, ref("EVENT", attack),
                        ref("PERSON", trotsky)))
                .post("/citations").then().statusCode(201).header("ETag", "\"0\"")
                .header("Location", containsString("/citations/"))
                .body("version", is(0)).extract().header("Location");

        given().get(location).then().statusCode(200).header("ETag", "\"0\"")
                .body("sourceId", equalTo(stalinSeeksMyDeath))
                .body("locator", equalTo("closing section"))
                .body("quote", equalTo(ACCIDENTAL_FAILURE))
                .body("about.kind", contains("EVENT", "PERSON"))
                .body("about.id", contains(attack.toString(), trotsky.toString()))
                .body("note", nullValue());
    }

    @Test
    void rejectsASourceIdThatIsMissingOrOfAnotherKindNamingTheField() {
        String tag = tag();
        String serge = source("ESSAY", "Victor Serge on the Old Man " + tag, "1937");
        String passage = citation(serge, null, OLD_MAN);
        String claim = claim("Stalin feared Trotsky above all " + tag, List.of(), List.of(evidence(passage, "SUPPORTS", null)));
        UUID nowhere = UUID.randomUUID();

        given().contentType(ContentType.JSON).body(citationBody(nowhere.toString(), null, OLD_MAN)).post("/citations")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("sourceId"))
                .body("errors[0].reason", equalTo("no source with id " + nowhere));
        given().contentType(ContentType.JSON).body(citationBody(claim, null, OLD_MAN)).post("/citations")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("sourceId"))
                .body("errors[0].reason", equalTo(claim + " is a claim, not a source"));
        given().contentType(ContentType.JSON).body(citationBody(passage, null, OLD_MAN)).post("/citations")
                .then().statusCode(400)
                .body("errors[0].reason", equalTo(passage + " is a citation, not a source"));
        given().contentType(ContentType.JSON).body(Map.of("quote", OLD_MAN)).post("/citations")
                .then().statusCode(400).body("errors[0].field", equalTo("sourceId"));
        given().queryParam("sourceId", serge).get("/citations").then().body("total", is(1));
    }

    @Test
    void checksAboutEntriesOfThisServicesKindsButNotThoseOfOtherServices() {
        String tag = tag();
        String blake = source("ARTICLE", "85 years since the May 24, 1940 assassination attempt " + tag, "2025-05-28");
        String passage = citation(blake, null, "Trotsky's assassination on August 20, 1940 was the most consequential "
                + "political crime of the 20th century.");
        UUID unknownPerson = UUID.randomUUID();
        UUID missingSource = UUID.randomUUID();

        given().contentType(ContentType.JSON)
                .body(citationBody(blake, null, "the release of GPU archives", ref("PERSON", unknownPerson),
                        ref("SOURCE", missingSource), ref("CLAIM", passage), ref("CITATION", passage)))
                .post("/citations").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("about[1].id", "about[2].id"))
                .body("errors[0].reason", equalTo("no source with id " + missingSource))
                .body("errors[1].reason", equalTo(passage + " is a citation, not a claim"));

        // a person the people service may not know yet is not this service's to check
        String id = citation(blake, null, "the release of GPU archives", ref("PERSON", unknownPerson),
                ref("SOURCE", blake), ref("CITATION", passage));
        given().get("/citations/" + id).then().body("about.kind", contains("PERSON", "SOURCE", "CITATION"));
    }

    @Test
    void rejectsAnOversizedQuoteAnUnknownKindAndUnknownFields() {
        String source = source("BOOK", "Trotsky: The Eternal Revolutionary " + tag(), "1996");
        given().contentType(ContentType.JSON).body(citationBody(source, null, "x".repeat(20_001))).post("/citations")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("quote"));
        given().contentType(ContentType.JSON).body(citationBody(source, null, "News of the failure",
                Map.of("kind", "COMRADE", "id", UUID.randomUUID().toString()))).post("/citations")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("about[0].kind"))
                .body("errors[0].reason", containsString("PERSON"));
        Map<String, Object> body = citationBody(source, null, "News of the failure");
        body.put("page", 12);
        given().contentType(ContentType.JSON).body(body).post("/citations").then().statusCode(400)
                .body("errors[0].field", equalTo("page"))
                .body("errors[0].reason", containsString("locator"));
        given().queryParam("sourceId", source).get("/citations").then().body("total", is(0));
        // exactly the largest quote is accepted
        citation(source, null, "y".repeat(20_000));
    }

    @Test
    void listsTheCitationsOfASourceAndByWhatTheyAreAbout() {
        String tag = tag();
        UUID attack = UUID.randomUUID();
        UUID seva = UUID.randomUUID();
        String stalinSeeksMyDeath = source("ARTICLE", "Stalin Seeks My Death " + tag, "1940-06-08");
        String fatherAndSon = source("ARTICLE", "Father and Son " + tag, "1940~");
        String shots = citation(stalinSeeksMyDeath, "account of the night", "The shots came from all sides",
                ref("EVENT", attack));
        String grandson = citation(stalinSeeksMyDeath, "account of the night", "Crying, \"Grandfather!\"",
                ref("EVENT", attack), ref("PERSON", seva));
        String investigation = citation(fatherAndSon, null, "Lev Davidovich was taking part in the conduct of the "
                + "investigation of the case of May 24.", ref("EVENT", attack));

        given().get("/sources/" + stalinSeeksMyDeath + "/citations").then().statusCode(200)
                .body("total", is(2)).body("items.id", contains(shots, grandson));
        given().queryParam("size", 1).queryParam("page", 1).get("/sources/" + stalinSeeksMyDeath + "/citations")
                .then().body("items.id", contains(grandson)).body("page", is(1));
        given().get("/sources/" + UUID.randomUUID() + "/citations").then().statusCode(404)
                .contentType("application/problem+json");

        given().queryParam("aboutId", attack.toString()).get("/citations").then().statusCode(200)
                .body("total", is(3)).body("items.id", containsInAnyOrder(shots, grandson, investigation));
        given().queryParam("aboutKind", "PERSON").queryParam("aboutId", seva.toString()).get("/citations").then()
                .body("items.id", contains(grandson));
        given().queryParam("aboutKind", "EVENT").queryParam("aboutId", seva.toString()).get("/citations").then()
                .body("total", is(0));
        given().queryParam("sourceId", fatherAndSon).queryParam("aboutId", attack.toString()).get("/citations").then()
                .body("items.id", contains(investigation));
        given().queryParam("aboutKind", "COMRADE").get("/citations").then().statusCode(400)
                .body("errors[0].field", equalTo("aboutKind"));
        given().queryParam("sourceId", "stalin-seeks-my-death").get("/citations").then().statusCode(400)
                .body("errors[0].field", equalTo("sourceId"));
    }

    @Test
    void changingOrDeletingRequiresTheCurrentVersionAndAnIdenticalPutChangesNothing() {
        String source = source("BOOK", "Trotsky: The Eternal Revolutionary " + tag(), "1996");
        Map<String, Object> body = citationBody(source, null, "News of the failure of the assassination attempt sent "
                + "Stalin into a rage");
        String id = given().contentType(ContentType.JSON).body(body).post("/citations").then().statusCode(201)
                .extract().path("id");
        Map<String, Object> located = citationBody(source, "chapter on Mexico", "News of the failure of the "
                + "assassination attempt sent Stalin into a rage");
        given().contentType(ContentType.JSON).body(located).put("/citations/" + id).then().statusCode(428)
                .header("ETag", "\"0\"");
        given().delete("/citations/" + id).then().statusCode(428);
        given().contentType(ContentType.JSON).body(located).header("If-Match", "\"0\"").put("/citations/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").body("locator", equalTo("chapter on Mexico"));
        given().contentType(ContentType.JSON).body(located).header("If-Match", "\"1\"").put("/citations/" + id)
                .then().statusCode(200).body("version", is(1));
        given().contentType(ContentType.JSON).body(body).header("If-Match", "\"0\"").put("/citations/" + id)
                .then().statusCode(412).body("detail", containsString("version 1"));
        given().header("If-Match", "\"0\"").delete("/citations/" + id).then().statusCode(412);
        given().get("/citations/" + id).then().body("locator", equalTo("chapter on Mexico"));
        given().header("If-Match", "\"1\"").delete("/citations/" + id).then().statusCode(204);
        given().get("/citations/" + id).then().statusCode(404);

        String created = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(body).put("/citations/" + created).then().statusCode(201)
                .header("Location", startsWith("http")).body("id", equalTo(created));
    }

    @Test
    void aCitationThatIsEvidenceAndACitedSourceCannotBeDeleted() {
        String tag = tag();
        String volkogonov = source("BOOK", "Trotsky: The Eternal Revolutionary " + tag, "1996");
        String rage = citation(volkogonov, null, "News of the failure of the assassination attempt sent Stalin into "
                + "a rage");
        String statement = "The failure of May 24 enraged Stalin " + tag;
        String claim = claim(statement, List.of(), List.of(evidence(rage, "SUPPORTS", null)));

        given().header("If-Match", "\"0\"").delete("/citations/" + rage).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("evidence of claim " + claim))
                .body("detail", containsString(statement));
        given().header("If-Match", "\"0\"").delete("/sources/" + volkogonov).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString(rage));
        given().get("/citations/" + rage).then().statusCode(200);
        given().get("/sources/" + volkogonov).then().statusCode(200);

        // once nothing refers to them any more, they go
        given().contentType(ContentType.JSON).body(claimBody(statement, List.of(), List.of()))
                .header("If-Match", "\"0\"").put("/claims/" + claim).then().statusCode(200);
        given().header("If-Match", "\"0\"").delete("/citations/" + rage).then().statusCode(204);
        given().header("If-Match", "\"0\"").delete("/sources/" + volkogonov).then().statusCode(204);
    }

    @Test
    void anEntityNamedInACitationsAboutCannotBeDeleted() {
        String tag = tag();
        String blake = source("ARTICLE", "85 years since the May 24, 1940 assassination attempt " + tag, "2025-05-28");
        String northEssay = source("ESSAY", "Trotsky's Last Year " + tag, "2020?");
        String pointer = citation(blake, "closing paragraph", "read Part 3 of David North's essay", ref("SOURCE", northEssay));
        given().header("If-Match", "\"0\"").delete("/sources/" + northEssay).then().statusCode(409)
                .body("detail", containsString("about of citation " + pointer));
    }

    @Test
    void revisionsSayWhoChangedWhatAndWhen() {
        String source = source("ARTICLE", "Father and Son " + tag(), "1940~");
        String id = given().contentType(ContentType.JSON).header("Authorization", TestTokens.archivist("Natalia"))
                .body(citationBody(source, null, "He followed the developments patiently and tirelessly"))
                .post("/citations").then().statusCode(201).extract().path("id");
        UUID attack = UUID.randomUUID();
        given().contentType(ContentType.JSON).header("Authorization", TestTokens.archivist("Esteban")).header("If-Match", "\"0\"")
                .body(citationBody(source, null, "He followed the developments patiently and tirelessly",
                        ref("EVENT", attack)))
                .put("/citations/" + id).then().statusCode(200);

        given().get("/citations/" + id + "/revisions").then().statusCode(200)
                .body("change", contains("CREATED", "UPDATED"))
                .body("author", contains("Natalia", "Esteban"))
                .body("[1].changed", contains("about"))
                .body("[1].state.about", hasSize(1))
                .body("[1].state.about[0].id", equalTo(attack.toString()));
        given().get("/citations/" + UUID.randomUUID() + "/revisions").then().statusCode(404);
    }
}
