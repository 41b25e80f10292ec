package org.memoria.sources;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.memoria.sources.Archive.citation;
import static org.memoria.sources.Archive.claim;
import static org.memoria.sources.Archive.claimBody;
import static org.memoria.sources.Archive.evidence;
import static org.memoria.sources.Archive.ref;
import static org.memoria.sources.Archive.source;
import static org.memoria.sources.Archive.sourceBody;
import static org.memoria.sources.Archive.tag;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.TestTokens;
import org.memoria.sources.Archive.Harte;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "sources"))
class ClaimResourceTest {

    @Test
    void harteWasAGpuAgentAssertedIn1975DisputedThatYearAndEstablishedByTheCables() {
        String tag = tag();
        Harte harte = Harte.record(tag);
        String location = given().contentType(ContentType.JSON)
                .body(claimBody("Robert Sheldon Harte was a GPU agent " + tag, List.of(ref("PERSON", harte.person())),
                        harte.evidence()))
                .post("/claims").then().statusCode(201).header("ETag", "\"0\"")
                .body("status", equalTo("ESTABLISHED"))
                .extract().header("Location");

        given().get(location).then().statusCode(200).header("ETag", "\"0\"")
                .body("statement", equalTo("Robert Sheldon Harte was a GPU agent " + tag))
                .body("subjects[0].kind", equalTo("PERSON"))
                .body("subjects[0].id", equalTo(harte.person().toString()))
                .body("status", equalTo("ESTABLISHED"))
                .body("history.asOf", contains("1975-05", "1975-06/1977", "1995"))
                .body("history.status", contains("ASSERTED", "DISPUTED", "ESTABLISHED"))
                .body("history.citationId", contains(harte.icfi(), harte.swp(), harte.venona()))
                // the evidence in the order of its sources' dates, with the passages and their sources
                .body("evidence.citationId", contains(harte.icfi(), harte.swp(), harte.venona()))
                .body("evidence.stance", contains("SUPPORTS", "DISPUTES", "SUPPORTS"))
                .body("evidence.strength", contains("INDICATIVE", "INDICATIVE", "CONCLUSIVE"))
                .body("evidence.sourceId", contains(harte.icfiSource(), harte.swpSource(), harte.venonaSource()))
                .body("evidence[0].sourceTitle", equalTo("Security and the Fourth International " + tag))
                .body("evidence[0].sourceDate.display", equalTo("May 1975"))
                .body("evidence[1].quote", equalTo("desecrating the grave of Robert Sheldon Harte"))
                .body("evidence[1].locator", nullValue())
                .body("evidence[2].locator", equalTo("cables naming Harte"))
                .body("evidence[2].sourceDate.edtf", equalTo("1995"));
    }

    @Test
    void aClaimWithoutEvidenceIsAssertedWithNoHistory() {
        String id = claim("Sylvia Ageloff knew Mercader was a GPU agent " + tag(), List.of(), List.of());
        given().get("/claims/" + id).then().statusCode(200)
                .body("status", equalTo("ASSERTED"))
                .body("history", empty())
                .body("evidence", empty());
    }

