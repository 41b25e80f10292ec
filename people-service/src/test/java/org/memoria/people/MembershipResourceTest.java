package org.memoria.people;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.memoria.people.Fixtures.json;
import static org.memoria.people.Fixtures.membership;
import static org.memoria.people.Fixtures.organisation;
import static org.memoria.people.Fixtures.person;
import static org.memoria.people.Fixtures.relation;
import static org.memoria.people.Fixtures.unique;

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
class MembershipResourceTest {

    @Test
    void recordsAMembershipAndShowsItFromBothEnds() {
        String tag = unique("swp");
        String hansen = person("Joseph Hansen " + tag);
        String swp = organisation("Socialist Workers Party " + tag, "POLITICAL_PARTY");
        String source = UUID.randomUUID().toString();
        String location = given().contentType(ContentType.JSON).body(json("personId", hansen, "organisationId", swp,
                "role", "head of security", "period", "1937/1940-08-20", "sourceId", source))
                .post("/memberships")
                .then().statusCode(201).header("ETag", "\"0\"")
                .body("personName", equalTo("Joseph Hansen " + tag))
                .body("organisationName", equalTo("Socialist Workers Party " + tag))
                .extract().header("Location");

        given().get(location).then().statusCode(200)
                .body("personId", equalTo(hansen))
                .body("organisationId", equalTo(swp))
                .body("role", equalTo("head of security"))
                .body("period.edtf", equalTo("1937/1940-08-20"))
                .body("period.display", equalTo("1937 – August 20, 1940"))
                .body("sourceId", equalTo(source));
        given().get("/people/" + hansen + "/memberships").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].organisationName", equalTo("Socialist Workers Party " + tag))
                .body("items[0].role", equalTo("head of security"));
        given().get("/organisations/" + swp + "/members").then().statusCode(200)
                .body("items.personName", contains("Joseph Hansen " + tag));
        given().get("/people/" + UUID.randomUUID() + "/memberships").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void listsAPersonsMembershipsChronologicallyWithTheOrganisationsNames() {
        String tag = unique("hansen");
        String hansen = person("Joseph Hansen " + tag);
        String fbi = organisation("Federal Bureau of Investigation " + tag, "POLICE");
        String swp = organisation("Socialist Workers Party " + tag, "POLITICAL_PARTY");
        membership(hansen, fbi, "informant", "1940-08-31/..");
        membership(hansen, swp, "member", "1938-01/1979-01");

        given().get("/people/" + hansen + "/memberships").then().statusCode(200)
                .body("items.organisationName", contains("Socialist Workers Party " + tag,
                        "Federal Bureau of Investigation " + tag))
                .body("items.role", contains("member", "informant"))
                .body("items[1].period.latest", nullValue());
    }

