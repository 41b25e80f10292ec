package org.memoria.people;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.memoria.local.MemoriaTestResource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "people"))
class PersonResourceTest {

    private static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String create(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/people")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void createsAndReadsAPersonWithAliasesAndEdtfDates() {
        String name = unique("Ramón Mercader");
        String location = given().contentType(ContentType.JSON).body(Map.of(
                "preferredName", name,
                "names", new Object[] { Map.of("name", "Jacques Mornard", "type", "ALIAS"),
                        Map.of("name", "Frank Jacson", "type", "ALIAS") },
                "birthDate", "1913-02-07",
                "deathDate", "[1978-10-18,1978-10-19]"))
                .post("/people")
                .then().statusCode(201)
                .header("ETag", "\"0\"")
                .body("version", is(0))
                .extract().header("Location");

        given().get(location).then().statusCode(200)
                .body("preferredName", equalTo(name))
                .body("names.name", hasItem("Frank Jacson"))
                .body("names[0].type", equalTo("ALIAS"))
                .body("birth.edtf", equalTo("1913-02-07"))
                .body("birth.display", equalTo("February 7, 1913"))
                .body("death.earliest", equalTo("1978-10-18"))
                .body("death.latest", equalTo("1978-10-19"))
                .body("createdAt", notNullValue());
    }

