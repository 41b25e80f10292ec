package org.memoria.sources;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.memoria.sources.Archive.allItems;
import static org.memoria.sources.Archive.citation;
import static org.memoria.sources.Archive.claim;
import static org.memoria.sources.Archive.claimBody;
import static org.memoria.sources.Archive.directEvidence;
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
                // the dispute was given without a strength: unweighed, shown as such, never as a guess
                .body("evidence.strength", contains("INDICATIVE", null, "CONCLUSIVE"))
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
        // a subject no other claim has: had the claim been written, listing by it would find it
        UUID trotsky = UUID.randomUUID();
        Map<String, Object> body = claimBody("The May 24 attack was a self-assault organised by Trotsky " + tag,
                List.of(ref("PERSON", trotsky)), List.of(evidence(selfAssault, "SUPPORTS", null)));
        body.put("status", "ESTABLISHED");
        given().contentType(ContentType.JSON).body(body).post("/claims").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("status"))
                .body("errors[0].reason", containsString("unknown field"));
        given().queryParam("subjectId", trotsky.toString()).get("/claims").then().statusCode(200).body("total", is(0));
    }

    @Test
    void evidenceMustCiteAnExistingCitationOfThisServiceOnce() {
        String tag = tag();
        String fbi = source("ARCHIVAL_RECORD", "FBI records on Joseph Hansen " + tag, null);
        String contact = citation(fbi, null, "Hansen informed the FBI that he had been in contact with the GPU as far "
                + "back as 1938");
        UUID nowhere = UUID.randomUUID();
        String statement = "Joseph Hansen was in contact with the GPU from 1938 " + tag;
        // a subject no other claim has: had any of these claims been written, listing by it would find it
        UUID hansen = UUID.randomUUID();
        List<Map<String, Object>> about = List.of(ref("PERSON", hansen));

        given().contentType(ContentType.JSON).body(claimBody(statement, about, List.of(
                evidence(contact, "SUPPORTS", null), evidence(nowhere.toString(), "SUPPORTS", null),
                evidence(fbi, "SUPPORTS", "CONCLUSIVE"), evidence(contact, "DISPUTES", null))))
                .post("/claims").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("evidence[1].citationId", "evidence[2].citationId",
                        "evidence[3].citationId"))
                .body("errors[0].reason", equalTo("no citation with id " + nowhere))
                .body("errors[1].reason", equalTo(fbi + " is a source, not a citation"))
                .body("errors[2].reason", containsString("already evidence of this claim"));
        given().contentType(ContentType.JSON).body(claimBody(statement, about,
                List.of(Map.of("citationId", contact, "stance", "CONFIRMS")))).post("/claims").then().statusCode(400)
                .body("errors[0].field", equalTo("evidence[0].stance"))
                .body("errors[0].reason", containsString("SUPPORTS, DISPUTES"));
        given().contentType(ContentType.JSON).body(claimBody(statement, about,
                List.of(evidence(contact, "SUPPORTS", "DECISIVE")))).post("/claims").then().statusCode(400)
                .body("errors[0].field", equalTo("evidence[0].strength"));
        given().contentType(ContentType.JSON).body(claimBody(" ", about, List.of())).post("/claims").then()
                .statusCode(400).body("errors[0].field", equalTo("statement"));
        given().contentType(ContentType.JSON).body(claimBody(statement,
                List.of(ref("CLAIM", nowhere), ref("PERSON", hansen)), List.of()))
                .post("/claims").then().statusCode(400)
                .body("errors[0].field", equalTo("subjects[0].id"))
                .body("errors[0].reason", equalTo("no claim with id " + nowhere));
        given().queryParam("subjectId", hansen.toString()).get("/claims").then().statusCode(200).body("total", is(0));
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
        List<Map<String, Object>> allEstablished = allItems("/claims", Map.of("status", "ESTABLISHED"));
        assertThat(allEstablished.stream().map(c -> c.get("status")).toList(), everyItem(equalTo("ESTABLISHED")));
        assertThat(allEstablished.stream().map(c -> c.get("id")).toList(),
                allOf(hasItem(venonaOnFranklin), not(hasItem(disputed))));
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
        // the same claim again changes nothing
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

    @Test
    void evidenceMayNameItsSourceDirectlyWithoutACitation() {
        String tag = tag();
        Harte harte = Harte.record(tag);
        String statement = "Robert Sheldon Harte was a GPU agent " + tag;
        String fbi = source("ARCHIVAL_RECORD", "FBI memorandum on the Coyoacan raid " + tag, "1940-07");
        // the FBI memorandum is named as it is: no citation invented for it
        List<Map<String, Object>> evidence = List.of(Archive.evidence(harte.venona(), "SUPPORTS", "CONCLUSIVE"),
                directEvidence(fbi, "DISPUTES", null, "p. 4", "Harte appears to have been an innocent victim"),
                Archive.evidence(harte.icfi(), "SUPPORTS", "INDICATIVE"));
        String id = claim(statement, List.of(ref("PERSON", harte.person())), evidence);

        given().get("/claims/" + id).then().statusCode(200)
                .body("evidence.citationId", contains(nullValue(), equalTo(harte.icfi()), equalTo(harte.venona())))
                .body("evidence.sourceId", contains(fbi, harte.icfiSource(), harte.venonaSource()))
                .body("evidence[0].locator", equalTo("p. 4"))
                .body("evidence[0].quote", equalTo("Harte appears to have been an innocent victim"))
                .body("evidence[0].strength", nullValue())
                .body("evidence[0].sourceTitle", equalTo("FBI memorandum on the Coyoacan raid " + tag))
                .body("evidence[0].sourceDate.edtf", equalTo("1940-07"))
                .body("status", equalTo("ESTABLISHED"))
                .body("history.status", contains("DISPUTED", "ESTABLISHED"))
                .body("history.sourceId", contains(fbi, harte.venonaSource()))
                .body("history.citationId", contains(nullValue(), equalTo(harte.venona())));
        // audited like the rest: the revision holds the evidence as written
        given().get("/claims/" + id + "/revisions").then().statusCode(200)
                .body("[0].state.evidence.locator", hasItem("p. 4"))
                .body("[0].state.evidence.sourceId", hasItem(fbi));

        // a source named as evidence cannot be deleted
        given().header("If-Match", "\"0\"").delete("/sources/" + fbi).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("named directly as evidence of claim " + id));

        // its new date moves it, and the claim is re-derived: dated after the cables, the memorandum changes nothing
        given().contentType(ContentType.JSON).body(sourceBody("ARCHIVAL_RECORD",
                "FBI memorandum on the Coyoacan raid " + tag, "1996")).header("If-Match", "\"0\"")
                .put("/sources/" + fbi).then().statusCode(200);
        given().get("/claims/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("evidence.sourceId", contains(harte.icfiSource(), harte.venonaSource(), fbi))
                .body("evidence[2].sourceDate.edtf", equalTo("1996"))
                .body("history.status", contains("ASSERTED", "ESTABLISHED"))
                .body("history.asOf", contains("1975-05", "1995"));

        // once it is no longer evidence, it can go
        given().contentType(ContentType.JSON).body(claimBody(statement, List.of(ref("PERSON", harte.person())),
                harte.evidence())).header("If-Match", "\"1\"").put("/claims/" + id).then().statusCode(200);
        given().header("If-Match", "\"1\"").delete("/sources/" + fbi).then().statusCode(204);
    }

    @Test
    void evidenceNamesExactlyOneOfACitationAndASource() {
        String tag = tag();
        String fbi = source("ARCHIVAL_RECORD", "FBI records on Joseph Hansen " + tag, null);
        String contact = citation(fbi, null, "Hansen informed the FBI that he had been in contact with the GPU");
        UUID hansen = UUID.randomUUID();
        String statement = "Joseph Hansen was in contact with the GPU from 1938 " + tag;
        List<Map<String, Object>> about = List.of(ref("PERSON", hansen));
        Map<String, Object> both = Archive.evidence(contact, "SUPPORTS", null);
        both.put("sourceId", fbi);
        Map<String, Object> neither = new HashMap<>(Map.of("stance", "SUPPORTS", "note", "from memory"));
        Map<String, Object> locatedCitation = Archive.evidence(contact, "SUPPORTS", null);
        locatedCitation.put("locator", "p. 2");

        given().contentType(ContentType.JSON).body(claimBody(statement, about, List.of(both, neither,
                locatedCitation))).post("/claims").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("evidence[0].sourceId", "evidence[1].citationId",
                        "evidence[2].locator"))
                .body("errors.find { it.field == 'evidence[0].sourceId' }.reason", containsString("not both"))
                .body("errors.find { it.field == 'evidence[1].citationId' }.reason", containsString("either"))
                .body("errors.find { it.field == 'evidence[2].locator' }.reason",
                        containsString("the citation already has"));

        UUID nowhere = UUID.randomUUID();
        given().contentType(ContentType.JSON).body(claimBody(statement, about, List.of(
                directEvidence(nowhere.toString(), "SUPPORTS", null, null, null),
                directEvidence(contact, "SUPPORTS", null, null, null),
                directEvidence(fbi, "SUPPORTS", null, "x".repeat(201), null))))
                .post("/claims").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("evidence[2].locator"));
        given().contentType(ContentType.JSON).body(claimBody(statement, about, List.of(
                directEvidence(nowhere.toString(), "SUPPORTS", null, null, null),
                directEvidence(contact, "SUPPORTS", null, null, null))))
                .post("/claims").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("evidence[0].sourceId", "evidence[1].sourceId"))
                .body("errors[0].reason", equalTo("no source with id " + nowhere))
                .body("errors[1].reason", equalTo(contact + " is a citation, not a source"));
        given().queryParam("subjectId", hansen.toString()).get("/claims").then().statusCode(200).body("total", is(0));
    }

    @Test
    void unweighedEvidenceNeverEstablishesAClaimUntilSomeoneWeighsIt() {
        String tag = tag();
        String archives = source("ARCHIVAL_RECORD", "GPU archives released after 1991 " + tag, "1992~");
        String venona = source("DECRYPTED_CABLE", "Venona decrypted Soviet intelligence cables " + tag, "1995");
        String cables = citation(venona, "cables naming Franklin", "Sylvia Franklin, code name Satyr");
        String statement = "Sylvia Franklin was a GPU agent " + tag;
        List<Map<String, Object>> subjects = List.of(ref("PERSON", UUID.randomUUID()));
        String id = claim(statement, subjects, List.of(directEvidence(archives, "SUPPORTS", null, null, null),
                Archive.evidence(cables, "SUPPORTS", null)));

        given().get("/claims/" + id).then().statusCode(200)
                .body("status", equalTo("ASSERTED"))
                .body("evidence.strength", contains(nullValue(), nullValue()))
                .body("history.status", contains("ASSERTED"));

        // weighing one of them: a merge patch replaces the evidence with the strength given
        Map<String, Object> weighed = Archive.evidence(cables, "SUPPORTS", "CONCLUSIVE");
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body(Map.of("evidence", List.of(directEvidence(archives, "SUPPORTS", null, null, null), weighed)))
                .patch("/claims/" + id).then().statusCode(200)
                .body("status", equalTo("ESTABLISHED"))
                .body("evidence.strength", contains(nullValue(), equalTo("CONCLUSIVE")))
                .body("history.status", contains("ASSERTED", "ESTABLISHED"))
                .body("history.asOf", contains("1992~", "1995"));
    }
}
