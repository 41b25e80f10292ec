package org.memoria.people;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.memoria.people.Fixtures.json;
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
class RelationResourceTest {

    @Test
    void eachPersonReadsTheRelationFromTheirOwnSide() {
        String tag = unique("liaison");
        String ageloff = person("Sylvia Ageloff " + tag);
        String mercader = person("Ramón Mercader " + tag);
        String source = UUID.randomUUID().toString();
        String id = given().contentType(ContentType.JSON).body(json("fromPersonId", ageloff, "type", "LIAISON",
                "toPersonId", mercader, "period", "1938/1940-08-20",
                "note", "His liaison with the Trotskyist movement", "sourceId", source))
                .post("/relations")
                .then().statusCode(201).header("ETag", "\"0\"")
                .body("fromPersonName", equalTo("Sylvia Ageloff " + tag))
                .body("label", equalTo("liaison of"))
                .body("inverseLabel", equalTo("had as liaison"))
                .body("toPersonName", equalTo("Ramón Mercader " + tag))
                .extract().path("id");

        given().get("/people/" + ageloff + "/relations").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(id))
                .body("items[0].type", equalTo("LIAISON"))
                .body("items[0].side", equalTo("FROM"))
                .body("items[0].label", equalTo("liaison of"))
                .body("items[0].otherPersonId", equalTo(mercader))
                .body("items[0].otherPersonName", equalTo("Ramón Mercader " + tag))
                .body("items[0].period.edtf", equalTo("1938/1940-08-20"))
                .body("items[0].note", equalTo("His liaison with the Trotskyist movement"))
                .body("items[0].sourceId", equalTo(source));
        given().get("/people/" + mercader + "/relations").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].side", equalTo("TO"))
                .body("items[0].label", equalTo("had as liaison"))
                .body("items[0].otherPersonId", equalTo(ageloff))
                .body("items[0].otherPersonName", equalTo("Sylvia Ageloff " + tag));
        given().get("/people/" + UUID.randomUUID() + "/relations").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aFamilyReadsBothDirectionsOfEveryRelation() {
        String tag = unique("family");
        String trotsky = person("Leon Trotsky " + tag);
        String sedova = person("Natalia Sedova " + tag);
        String sedov = person("Leon Sedov " + tag);
        String volkov = person("Esteban Volkov " + tag);
        relation(trotsky, "SPOUSE", sedova, "1903");
        relation(trotsky, "PARENT", sedov, "1906-02-24/1938-02-16");
        relation(trotsky, "GRANDPARENT", volkov, "1926-03-07/1940-08-21");

        given().get("/people/" + trotsky + "/relations").then().statusCode(200)
                .body("total", is(3))
                .body("items.label", contains("spouse of", "parent of", "grandparent of"))
                .body("items.otherPersonName", contains("Natalia Sedova " + tag, "Leon Sedov " + tag,
                        "Esteban Volkov " + tag));
        given().get("/people/" + sedov + "/relations").then()
                .body("items.label", contains("child of")).body("items.otherPersonName", contains("Leon Trotsky " + tag));
        given().get("/people/" + volkov + "/relations").then().body("items.label", contains("grandchild of"));
        given().get("/people/" + sedova + "/relations").then().body("items.label", contains("spouse of"));
    }

    @Test
    void rejectsReferencesThatAreNotTwoDistinctPersonsAndWritesNothing() {
        String tag = unique("refs");
        String wolf = person("Erwin Wolf " + tag);
        String trotsky = person("Leon Trotsky " + tag);
        String fi = organisation("Fourth International " + tag, "INTERNATIONAL");
        String missing = UUID.randomUUID().toString();

        given().contentType(ContentType.JSON).body(json("fromPersonId", wolf, "type", "SECRETARY", "toPersonId", fi))
                .post("/relations")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("toPersonId"))
                .body("errors[0].reason", equalTo(fi + " is an organisation, not a person"));
        given().contentType(ContentType.JSON).body(json("fromPersonId", missing, "type", "SECRETARY",
                "toPersonId", trotsky)).post("/relations")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("fromPersonId"))
                .body("errors[0].reason", equalTo("no person with id " + missing));
        given().contentType(ContentType.JSON).body(json("fromPersonId", trotsky, "type", "ASSOCIATE",
                "toPersonId", trotsky)).post("/relations")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("toPersonId"))
                .body("errors[0].reason", containsString("must differ from fromPersonId"));
        String id = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(json("fromPersonId", fi, "type", "SECRETARY", "toPersonId", missing))
                .put("/relations/" + id)
                .then().statusCode(400).body("errors.field", containsInAnyOrder("fromPersonId", "toPersonId"));

        given().get("/relations/" + id).then().statusCode(404);
        given().queryParam("personId", trotsky).get("/relations").then().body("total", is(0));
        given().queryParam("personId", wolf).get("/relations").then().body("total", is(0));
    }

    @Test
    void rejectsInvalidFieldsNamingEach() {
        String tag = unique("invalid");
        String soble = person("Jack Soble " + tag);
        String soblen = person("Robert Soblen " + tag);
        given().contentType(ContentType.JSON).body(json("fromPersonId", soble, "type", "SIBLNG",
                "toPersonId", soblen)).post("/relations")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].reason", containsString("closest: SIBLING"));
        given().contentType(ContentType.JSON).body(json("fromPersonId", soble, "type", "SIBLING",
                "toPersonId", soblen, "period", "1900-00", "note", "n".repeat(2_001))).post("/relations")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("period", "note"));
        given().contentType(ContentType.JSON).body(json("fromPersonId", soble, "toPersonId", soblen))
                .post("/relations").then().statusCode(400).body("errors[0].field", equalTo("type"));
        given().contentType(ContentType.JSON).body(json("fromPersonId", soble, "type", "SIBLING",
                "toPersonId", soblen, "since", "1900")).post("/relations").then().statusCode(400)
                .body("errors[0].field", equalTo("since"));
        given().queryParam("personId", soble).get("/relations").then().body("total", is(0));
    }

    @Test
    void replacingAndDeletingRequireTheCurrentVersion() {
        String tag = unique("version");
        String zborowski = person("Mark Zborowski " + tag);
        String sedov = person("Leon Sedov " + tag);
        String id = relation(zborowski, "ASSOCIATE", sedov, null);
        Map<String, Object> change = json("fromPersonId", zborowski, "type", "ASSOCIATE", "toPersonId", sedov,
                "period", "1934/1938-02-16", "note", "As Etienne, Sedov's closest collaborator in Paris");
        given().contentType(ContentType.JSON).body(change).put("/relations/" + id).then().statusCode(428)
                .header("ETag", "\"0\"");
        given().delete("/relations/" + id).then().statusCode(428);
        given().contentType(ContentType.JSON).body(change).header("If-Match", "\"0\"").put("/relations/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").body("period.edtf", equalTo("1934/1938-02-16"));
        given().contentType(ContentType.JSON).body(change).header("If-Match", "\"1\"").put("/relations/" + id)
                .then().statusCode(200).body("version", is(1));
        given().contentType(ContentType.JSON).body(json("fromPersonId", zborowski, "type", "HANDLER",
                "toPersonId", sedov)).header("If-Match", "\"0\"").put("/relations/" + id)
                .then().statusCode(412).header("ETag", "\"1\"");
        given().header("If-Match", "\"0\"").delete("/relations/" + id).then().statusCode(412);
        given().get("/relations/" + id).then().body("type", equalTo("ASSOCIATE"));
        given().header("If-Match", "\"1\"").delete("/relations/" + id).then().statusCode(204);
        given().get("/relations/" + id).then().statusCode(404);
        given().get("/people/" + sedov + "/relations").then().body("total", is(0));
    }

    @Test
    void listsByPersonAtEitherEndAndByType() {
        String tag = unique("list");
        String trotsky = person("Leon Trotsky " + tag);
        String wolf = person("Erwin Wolf " + tag);
        String sedova = person("Natalia Sedova " + tag);
        String secretary = relation(wolf, "SECRETARY", trotsky, "1937");
        String spouse = relation(trotsky, "SPOUSE", sedova, "1903");

        given().queryParam("personId", trotsky).get("/relations").then().statusCode(200)
                .body("items.id", contains(spouse, secretary)).body("total", is(2))
                .body("items[1].label", equalTo("secretary of"))
                .body("items[1].fromPersonName", equalTo("Erwin Wolf " + tag));
        given().queryParam("personId", trotsky).queryParam("type", "SECRETARY").get("/relations").then()
                .body("items.id", contains(secretary));
        given().queryParam("type", "ASSOCIATES").get("/relations").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("type"))
                .body("errors[0].reason", containsString("closest: ASSOCIATE"));
        given().queryParam("personId", "trotsky").get("/relations").then().statusCode(400)
                .body("errors[0].field", equalTo("personId"));
        given().queryParam("page", -1).get("/relations").then().statusCode(400)
                .body("errors[0].field", equalTo("page"));
    }

    @Test
    void revisionsSayWhoChangedWhatAndWhen() {
        String tag = unique("revisions");
        String soble = person("Jack Soble " + tag);
        String soblen = person("Robert Soblen " + tag);
        String id = given().contentType(ContentType.JSON).header("Authorization", TestTokens.archivist("Eric"))
                .body(json("fromPersonId", soble, "type", "SIBLING", "toPersonId", soblen)).post("/relations")
                .then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("Authorization", TestTokens.archivist("David")).header("If-Match", "\"0\"")
                .body(json("fromPersonId", soble, "type", "SIBLING", "toPersonId", soblen,
                        "note", "The Sobolevicius brothers"))
                .put("/relations/" + id).then().statusCode(200);
        given().header("If-Match", "\"1\"").delete("/relations/" + id).then().statusCode(204);
        given().get("/relations/" + id + "/revisions").then().statusCode(200)
                .body("change", contains("CREATED", "UPDATED", "DELETED"))
                .body("author", contains("Eric", "David", "test-archivist"))
                .body("[1].changed", contains("note"))
                .body("[1].state.label", equalTo("sibling of"));
        given().get("/relations/" + UUID.randomUUID() + "/revisions").then().statusCode(404);
    }
}
