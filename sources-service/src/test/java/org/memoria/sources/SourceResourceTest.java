package org.memoria.sources;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.HashMap;
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
        initArgs = @ResourceArg(name = "database", value = "sources"))
class SourceResourceTest {

    private static final String STALIN_SEEKS_MY_DEATH = "Stalin Seeks My Death";
    private static final String TROTSKY_ARCHIVE = "https://www.marxists.org/archive/trotsky/index.htm";

    /** A source body; a null date is left out. */
    private static Map<String, Object> source(String type, String title, String date, UUID... authors) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", type);
        body.put("title", title);
        if (date != null) {
            body.put("date", date);
        }
        body.put("authorIds", List.of(authors).stream().map(UUID::toString).toList());
        return body;
    }

    private static String create(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/sources")
                .then().statusCode(201).extract().path("id");
    }

    private static void assertNoSourcesBy(UUID authorId) {
        given().queryParam("authorId", authorId.toString()).get("/sources").then().statusCode(200)
                .body("total", is(0)).body("items", hasSize(0));
    }

    @Test
    void createsAndReadsASourceWithItsAuthorsAndEdtfDate() {
        UUID trotsky = UUID.randomUUID();
        Map<String, Object> body = source("ARTICLE", STALIN_SEEKS_MY_DEATH, "1940-06-08", trotsky);
        body.put("publisher", "Fourth International");
        body.put("url", TROTSKY_ARCHIVE);
        String location = given().contentType(ContentType.JSON).body(body).post("/sources")
                .then().statusCode(201)
                .header("ETag", "\"0\"")
                .body("version", is(0))
                .body("title", equalTo(STALIN_SEEKS_MY_DEATH))
                .extract().header("Location");

        given().get(location).then().statusCode(200)
                .header("ETag", "\"0\"")
                .body("type", equalTo("ARTICLE"))
                .body("authorIds", contains(trotsky.toString()))
                .body("date.edtf", equalTo("1940-06-08"))
                .body("date.display", equalTo("June 8, 1940"))
                .body("date.latest", equalTo("1940-06-08"))
                .body("publisher", equalTo("Fourth International"))
                .body("url", equalTo(TROTSKY_ARCHIVE))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue());
    }

    @Test
    void keepsCoAuthorsInBylineOrderAndAllowsAnUndatedSource() {
        UUID serge = UUID.randomUUID();
        UUID sedova = UUID.randomUUID();
        String id = create(source("BOOK", "The Life and Death of Leon Trotsky", null, serge, sedova));
        given().get("/sources/" + id).then().statusCode(200)
                .body("authorIds", contains(serge.toString(), sedova.toString()))
                .body("date", nullValue())
                .body("url", nullValue());
    }

    @Test
    void listsAnAuthorsSourcesByTitleInPagesWithTheTotal() {
        UUID trotsky = UUID.randomUUID();
        UUID goldman = UUID.randomUUID();
        create(source("ESSAY", "The Comintern and the GPU", "1940-08-17", trotsky));
        create(source("ARTICLE", STALIN_SEEKS_MY_DEATH, "1940-06-08", trotsky));
        // named twice in a byline, still one source on the author's list
        create(source("STATEMENT", "Testament", "1940-02-27", trotsky, trotsky));
        create(source("BOOK", "The Assassination of Leon Trotsky: The Proofs of Stalin's Guilt", "1940", goldman));

        given().queryParam("authorId", trotsky.toString()).queryParam("size", 2).get("/sources").then()
                .statusCode(200)
                .body("total", is(3)).body("size", is(2)).body("page", is(0))
                .body("items.title", contains(STALIN_SEEKS_MY_DEATH, "Testament"));
        given().queryParam("authorId", trotsky.toString()).queryParam("size", 2).queryParam("page", 1)
                .get("/sources").then().statusCode(200)
                .body("total", is(3)).body("page", is(1))
                .body("items.title", contains("The Comintern and the GPU"));
        given().queryParam("authorId", goldman.toString()).get("/sources").then()
                .body("total", is(1))
                .body("items[0].title", equalTo("The Assassination of Leon Trotsky: The Proofs of Stalin's Guilt"));
    }

    @Test
    void findsASourceByEachOfItsAuthors() {
        UUID sanchezSalazar = UUID.randomUUID();
        UUID gorkin = UUID.randomUUID();
        String id = create(source("BOOK", "Murder in Mexico", "1950", sanchezSalazar, gorkin));
        given().queryParam("authorId", sanchezSalazar.toString()).get("/sources").then()
                .body("total", is(1)).body("items.id", contains(id));
        given().queryParam("authorId", gorkin.toString()).get("/sources").then()
                .body("total", is(1)).body("items.id", contains(id));
    }

    @Test
    void filtersByTypeAloneAndTogetherWithAnAuthor() {
        UUID trotsky = UUID.randomUUID();
        String essay = create(source("ESSAY", "The Comintern and the GPU", "1940-08-17", trotsky));
        String article = create(source("ARTICLE", STALIN_SEEKS_MY_DEATH, "1940-06-08", trotsky));

        given().queryParam("type", "ESSAY").queryParam("size", 100).get("/sources").then().statusCode(200)
                .body("items.type", everyItem(equalTo("ESSAY")))
                .body("items.id", hasItem(essay))
                .body("items.id", not(hasItem(article)));
        given().queryParam("type", "ARTICLE").queryParam("authorId", trotsky.toString()).get("/sources").then()
                .statusCode(200)
                .body("total", is(1)).body("items.id", contains(article));
        given().queryParam("type", "DECRYPTED_CABLE").queryParam("authorId", trotsky.toString()).get("/sources")
                .then().statusCode(200)
                .body("total", is(0));
    }

    @Test
    void rejectsAnUnknownTypeOrAMalformedAuthorFilterAsABadRequest() {
        given().queryParam("type", "PAMPHLET").get("/sources").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].reason", containsString("'PAMPHLET'"))
                .body("errors[0].reason", containsString("DECRYPTED_CABLE"));
        given().queryParam("authorId", "trotsky").get("/sources").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("authorId"))
                .body("errors[0].reason", containsString("UUID"));
    }

    @Test
    void rejectsAPageLargerThanTheMaximum() {
        given().queryParam("size", 101).get("/sources").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("size"));
    }

    @Test
    void rejectsInvalidInputNamingEachFieldAndWritesNothing() {
        UUID trotsky = UUID.randomUUID();
        Map<String, Object> body = new HashMap<>();
        body.put("title", " ");
        body.put("date", "1940-13-08");
        body.put("url", "ftp://marxists.org/archive/trotsky");
        body.put("authorIds", List.of(trotsky.toString()));
        given().contentType(ContentType.JSON).body(body).post("/sources")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", is(400))
                .body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("type"))
                .body("errors.field", hasItem("date"))
                .body("errors.field", hasItem("url"))
                .body("errors.find { it.field == 'date' }.reason", containsString("position 5"))
                .body("errors.find { it.field == 'url' }.reason", containsString("http(s) URL"));
        assertNoSourcesBy(trotsky);
    }

    @Test
    void rejectsAUrlThatIsNoUrlAndAnAuthorThatIsNoId() {
        UUID trotsky = UUID.randomUUID();
        Map<String, Object> body = source("ARTICLE", STALIN_SEEKS_MY_DEATH, "1940-06-08", trotsky);
        body.put("url", "marxists.org/archive/trotsky");
        given().contentType(ContentType.JSON).body(body).post("/sources")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("url"));
        body = source("ARTICLE", STALIN_SEEKS_MY_DEATH, "1940-06-08");
        body.put("authorIds", List.of(trotsky.toString(), "Leon Trotsky"));
        given().contentType(ContentType.JSON).body(body).post("/sources")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("authorIds[1]"))
                .body("errors[0].reason", containsString("UUID"));
        assertNoSourcesBy(trotsky);
    }

    @Test
    void rejectsAnUnknownTypeListingTheAllowedOnesAndWritesNothing() {
        UUID trotsky = UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body(source("PAMPHLET", STALIN_SEEKS_MY_DEATH, "1940-06-08", trotsky))
                .post("/sources")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].reason", containsString("'PAMPHLET'"))
                .body("errors[0].reason", containsString("DECRYPTED_CABLE"));
        assertNoSourcesBy(trotsky);
    }

    @Test
    void rejectsUnknownFieldsAndMalformedJson() {
        Map<String, Object> body = source("ARTICLE", STALIN_SEEKS_MY_DEATH, "1940-06-08");
        body.put("author", "Leon Trotsky");
        given().contentType(ContentType.JSON).body(body).post("/sources")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("author"))
                .body("errors[0].reason", containsString("authorIds"));
        given().contentType(ContentType.JSON).body("{\"title\": ").post("/sources")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void answers404AsProblemForAnUnknownSource() {
        UUID id = UUID.randomUUID();
        given().get("/sources/" + id).then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString(id.toString()));
        given().delete("/sources/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void putReplacesBumpsTheVersionAndAnIdenticalPutChangesNothing() {
        UUID serge = UUID.randomUUID();
        UUID sedova = UUID.randomUUID();
        String id = create(source("BOOK", "Vie et mort de Léon Trotsky", "1951", serge));
        Map<String, Object> changed = source("BOOK", "Vie et mort de Léon Trotsky", "1951", serge, sedova);
        changed.put("publisher", "Amiot-Dumont");
        given().contentType(ContentType.JSON).body(changed).header("If-Match", "\"0\"").put("/sources/" + id)
                .then().statusCode(200).header("ETag", "\"1\"")
                .body("version", is(1))
                .body("authorIds", contains(serge.toString(), sedova.toString()))
                .body("publisher", equalTo("Amiot-Dumont"));
        given().contentType(ContentType.JSON).body(changed).header("If-Match", "\"1\"").put("/sources/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").body("version", is(1));
        // the byline's order is part of the source
        Map<String, Object> reordered = source("BOOK", "Vie et mort de Léon Trotsky", "1951", sedova, serge);
        reordered.put("publisher", "Amiot-Dumont");
        given().contentType(ContentType.JSON).body(reordered).header("If-Match", "\"1\"").put("/sources/" + id)
                .then().statusCode(200).body("version", is(2));
        given().get("/sources/" + id).then().header("ETag", "\"2\"")
                .body("authorIds", contains(sedova.toString(), serge.toString()));
    }

    @Test
    void putCreatesUnderAGivenIdAndDeleteRemoves() {
        String id = UUID.randomUUID().toString();
        UUID trotsky = UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body(source("ARTICLE", STALIN_SEEKS_MY_DEATH, "1940-06-08", trotsky))
                .put("/sources/" + id)
                .then().statusCode(201).header("Location", startsWith("http")).header("Location", containsString(id))
                .body("id", equalTo(id)).body("version", is(0));
        given().header("If-Match", "\"0\"").delete("/sources/" + id).then().statusCode(204);
        given().get("/sources/" + id).then().statusCode(404);
        assertNoSourcesBy(trotsky);
    }

    @Test
    void servesHealthAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Kafka")))
                .body("checks.name", hasItem(containsString("Database")));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Memoria sources service"))
                .body("paths.'/sources'.post.operationId", equalTo("createSource"))
                .body("paths.'/sources'.get.operationId", equalTo("listSources"))
                .body("paths.'/sources/{id}'.put.operationId", equalTo("putSource"))
                .body("paths.'/sources'.get.parameters.find { it.name == 'type' }.schema.'$ref'",
                        equalTo("#/components/schemas/SourceType"))
                .body("components.schemas.SourceType.enum", hasItem("DECRYPTED_CABLE"))
                .body("paths.'/sources'.get.parameters.find { it.name == 'authorId' }.schema.format",
                        equalTo("uuid"));
    }
}