    @Test
    void listsPagesAndFindsPeopleByAnyOfTheirNames() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            create(Map.of("preferredName", "Guard " + i + " " + tag));
        }
        create(Map.of("preferredName", "Mark Zborowski " + tag, "names",
                new Object[] { Map.of("name", "Etienne-" + tag, "type", "ALIAS") }));

        given().queryParam("name", tag).queryParam("size", 2).get("/people").then().statusCode(200)
                .body("items", hasSize(2)).body("total", is(4)).body("size", is(2));
        given().queryParam("name", tag).queryParam("size", 2).queryParam("page", 1).get("/people").then()
                .body("items", hasSize(2)).body("page", is(1));
        given().queryParam("name", "etienne-" + tag).get("/people").then()
                .body("total", is(1)).body("items[0].preferredName", equalTo("Mark Zborowski " + tag));
    }

    @Test
    void rejectsAPageLargerThanTheMaximum() {
        given().queryParam("size", 101).get("/people").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("size"));
    }

    @Test
    void rejectsInvalidInputNamingEachFieldAndWritesNothing() {
        String name = unique("Invalid");
        given().contentType(ContentType.JSON)
                .body(Map.of("preferredName", " ", "birthDate", "1940-13-01", "description", name))
                .post("/people")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", is(400))
                .body("errors.field", hasItem("preferredName"))
                .body("errors.field", hasItem("birthDate"))
                .body("errors.find { it.field == 'birthDate' }.reason", containsString("position 5"));
        given().queryParam("name", name).get("/people").then().body("total", is(0));
    }

    @Test
    void rejectsAnUnknownNameTypeListingTheAllowedOnes() {
        given().contentType(ContentType.JSON)
                .body(Map.of("preferredName", "X", "names", new Object[] { Map.of("name", "Y", "type", "CODENAME") }))
                .post("/people")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("names[0].type"))
                .body("errors[0].reason", containsString("PARTY_NAME"));
    }

    @Test
    void rejectsANullNameNamingItsPosition() {
        given().contentType(ContentType.JSON).body("{\"preferredName\": \"X\", \"names\": [null]}").post("/people")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("names[0]"));
    }

    @Test
    void rejectsUnknownFieldsAndMalformedJson() {
        given().contentType(ContentType.JSON).body(Map.of("preferredName", "X", "nickname", "Y")).post("/people")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("nickname"));
        given().contentType(ContentType.JSON).body("{\"preferredName\": ").post("/people")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void answers404AsProblemForAnUnknownPerson() {
        UUID id = UUID.randomUUID();
        given().get("/people/" + id).then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString(id.toString()));
        given().delete("/people/" + id).then().statusCode(404);
    }

    @Test
    void putReplacesBumpsTheVersionAndAnIdenticalPutChangesNothing() {
        String id = create(Map.of("preferredName", unique("Sylvia Franklin")));
        Map<String, Object> changed = Map.of("preferredName", "Sylvia Franklin",
                "names", new Object[] { Map.of("name", "Sylvia Caldwell", "type", "PARTY_NAME") });
        given().contentType(ContentType.JSON).body(changed).header("If-Match", "\"0\"").put("/people/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").body("names[0].name", equalTo("Sylvia Caldwell"));
        given().contentType(ContentType.JSON).body(changed).header("If-Match", "\"1\"").put("/people/" + id)
                .then().statusCode(200).body("version", is(1));
    }

    @Test
    void putCreatesUnderAGivenIdAndDeleteRemoves() {
        String id = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(Map.of("preferredName", unique("Erwin Wolf"))).put("/people/" + id)
                .then().statusCode(201).header("Location", startsWith("http")).body("id", equalTo(id));
        given().header("If-Match", "\"0\"").delete("/people/" + id).then().statusCode(204);
        given().get("/people/" + id).then().statusCode(404);
    }

    @Test
    void changingOrDeletingRequiresTheCurrentVersionSoNoUpdateIsLost() {
        String id = create(Map.of("preferredName", unique("Joseph Hansen")));
        Map<String, Object> change = Map.of("preferredName", "Joseph Hansen", "description", "head of security");
        given().contentType(ContentType.JSON).body(change).put("/people/" + id)
                .then().statusCode(428).contentType("application/problem+json").header("ETag", "\"0\"");
        given().delete("/people/" + id).then().statusCode(428);
        given().contentType(ContentType.JSON).body(change).header("If-Match", "\"0\"").put("/people/" + id)
                .then().statusCode(200).header("ETag", "\"1\"");
        // a second writer who read version 0 must not overwrite the first one's change
        given().contentType(ContentType.JSON).body(Map.of("preferredName", "J. Hansen")).header("If-Match", "\"0\"")
                .put("/people/" + id).then().statusCode(412).contentType("application/problem+json")
                .header("ETag", "\"1\"").body("detail", containsString("version 1"));
        given().header("If-Match", "\"0\"").delete("/people/" + id).then().statusCode(412);
        given().get("/people/" + id).then().body("preferredName", equalTo("Joseph Hansen"))
                .body("description", equalTo("head of security"));
        given().contentType(ContentType.JSON).body(change).header("If-Match", "banana").put("/people/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("If-Match"));
    }

    @Test
    void createOnlyIfAbsentWithIfNoneMatchAndARecreatedPersonContinuesItsVersions() {
        String id = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("preferredName", unique("Ignace Reiss"));
        given().contentType(ContentType.JSON).body(body).header("If-None-Match", "*").put("/people/" + id)
                .then().statusCode(201);
        given().contentType(ContentType.JSON).body(body).header("If-None-Match", "*").put("/people/" + id)
                .then().statusCode(412);
        given().header("If-Match", "\"0\"").delete("/people/" + id).then().statusCode(204);
        // the tombstone carried version 1; consumers would ignore a new version 0
        given().contentType(ContentType.JSON).body(body).put("/people/" + id)
                .then().statusCode(201).body("version", is(2)).header("ETag", "\"2\"");
    }

    @Test
    void revisionsSayWhoChangedWhatAndWhen() {
        String id = given().contentType(ContentType.JSON).header("X-Archivist", "Natalia")
                .body(Map.of("preferredName", unique("Sylvia Franklin"))).post("/people")
                .then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("X-Archivist", "Eric").header("If-Match", "\"0\"")
                .body(Map.of("preferredName", "Sylvia Franklin", "names",
                        List.of(Map.of("name", "Sylvia Caldwell", "type", "PARTY_NAME"))))
                .put("/people/" + id).then().statusCode(200);
        given().header("If-Match", "\"1\"").delete("/people/" + id).then().statusCode(204);

        given().get("/people/" + id + "/revisions").then().statusCode(200)
                .body("change", contains("CREATED", "UPDATED", "DELETED"))
                .body("author", contains("Natalia", "Eric", "anonymous"))
                .body("[1].changed", containsInAnyOrder("preferredName", "names"))
                .body("[1].state.names[0].name", equalTo("Sylvia Caldwell"))
                .body("[1].at", notNullValue())
                .body("[2].state", nullValue());
        given().get("/people/" + UUID.randomUUID() + "/revisions").then().statusCode(404);
    }

    @Test
    void servesHealthAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Kafka")))
                .body("checks.name", hasItem(containsString("Database")));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/people'.post.operationId", equalTo("createPerson"));
    }
}