    @Test
    void theStatusIsDerivedNeverWritten() {
        String tag = tag();
        String laVoz = source("NEWSPAPER", "La Voz de Mexico " + tag, "1940");
        String selfAssault = citation(laVoz, null, "the attack was a self-assault organised by Trotsky himself");
        Map<String, Object> body = claimBody("The May 24 attack was a self-assault organised by Trotsky " + tag,
                List.of(), List.of(evidence(selfAssault, "SUPPORTS", null)));
        body.put("status", "ESTABLISHED");
        given().contentType(ContentType.JSON).body(body).post("/claims").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("status"))
                .body("errors[0].reason", containsString("unknown field"));
        given().queryParam("size", 100).get("/claims").then()
                .body("items.statement", not(hasItem("The May 24 attack was a self-assault organised by Trotsky " + tag)));
    }

    @Test
    void evidenceMustCiteAnExistingCitationOfThisServiceOnce() {
        String tag = tag();
        String fbi = source("ARCHIVAL_RECORD", "FBI records on Joseph Hansen " + tag, null);
        String contact = citation(fbi, null, "Hansen informed the FBI that he had been in contact with the GPU as far "
                + "back as 1938");
        UUID nowhere = UUID.randomUUID();
        String statement = "Joseph Hansen was in contact with the GPU from 1938 " + tag;

        given().contentType(ContentType.JSON).body(claimBody(statement, List.of(), List.of(
                evidence(contact, "SUPPORTS", null), evidence(nowhere.toString(), "SUPPORTS", null),
                evidence(fbi, "SUPPORTS", "CONCLUSIVE"), evidence(contact, "DISPUTES", null))))
                .post("/claims").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("evidence[1].citationId", "evidence[2].citationId",
                        "evidence[3].citationId"))
                .body("errors[0].reason", equalTo("no citation with id " + nowhere))
                .body("errors[1].reason", equalTo(fbi + " is a source, not a citation"))
                .body("errors[2].reason", containsString("already evidence of this claim"));
        given().contentType(ContentType.JSON).body(claimBody(statement, List.of(),
                List.of(Map.of("citationId", contact, "stance", "CONFIRMS")))).post("/claims").then().statusCode(400)
                .body("errors[0].field", equalTo("evidence[0].stance"))
                .body("errors[0].reason", containsString("SUPPORTS, DISPUTES"));
        given().contentType(ContentType.JSON).body(claimBody(statement, List.of(),
                List.of(evidence(contact, "SUPPORTS", "DECISIVE")))).post("/claims").then().statusCode(400)
                .body("errors[0].field", equalTo("evidence[0].strength"));
        given().contentType(ContentType.JSON).body(claimBody(" ", List.of(), List.of())).post("/claims").then()
                .statusCode(400).body("errors[0].field", equalTo("statement"));
        given().contentType(ContentType.JSON).body(claimBody(statement, List.of(ref("CLAIM", nowhere)), List.of()))
                .post("/claims").then().statusCode(400)
                .body("errors[0].field", equalTo("subjects[0].id"))
                .body("errors[0].reason", equalTo("no claim with id " + nowhere));
        given().queryParam("size", 100).get("/claims").then().body("items.statement", not(hasItem(statement)));
    }

    @Test
    void listsClaimsBySubjectAndStatus() {
        String tag = tag();
        Harte harte = Harte.record(tag);
        UUID franklin = UUID.randomUUID();
        String established = harte.claim("Robert Sheldon Harte was a GPU agent " + tag);
        String disputed = claim("Robert Sheldon Harte was an innocent victim " + tag,
                List.of(ref("PERSON", harte.person())), List.of(evidence(harte.swp(), "SUPPORTS", null),
                        evidence(harte.icfi(), "DISPUTES", null)));
        String venonaOnFranklin = claim("Sylvia Franklin was a GPU agent " + tag, List.of(ref("PERSON", franklin)),
                List.of(evidence(harte.venona(), "SUPPORTS", "CONCLUSIVE")));

        given().queryParam("subjectId", harte.person().toString()).get("/claims").then().statusCode(200)
                .body("total", is(2)).body("items.id", contains(established, disputed))
                .body("items[0].history.status", contains("ASSERTED", "DISPUTED", "ESTABLISHED"));
        given().queryParam("subjectKind", "PERSON").queryParam("subjectId", franklin.toString()).get("/claims")
                .then().body("items.id", contains(venonaOnFranklin));
        given().queryParam("subjectKind", "EVENT").queryParam("subjectId", franklin.toString()).get("/claims")
                .then().body("total", is(0));
        given().queryParam("subjectId", harte.person().toString()).queryParam("status", "DISPUTED").get("/claims")
                .then().body("items.id", contains(disputed));
        given().queryParam("status", "ESTABLISHED").queryParam("size", 100).get("/claims").then()
                .body("items.status", everyItem(equalTo("ESTABLISHED")))
                .body("items.id", hasItem(venonaOnFranklin));
        given().queryParam("status", "PROVEN").get("/claims").then().statusCode(400)
                .body("errors[0].field", equalTo("status"))
                .body("errors[0].reason", containsString("REFUTED"));
        given().queryParam("subjectKind", "AGENT").get("/claims").then().statusCode(400)
                .body("errors[0].field", equalTo("subjectKind"));
        given().queryParam("size", 101).get("/claims").then().statusCode(400).body("errors[0].field", equalTo("size"));
    }

    @Test
    void changingOrDeletingRequiresTheCurrentVersionAndAnIdenticalPutChangesNothing() {
        String tag = tag();
        Harte harte = Harte.record(tag);
        String statement = "Robert Sheldon Harte was a GPU agent " + tag;
        String id = harte.claim(statement);
        Map<String, Object> body = claimBody(statement, List.of(ref("PERSON", harte.person())), harte.evidence());
        Map<String, Object> withoutCables = claimBody(statement, List.of(ref("PERSON", harte.person())),
                harte.evidence().subList(1, 3));

        given().contentType(ContentType.JSON).body(withoutCables).put("/claims/" + id).then().statusCode(428)
                .header("ETag", "\"0\"");
        given().delete("/claims/" + id).then().statusCode(428);
        // the same claim with the strength left out where it was INDICATIVE is the same claim
        given().contentType(ContentType.JSON).body(body).header("If-Match", "\"0\"").put("/claims/" + id).then()
                .statusCode(200).body("version", is(0));
        given().contentType(ContentType.JSON).body(withoutCables).header("If-Match", "\"0\"").put("/claims/" + id)
                .then().statusCode(200).header("ETag", "\"1\"")
                .body("status", equalTo("DISPUTED"))
                .body("history.status", contains("ASSERTED", "DISPUTED"));
        given().contentType(ContentType.JSON).body(body).header("If-Match", "\"0\"").put("/claims/" + id).then()
                .statusCode(412).body("detail", containsString("version 1"));
        given().header("If-Match", "\"0\"").delete("/claims/" + id).then().statusCode(412);
        given().get("/claims/" + id).then().body("status", equalTo("DISPUTED"));
        given().header("If-Match", "\"1\"").delete("/claims/" + id).then().statusCode(204);
        given().get("/claims/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aSourcesNewDateReordersTheEvidenceAndRederivesTheClaim() {
        String tag = tag();
        Harte harte = Harte.record(tag);
        String id = harte.claim("Robert Sheldon Harte was a GPU agent " + tag);

        // were the statement dated after the cables, the dispute would never have changed the status
        Map<String, Object> later = sourceBody("STATEMENT",
                "Statement accusing the ICFI of \"desecrating the grave of Robert Sheldon Harte\" " + tag, "1996");
        given().contentType(ContentType.JSON).body(later).header("If-Match", "\"0\"").put("/sources/" + harte.swpSource())
                .then().statusCode(200);

        given().get("/claims/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("status", equalTo("ESTABLISHED"))
                .body("history.asOf", contains("1975-05", "1995"))
                .body("history.status", contains("ASSERTED", "ESTABLISHED"))
                .body("evidence.citationId", contains(harte.icfi(), harte.venona(), harte.swp()))
                .body("evidence[2].sourceDate.edtf", equalTo("1996"));
        // a change of the source that leaves its date alone leaves the claim alone
        later.put("language", "en");
        given().contentType(ContentType.JSON).body(later).header("If-Match", "\"1\"").put("/sources/" + harte.swpSource())
                .then().statusCode(200);
        given().get("/claims/" + id).then().header("ETag", "\"1\"");
    }

    @Test
    void aCitationMovedToAnotherSourceRederivesTheClaimsCitingIt() {
        String tag = tag();
        Harte harte = Harte.record(tag);
        String id = harte.claim("Robert Sheldon Harte was a GPU agent " + tag);
        String archives = source("ARCHIVAL_RECORD", "GPU archives released after 1991 " + tag, "1992");
        // the passage on the cables turns out to come from the GPU archives
        given().contentType(ContentType.JSON)
                .body(Archive.citationBody(archives, "cables naming Harte",
                        "the definitive proof that Harte, Franklin and others were GPU agents",
                        ref("PERSON", harte.person())))
                .header("If-Match", "\"0\"").put("/citations/" + harte.venona()).then().statusCode(200);

        given().get("/claims/" + id).then().header("ETag", "\"1\"")
                .body("history.asOf", contains("1975-05", "1975-06/1977", "1992"))
                .body("evidence[2].sourceId", equalTo(archives))
                .body("evidence[2].sourceTitle", equalTo("GPU archives released after 1991 " + tag));
    }

    @Test
    void revisionsSayWhoChangedWhatAndWhen() {
        String tag = tag();
        Harte harte = Harte.record(tag);
        String statement = "Robert Sheldon Harte was a GPU agent " + tag;
        String id = given().contentType(ContentType.JSON).header("Authorization", TestTokens.archivist("David"))
                .body(claimBody(statement, List.of(ref("PERSON", harte.person())), harte.evidence().subList(1, 3)))
                .post("/claims").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("Authorization", TestTokens.archivist("Eric")).header("If-Match", "\"0\"")
                .body(claimBody(statement, List.of(ref("PERSON", harte.person())), harte.evidence()))
                .put("/claims/" + id).then().statusCode(200);

        given().get("/claims/" + id + "/revisions").then().statusCode(200)
                .body("change", contains("CREATED", "UPDATED"))
                .body("author", contains("David", "Eric"))
                .body("[0].state.status", equalTo("DISPUTED"))
                .body("[1].state.status", equalTo("ESTABLISHED"))
                .body("[1].changed", hasItem("evidence"))
                .body("[1].changed", hasItem("status"))
                .body("[1].state.history.asOf", contains("1975-05", "1975-06/1977", "1995"));
        given().get("/claims/" + UUID.randomUUID() + "/revisions").then().statusCode(404);
    }

    @Test
    void aClaimNamedByAnotherClaimCannotBeDeleted() {
        String tag = tag();
        String hansen = claim("Joseph Hansen was in contact with the GPU from 1938 " + tag, List.of(), List.of());
        Map<String, Object> subjects = new HashMap<>(claimBody("The SWP covered up Hansen's GPU contacts " + tag,
                List.of(ref("CLAIM", hansen)), List.of()));
        String coverUp = given().contentType(ContentType.JSON).body(subjects).post("/claims").then().statusCode(201)
                .extract().path("id");
        given().header("If-Match", "\"0\"").delete("/claims/" + hansen).then().statusCode(409)
                .body("detail", containsString("a subject of claim " + coverUp));
    }
}
