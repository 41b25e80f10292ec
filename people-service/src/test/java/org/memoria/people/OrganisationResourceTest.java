package org.memoria.people;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.memoria.people.Fixtures.create;
import static org.memoria.people.Fixtures.json;
import static org.memoria.people.Fixtures.membership;
import static org.memoria.people.Fixtures.organisation;
import static org.memoria.people.Fixtures.person;
import static org.memoria.people.Fixtures.unique;

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
        initArgs = @ResourceArg(name = "database", value = "people"))
class OrganisationResourceTest {

    @Test
    void recordsAnOrganisationWithNamesDatesAndIdentifiers() {
        String name = unique("Communist International");
        String location = given().contentType(ContentType.JSON).body(json(
                "preferredName", name,
                "names", List.of(json("name", "Comintern", "type", "ALIAS"),
                        json("name", "Third International", "type", "ALIAS", "period", "1919-03/1943-05")),
                "type", "INTERNATIONAL",
                "founded", "1919-03",
                "dissolved", "1943-05",
                "description", "The Stalinist-controlled Third International"))
                .post("/organisations")
                .then().statusCode(201).header("ETag", "\"0\"").body("version", is(0))
                .extract().header("Location");

        given().get(location).then().statusCode(200)
                .body("preferredName", equalTo(name))
                .body("type", equalTo("INTERNATIONAL"))
                .body("names.name", contains("Comintern", "Third International"))
                .body("names[1].period.display", equalTo("March 1919 – May 1943"))
                .body("founded.edtf", equalTo("1919-03"))
                .body("founded.earliest", equalTo("1919-03-01"))
                .body("dissolved.latest", equalTo("1943-05-31"))
                .body("identifiers", nullValue())
                .body("createdAt", notNullValue());
    }

    @Test
    void replacingAndDeletingRequireTheCurrentVersion() {
        String id = organisation(unique("Socialist Workers Party"), "POLITICAL_PARTY");
        Map<String, Object> change = json("preferredName", "Socialist Workers Party", "type", "POLITICAL_PARTY",
                "founded", "1938-01");
        given().contentType(ContentType.JSON).body(change).put("/organisations/" + id)
                .then().statusCode(428).contentType("application/problem+json").header("ETag", "\"0\"");
        given().delete("/organisations/" + id).then().statusCode(428);
        given().contentType(ContentType.JSON).body(change).header("If-Match", "\"0\"").put("/organisations/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").body("founded.edtf", equalTo("1938-01"));
        // an identical replace changes nothing
        given().contentType(ContentType.JSON).body(change).header("If-Match", "\"1\"").put("/organisations/" + id)
                .then().statusCode(200).body("version", is(1));
        // a writer who read version 0 loses nothing of the first one's change
        given().contentType(ContentType.JSON).body(json("preferredName", "SWP", "type", "POLITICAL_PARTY"))
                .header("If-Match", "\"0\"").put("/organisations/" + id)
                .then().statusCode(412).header("ETag", "\"1\"");
        given().header("If-Match", "\"0\"").delete("/organisations/" + id).then().statusCode(412);
        given().get("/organisations/" + id).then().body("preferredName", equalTo("Socialist Workers Party"));
        given().header("If-Match", "\"1\"").delete("/organisations/" + id).then().statusCode(204);
        given().get("/organisations/" + id).then().statusCode(404).contentType("application/problem+json");
        given().header("If-Match", "\"1\"").delete("/organisations/" + id).then().statusCode(404);
    }

    @Test
    void aReplaceThatOnlyRestatesTheSameStateChangesNothing() {
        String name = unique("Mexican Communist Party");
        Map<String, Object> pcm = json("preferredName", name, "type", "POLITICAL_PARTY", "founded", "1919",
                "names", List.of(json("name", "PCM", "type", "ALIAS")));
        String id = create("organisations", pcm);
        Map<String, Object> restated = new java.util.LinkedHashMap<>(pcm);
        restated.put("identifiers", json());
        given().contentType(ContentType.JSON).body(restated).header("If-Match", "\"0\"").put("/organisations/" + id)
                .then().statusCode(200).body("version", is(0));
        given().get("/organisations/" + id + "/revisions").then().body("change", contains("CREATED"));
    }

    @Test
    void putCreatesUnderAGivenIdOnlyIfAbsentWhenAsked() {
        String id = UUID.randomUUID().toString();
        Map<String, Object> body = json("preferredName", unique("Federal Bureau of Investigation"), "type", "POLICE",
                "founded", "1908-07-26");
        given().contentType(ContentType.JSON).body(body).header("If-None-Match", "*").put("/organisations/" + id)
                .then().statusCode(201).body("id", equalTo(id));
        given().contentType(ContentType.JSON).body(body).header("If-None-Match", "*").put("/organisations/" + id)
                .then().statusCode(412);
    }

    @Test
    void anOrganisationWhoseTypeTheSourcesDoNotGiveIsRecordedWithoutOne() {
        String name = unique("Grupo Siqueiros");
        String id = given().contentType(ContentType.JSON).body(json("preferredName", name, "founded", "1940"))
                .post("/organisations").then().statusCode(201).body("type", nullValue())
                .extract().path("id");
        given().get("/organisations/" + id).then().statusCode(200).body("type", nullValue());
        // a list by type does not guess it in
        given().queryParam("name", name).queryParam("type", "POLITICAL_PARTY").get("/organisations").then()
                .statusCode(200).body("total", is(0));
        given().queryParam("name", name).get("/organisations").then().body("total", is(1));
    }