    @Test
    void rejectsAReferenceToAMissingEntityOrOneOfTheOtherKindAndWritesNothing() {
        String tag = unique("refs");
        String ageloff = person("Sylvia Ageloff " + tag);
        String swp = organisation("Socialist Workers Party " + tag, "POLITICAL_PARTY");
        String missing = UUID.randomUUID().toString();

        // the ids swapped: an organisation where a person belongs, and the other way round
        given().contentType(ContentType.JSON).body(json("personId", swp, "organisationId", ageloff))
                .post("/memberships")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("personId", "organisationId"))
                .body("errors.find { it.field == 'personId' }.reason",
                        equalTo(swp + " is an organisation, not a person"))
                .body("errors.find { it.field == 'organisationId' }.reason",
                        equalTo(ageloff + " is a person, not an organisation"));
        given().contentType(ContentType.JSON).body(json("personId", missing, "organisationId", swp))
                .post("/memberships")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("personId"))
                .body("errors[0].reason", equalTo("no person with id " + missing));
        String membershipId = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(json("personId", ageloff, "organisationId", missing))
                .put("/memberships/" + membershipId)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("organisationId"))
                .body("errors[0].reason", equalTo("no organisation with id " + missing));
        // a membership id is not a person either
        String member = membership(ageloff, swp, null, "1938");
        given().contentType(ContentType.JSON).body(json("personId", member, "organisationId", swp))
                .post("/memberships")
                .then().statusCode(400)
                .body("errors[0].reason", equalTo(member + " is a membership, not a person"));

        given().get("/memberships/" + membershipId).then().statusCode(404);
        given().queryParam("organisationId", swp).get("/memberships").then().body("total", is(1));
        given().queryParam("personId", swp).get("/memberships").then().body("total", is(0));
    }

    @Test
    void aChangedReferenceIsCheckedToo() {
        String tag = unique("change");
        String klement = person("Rudolf Klement " + tag);
        String wolf = person("Erwin Wolf " + tag);
        String fi = organisation("Fourth International " + tag, "INTERNATIONAL");
        String id = membership(klement, fi, "secretary", "1938");
        given().contentType(ContentType.JSON).body(json("personId", klement, "organisationId", wolf,
                "role", "secretary", "period", "1938")).header("If-Match", "\"0\"").put("/memberships/" + id)
                .then().statusCode(400).body("errors[0].reason", equalTo(wolf + " is a person, not an organisation"));
        given().get("/memberships/" + id).then().body("organisationId", equalTo(fi)).body("version", is(0));
    }

    @Test
    void rejectsInvalidFieldsNamingEach() {
        String tag = unique("invalid");
        String zborowski = person("Mark Zborowski " + tag);
        String gpu = organisation("GPU " + tag, "INTELLIGENCE_SERVICE");
        given().contentType(ContentType.JSON).body(json("personId", zborowski, "organisationId", gpu,
                "role", "r".repeat(201), "period", "1933/19-40")).post("/memberships")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("role", "period"));
        given().contentType(ContentType.JSON).body(json("organisationId", gpu)).post("/memberships")
                .then().statusCode(400).body("errors[0].field", equalTo("personId"));
        given().contentType(ContentType.JSON).body(json("personId", "Zborowski", "organisationId", gpu))
                .post("/memberships").then().statusCode(400).body("errors[0].field", equalTo("personId"));
        given().contentType(ContentType.JSON).body(json("personId", zborowski, "organisationId", gpu,
                "alias", "Etienne")).post("/memberships").then().statusCode(400)
                .body("errors[0].field", equalTo("alias"));
        given().queryParam("personId", zborowski).get("/memberships").then().body("total", is(0));
    }

    @Test
    void replacingAndDeletingRequireTheCurrentVersion() {
        String tag = unique("version");
        String mercader = person("Ramón Mercader " + tag);
        String gpu = organisation("GPU " + tag, "INTELLIGENCE_SERVICE");
        String id = membership(mercader, gpu, "agent", null);
        Map<String, Object> change = json("personId", mercader, "organisationId", gpu, "role", "agent",
                "period", "1937/1940-08-20");
        given().contentType(ContentType.JSON).body(change).put("/memberships/" + id).then().statusCode(428)
                .header("ETag", "\"0\"");
        given().delete("/memberships/" + id).then().statusCode(428);
        given().contentType(ContentType.JSON).body(change).header("If-Match", "\"0\"").put("/memberships/" + id)
                .then().statusCode(200).header("ETag", "\"1\"");
        given().contentType(ContentType.JSON).body(change).header("If-Match", "\"1\"").put("/memberships/" + id)
                .then().statusCode(200).body("version", is(1));
        given().contentType(ContentType.JSON).body(json("personId", mercader, "organisationId", gpu))
                .header("If-Match", "\"0\"").put("/memberships/" + id).then().statusCode(412).header("ETag", "\"1\"");
        given().header("If-Match", "\"0\"").delete("/memberships/" + id).then().statusCode(412);
        given().get("/memberships/" + id).then().body("period.edtf", equalTo("1937/1940-08-20"));
        given().header("If-Match", "\"1\"").delete("/memberships/" + id).then().statusCode(204);
        given().get("/memberships/" + id).then().statusCode(404);
        given().get("/people/" + mercader + "/memberships").then().body("total", is(0));
    }

    @Test
    void listsByPersonAndOrganisation() {
        String tag = unique("list");
        String siqueiros = person("David Alfaro Siqueiros " + tag);
        String laborde = person("Hernán Laborde " + tag);
        String pcm = organisation("Mexican Communist Party " + tag, "POLITICAL_PARTY");
        String ctm = organisation("Confederation of Mexican Workers " + tag, "TRADE_UNION");
        String a = membership(siqueiros, pcm, "member", "1924");
        String b = membership(laborde, pcm, "leader", "1929/1940-03");
        String c = membership(laborde, ctm, "member", null);

        given().queryParam("organisationId", pcm).get("/memberships").then().statusCode(200)
                .body("items.id", contains(a, b)).body("total", is(2));
        given().queryParam("personId", laborde).get("/memberships").then().body("items.id", contains(b, c));
        given().queryParam("personId", laborde).queryParam("organisationId", ctm).get("/memberships").then()
                .body("items.id", contains(c));
        given().queryParam("personId", "laborde").get("/memberships").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("personId"));
        given().queryParam("size", 101).get("/memberships").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
    }

    @Test
    void revisionsSayWhoChangedWhatAndWhen() {
        String tag = unique("revisions");
        String harte = person("Robert Sheldon Harte " + tag);
        String swp = organisation("Socialist Workers Party " + tag, "POLITICAL_PARTY");
        String id = given().contentType(ContentType.JSON).header("Authorization", TestTokens.archivist("Natalia"))
                .body(json("personId", harte, "organisationId", swp, "role", "member")).post("/memberships")
                .then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("Authorization", TestTokens.archivist("Eric")).header("If-Match", "\"0\"")
                .body(json("personId", harte, "organisationId", swp, "role", "guard at the house",
                        "period", "1940-04/1940-05-24"))
                .put("/memberships/" + id).then().statusCode(200);
        given().get("/memberships/" + id + "/revisions").then().statusCode(200)
                .body("change", contains("CREATED", "UPDATED"))
                .body("author", contains("Natalia", "Eric"))
                .body("[1].changed", containsInAnyOrder("role", "period"))
                .body("[1].state.role", equalTo("guard at the house"))
                .body("[0].state.role", equalTo("member"));
        given().get("/memberships/" + UUID.randomUUID() + "/revisions").then().statusCode(404);
    }

    @Test
    void aPersonsRelationIdIsNotAnOrganisation() {
        String tag = unique("kinds");
        String soble = person("Jack Soble " + tag);
        String soblen = person("Robert Soblen " + tag);
        String siblings = relation(soble, "SIBLING", soblen, null);
        given().contentType(ContentType.JSON).body(json("personId", soble, "organisationId", siblings))
                .post("/memberships").then().statusCode(400)
                .body("errors[0].field", equalTo("organisationId"))
                .body("errors[0].reason", containsString("is a relation, not an organisation"));
    }
}