    @Test
    void rejectsInvalidInputNamingEachFieldAndWritesNothing() {
        String name = unique("POUM");
        given().contentType(ContentType.JSON).body(json("preferredName", name, "type", "POLITICAL_PARTI",
                "founded", "1935-09")).post("/organisations")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].reason", startsWith("'POLITICAL_PARTI' is not a term of organisation-types; closest: "
                        + "POLITICAL_PARTY"))
                .body("errors[0].reason", containsString("GET /vocabularies/organisation-types"));
        given().contentType(ContentType.JSON).body(json("preferredName", name, "type", "POLITICAL_PARTY",
                "founded", "1935-9", "dissolved", "summer 1937", "description", "z".repeat(10_001),
                "identifiers", json("gnd", "not-a-gnd", "viaf", "0123")))
                .post("/organisations")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("founded", "dissolved", "description", "identifiers.gnd",
                        "identifiers.viaf"));
        given().contentType(ContentType.JSON).body(json("preferredName", name, "type", "POLITICAL_PARTY",
                "leader", "Andreu Nin")).post("/organisations")
                .then().statusCode(400).body("errors[0].field", equalTo("leader"));
        given().queryParam("name", name).get("/organisations").then().statusCode(200).body("total", is(0));
    }

    @Test
    void listsByAnyNameAndType() {
        String tag = unique("orgs");
        String pcm = create("organisations", json("preferredName", "Mexican Communist Party " + tag,
                "type", "POLITICAL_PARTY", "names", List.of(json("name", "PCM-" + tag, "type", "ALIAS"))));
        String ctm = organisation("Confederation of Mexican Workers " + tag, "TRADE_UNION");

        given().queryParam("name", tag).get("/organisations").then().statusCode(200)
                .body("items.id", contains(ctm, pcm)).body("total", is(2));
        given().queryParam("name", "pcm-" + tag).get("/organisations").then().body("items.id", contains(pcm));
        given().queryParam("name", tag).queryParam("type", "TRADE_UNION").get("/organisations").then()
                .body("items.id", contains(ctm));
        given().queryParam("name", tag).queryParam("size", 1).queryParam("page", 1).get("/organisations").then()
                .body("items.id", contains(pcm)).body("total", is(2));
    }

    @Test
    void rejectsInvalidFilterValuesNamingTheParameter() {
        given().queryParam("type", "PARTY").get("/organisations").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("type")).body("errors[0].reason", containsString("closest: POLITICAL_PARTY"));
        given().queryParam("size", 101).get("/organisations").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
    }

    @Test
    void listsItsMembersWithTheirNames() {
        String tag = unique("poum");
        String poum = organisation("POUM " + tag, "POLITICAL_PARTY");
        String nin = person("Andreu Nin " + tag);
        String wolf = person("Erwin Wolf " + tag);
        membership(nin, poum, "leader", "1935-09/1937-06");
        membership(wolf, poum, null, "1937");

        given().get("/organisations/" + poum + "/members").then().statusCode(200)
                .body("total", is(2))
                .body("items.personName", contains("Andreu Nin " + tag, "Erwin Wolf " + tag))
                .body("items[0].role", equalTo("leader"))
                .body("items[0].organisationName", equalTo("POUM " + tag))
                .body("items[0].period.edtf", equalTo("1935-09/1937-06"));
        given().get("/organisations/" + UUID.randomUUID() + "/members").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void keepsAnOrganisationThatMembershipsStillName() {
        String tag = unique("gpu");
        String gpu = organisation("GPU " + tag, "INTELLIGENCE_SERVICE");
        String zborowski = person("Mark Zborowski " + tag);
        String agent = membership(zborowski, gpu, "agent", null);

        given().header("If-Match", "\"0\"").delete("/organisations/" + gpu).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString(agent))
                .body("detail", containsString("Mark Zborowski " + tag));
        given().get("/organisations/" + gpu).then().statusCode(200);
        given().get("/memberships/" + agent).then().statusCode(200);
    }

    @Test
    void revisionsSayWhoChangedWhatAndWhen() {
        String id = given().contentType(ContentType.JSON).header("Authorization", TestTokens.archivist("Natalia"))
                .body(json("preferredName", unique("Fourth International"), "type", "INTERNATIONAL"))
                .post("/organisations").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("Authorization", TestTokens.archivist("Eric")).header("If-Match", "\"0\"")
                .body(json("preferredName", "Fourth International", "type", "INTERNATIONAL", "founded", "1938-09",
                        "names", List.of(json("name", "World Party of Socialist Revolution", "type", "LEGAL"))))
                .put("/organisations/" + id).then().statusCode(200);
        given().header("If-Match", "\"1\"").delete("/organisations/" + id).then().statusCode(204);

        given().get("/organisations/" + id + "/revisions").then().statusCode(200)
                .body("change", contains("CREATED", "UPDATED", "DELETED"))
                .body("author", contains("Natalia", "Eric", "test-archivist"))
                .body("[1].changed", containsInAnyOrder("preferredName", "names", "founded"))
                .body("[1].state.founded.edtf", equalTo("1938-09"))
                .body("[2].state", nullValue());
        given().get("/organisations/" + UUID.randomUUID() + "/revisions").then().statusCode(404);
    }

    @Test
    void describesItsOperationsInOpenApi() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/organisations'.post.operationId", equalTo("createOrganisation"))
                .body("paths.'/organisations/{id}/members'.get.operationId", equalTo("listOrganisationMembers"))
                .body("paths.'/organisations'.get.parameters.find { it.name == 'size' }.schema.maximum", is(100))
                .body("paths.'/organisations/{id}'.delete.responses.keySet()", hasItem("409"));
    }
}
