package org.memoria.sources;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.memoria.sources.Archive.allItems;
import static org.memoria.sources.Archive.createSource;
import static org.memoria.sources.Archive.tag;

import java.util.HashMap;
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
        return createSource(body);
    }

    private static void assertNoSourcesBy(UUID authorId) {
        given().queryParam("authorId", authorId.toString()).get("/sources").then().statusCode(200)
                .body("total", is(0)).body("items", hasSize(0));
    }

    @Test
    void createsAndReadsASourceWithItsAuthorsAndEdtfDate() {
        UUID trotsky = UUID.randomUUID();
        Map<String, Object> body = source("ARTICLE", STALIN_SEEKS_MY_DEATH, "1940-06-08", trotsky);
        body.put("periodical", "Fourth International");
        body.put("identifiers", Map.of("url", TROTSKY_ARCHIVE));
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
                .body("periodical", equalTo("Fourth International"))
                .body("identifiers.url", equalTo(TROTSKY_ARCHIVE))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue());
    }

    @Test
    void keepsOtherTitlesInOrderFindsTheSourceByEachAndAuditsTheirChange() {
        String title = "Así asesinaron a Trotsky " + UUID.randomUUID();
        Map<String, Object> body = source("BOOK", title, "1955", UUID.randomUUID());
        body.put("language", "es");
        body.put("otherTitles", List.of(Map.of("title", "How Trotsky Was Murdered", "language", "en"),
                Map.of("title", "Murder in Mexico " + title.substring(title.length() - 8))));
        String id = create(body);
        given().get("/sources/" + id).then().statusCode(200)
                .body("otherTitles.title", contains("How Trotsky Was Murdered", "Murder in Mexico " + title.substring(title.length() - 8)))
                .body("otherTitles.language", contains("en", null));
        // the list's q matches another title as it matches the title, case-insensitively
        given().queryParam("q", "murder in mexico " + title.substring(title.length() - 8)).get("/sources").then()
                .statusCode(200).body("total", is(1)).body("items[0].id", equalTo(id));

        // the same titles again change nothing; one changed is a new version whose revision names the field
        body.put("otherTitles", List.of(Map.of("title", "How Trotsky Was Murdered", "language", "en"),
                Map.of("title", "Murder in Mexico " + title.substring(title.length() - 8))));
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(body).put("/sources/" + id).then()
                .statusCode(200).header("ETag", "\"0\"");
        body.put("otherTitles", List.of(Map.of("title", "How They Murdered Trotsky", "language", "en")));
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(body).put("/sources/" + id).then()
                .statusCode(200).header("ETag", "\"1\"").body("otherTitles.title", contains("How They Murdered Trotsky"));
        given().get("/sources/" + id + "/revisions").then().statusCode(200)
                .body("changed", hasItem(List.of("otherTitles")))
                .body("state.otherTitles.title", hasItem(List.of("How Trotsky Was Murdered",
                        "Murder in Mexico " + title.substring(title.length() - 8))));
    }

    @Test
    void refusesAnOtherTitleWithoutTitleOrWithABadLanguageNamingTheField() {
        Map<String, Object> body = source("BOOK", "Leon Trotsky", "1937", UUID.randomUUID());
        body.put("otherTitles", List.of(Map.of("title", " "), Map.of("title", "Lev Trotskii", "language", "Russian")));
        given().contentType(ContentType.JSON).body(body).post("/sources").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("otherTitles[0].title", "otherTitles[1].language"));
    }

    @Test
    void keepsCoAuthorsInBylineOrderAndAllowsAnUndatedSource() {
        UUID serge = UUID.randomUUID();
        UUID sedova = UUID.randomUUID();
        String id = create(source("BOOK", "The Life and Death of Leon Trotsky", null, serge, sedova));
        given().get("/sources/" + id).then().statusCode(200)
                .body("authorIds", contains(serge.toString(), sedova.toString()))
                .body("date", nullValue())
                .body("identifiers", nullValue());
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

        List<Map<String, Object>> essays = allItems("/sources", Map.of("type", "ESSAY"));
        assertThat(essays.stream().map(e -> e.get("type")).toList(), everyItem(equalTo("ESSAY")));
        assertThat(essays.stream().map(e -> e.get("id")).toList(), allOf(hasItem(essay), not(hasItem(article))));
        given().queryParam("type", "ARTICLE").queryParam("authorId", trotsky.toString()).get("/sources").then()
                .statusCode(200)
                .body("total", is(1)).body("items.id", contains(article));
        given().queryParam("type", "DECRYPTED_CABLE").queryParam("authorId", trotsky.toString()).get("/sources")
                .then().statusCode(200)
                .body("total", is(0));
    }

    @Test
    void rejectsAnUnknownTypeOrAMalformedAuthorFilterAsABadRequest() {
        given().queryParam("type", "DECRYPTED_CABLES").get("/sources").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].reason", containsString("'DECRYPTED_CABLES'"))
                .body("errors[0].reason", containsString("closest: DECRYPTED_CABLE"));
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
        body.put("identifiers", Map.of("url", "ftp://marxists.org/archive/trotsky"));
        body.put("authorIds", List.of(trotsky.toString()));
        given().contentType(ContentType.JSON).body(body).post("/sources")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", is(400))
                .body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("type"))
                .body("errors.field", hasItem("date"))
                .body("errors.field", hasItem("identifiers.url"))
                .body("errors.find { it.field == 'date' }.reason", containsString("position 5"))
                .body("errors.find { it.field == 'identifiers.url' }.reason", containsString("http(s) URL"));
        assertNoSourcesBy(trotsky);
    }

    @Test
    void rejectsAUrlThatIsNoUrlAndAnAuthorThatIsNoId() {
        UUID trotsky = UUID.randomUUID();
        Map<String, Object> body = source("ARTICLE", STALIN_SEEKS_MY_DEATH, "1940-06-08", trotsky);
        body.put("identifiers", Map.of("url", "marxists.org/archive/trotsky"));
        given().contentType(ContentType.JSON).body(body).post("/sources")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("identifiers.url"));
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
                .body(source("DECRYPTED_CABLES", STALIN_SEEKS_MY_DEATH, "1940-06-08", trotsky))
                .post("/sources")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].reason", containsString("'DECRYPTED_CABLES'"))
                .body("errors[0].reason", containsString("closest: DECRYPTED_CABLE"));
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
    void createsAndReadsEveryFieldOfASource() {
        UUID icfi = UUID.randomUUID();
        UUID blake = UUID.randomUUID();
        Map<String, Object> body = source("REPORT", "Security and the Fourth International", "1975-05", blake);
        body.put("organisationAuthorIds", List.of(icfi.toString()));
        body.put("publisher", "Mehring Books");
        body.put("periodical", "Workers Press");
        body.put("language", "en");
        body.put("identifiers", Map.of("url", "https://www.wsws.org/en/special/library/security-fourth-international",
                "isbn", "9781893638976", "doi", "10.1000/182", "archiveReference", "FBI file 100-HQ-1"));
        body.put("description", "The ICFI's investigation into the assassination of Leon Trotsky, begun in 1975.");
        String id = createSource(body);

        given().get("/sources/" + id).then().statusCode(200)
                .body("type", equalTo("REPORT"))
                .body("authorIds", contains(blake.toString()))
                .body("organisationAuthorIds", contains(icfi.toString()))
                .body("date.display", equalTo("May 1975"))
                .body("date.earliest", equalTo("1975-05-01"))
                .body("publisher", equalTo("Mehring Books"))
                .body("periodical", equalTo("Workers Press"))
                .body("language", equalTo("en"))
                .body("identifiers.isbn", equalTo("9781893638976"))
                .body("identifiers.doi", equalTo("10.1000/182"))
                .body("identifiers.archiveReference", equalTo("FBI file 100-HQ-1"))
                .body("identifiers.url", startsWith("https://www.wsws.org/"))
                .body("description", containsString("begun in 1975"));
        // an identical replace (identifiers given in another key order) changes nothing
        given().contentType(ContentType.JSON).body(body).header("If-Match", "\"0\"").put("/sources/" + id)
                .then().statusCode(200).body("version", is(0));
    }

    @Test
    void rejectsABadIsbnDoiUrlOrLanguageNamingEachFieldAndWritesNothing() {
        UUID icfi = UUID.randomUUID();
        Map<String, Object> body = source("BOOK", "How the GPU Murdered Trotsky", "1976");
        body.put("organisationAuthorIds", List.of(icfi.toString()));
        body.put("language", "English");
        body.put("identifiers", Map.of("isbn", "0-86151-013-1", "doi", "doi:10.1000/182", "url", "www.wsws.org"));
        given().contentType(ContentType.JSON).body(body).post("/sources")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("language", "identifiers.isbn", "identifiers.doi",
                        "identifiers.url"))
                .body("errors.find { it.field == 'identifiers.isbn' }.reason", containsString("without hyphens"))
                .body("errors.find { it.field == 'language' }.reason", containsString("ISO 639"));
        given().queryParam("organisationAuthorId", icfi.toString()).get("/sources").then().body("total", is(0));
    }

    @Test
    void filtersByOrganisationAuthorLanguageAndPartOfTheTitle() {
        UUID swp = UUID.randomUUID();
        String tag = tag();
        Map<String, Object> english = source("STATEMENT", "Healy's Big Lie " + tag, "1976");
        english.put("organisationAuthorIds", List.of(swp.toString()));
        english.put("language", "en");
        String en = createSource(english);
        Map<String, Object> spanish = source("STATEMENT", "La gran mentira de Healy " + tag, "1976");
        spanish.put("organisationAuthorIds", List.of(swp.toString()));
        spanish.put("language", "es");
        String es = createSource(spanish);
        create(source("ARTICLE", "Answering Healy's Big Lie " + tag, "1976"));

        given().queryParam("organisationAuthorId", swp.toString()).get("/sources").then().statusCode(200)
                .body("total", is(2)).body("items.id", containsInAnyOrder(en, es));
        given().queryParam("organisationAuthorId", swp.toString()).queryParam("language", "es").get("/sources")
                .then().body("items.id", contains(es));
        given().queryParam("q", "BIG LIE " + tag).get("/sources").then()
                .body("total", is(2))
                .body("items.title", contains("Answering Healy's Big Lie " + tag, "Healy's Big Lie " + tag));
        given().queryParam("q", "big lie " + tag).queryParam("organisationAuthorId", swp.toString()).get("/sources")
                .then().body("items.id", contains(en));
        // % and _ are text, not patterns
        given().queryParam("q", "%" + tag).get("/sources").then().body("total", is(0));
    }

    @Test
    void keepsSourcesWhoseDateOverlapsFromToAndSortsByDate() {
        String tag = tag();
        String day = create(source("ARTICLE", "A " + tag, "1940-05-24"));
        String year = create(source("ARTICLE", "B " + tag, "1940"));
        String interval = create(source("SERIES", "C " + tag, "1936-12/1940-08-20"));
        String later = create(source("REPORT", "D " + tag, "1975"));
        String openStart = create(source("LETTER", "E " + tag, "../1939"));
        String undated = create(source("ARCHIVAL_RECORD", "F " + tag, null));

        given().queryParam("q", tag).queryParam("from", "1940-06").queryParam("to", "1940-06").get("/sources").then()
                .statusCode(200).body("items.id", containsInAnyOrder(year, interval));
        given().queryParam("q", tag).queryParam("to", "1939").get("/sources").then()
                .body("items.id", containsInAnyOrder(interval, openStart));
        given().queryParam("q", tag).queryParam("from", "1940-05-24").get("/sources").then()
                .body("items.id", containsInAnyOrder(day, year, interval, later));
        given().queryParam("q", tag).queryParam("sort", "date").get("/sources").then()
                .body("items.id", contains(interval, year, day, later, openStart, undated));
        given().queryParam("q", tag).get("/sources").then()
                .body("items.id", contains(day, year, interval, later, openStart, undated));
    }

    @Test
    void rejectsInvalidFilterValuesNamingTheParameter() {
        Map<String, String> invalid = Map.of("language", "EN", "from", "1940-13", "organisationAuthorId", "icfi",
                "sort", "author", "type", "pamphlet");
        invalid.forEach((name, value) -> given().queryParam(name, value).get("/sources").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(name))
                .body("errors[0].reason", containsString(value)));
        given().queryParam("from", "1975").queryParam("to", "1940").get("/sources").then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
        given().queryParam("from", "1940-13").get("/sources").then()
                .body("errors[0].reason", containsString("position 5"));
    }

    @Test
    void changingOrDeletingRequiresTheCurrentVersionSoNoUpdateIsLost() {
        String id = createSource(source("ARTICLE", STALIN_SEEKS_MY_DEATH, "1940-06-08"));
        Map<String, Object> change = source("ARTICLE", STALIN_SEEKS_MY_DEATH, "1940-06-08");
        change.put("language", "en");
        given().contentType(ContentType.JSON).body(change).put("/sources/" + id)
                .then().statusCode(428).contentType("application/problem+json").header("ETag", "\"0\"");
        given().delete("/sources/" + id).then().statusCode(428);
        given().contentType(ContentType.JSON).body(change).header("If-Match", "\"0\"").put("/sources/" + id)
                .then().statusCode(200).header("ETag", "\"1\"");
        // a second archivist who read version 0 must not overwrite the first one's change
        given().contentType(ContentType.JSON).body(source("ARTICLE", "Stalin seeks my death", "1940-06"))
                .header("If-Match", "\"0\"").put("/sources/" + id).then().statusCode(412)
                .contentType("application/problem+json").header("ETag", "\"1\"")
                .body("detail", containsString("version 1"));
        given().header("If-Match", "\"0\"").delete("/sources/" + id).then().statusCode(412);
        given().get("/sources/" + id).then().body("title", equalTo(STALIN_SEEKS_MY_DEATH))
                .body("language", equalTo("en"));
    }

    @Test
    void revisionsSayWhoChangedWhatAndWhen() {
        String id = given().contentType(ContentType.JSON).header("Authorization", TestTokens.archivist("Evan"))
                .body(source("ARTICLE", "85 years since the May 24, 1940 assassination attempt", "2025-05-28"))
                .post("/sources").then().statusCode(201).extract().path("id");
        Map<String, Object> changed = source("ARTICLE",
                "85 years since the May 24, 1940 assassination attempt against Leon Trotsky", "2025-05-28");
        changed.put("identifiers", Map.of("url", "https://www.wsws.org/en/articles/2025/05/28/ttab-m28.html"));
        given().contentType(ContentType.JSON).header("Authorization", TestTokens.archivist("Eric")).header("If-Match", "\"0\"")
                .body(changed).put("/sources/" + id).then().statusCode(200);
        given().header("If-Match", "\"1\"").delete("/sources/" + id).then().statusCode(204);

        given().get("/sources/" + id + "/revisions").then().statusCode(200)
                .body("change", contains("CREATED", "UPDATED", "DELETED"))
                .body("author", contains("Evan", "Eric", "test-archivist"))
                .body("[1].changed", containsInAnyOrder("title", "identifiers"))
                .body("[1].state.identifiers.url", endsWith("ttab-m28.html"))
                .body("[0].state.identifiers", nullValue())
                .body("[2].state", nullValue());
        given().get("/sources/" + UUID.randomUUID() + "/revisions").then().statusCode(404)
                .contentType("application/problem+json");
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
                .body("paths.'/sources'.get.parameters.find { it.name == 'type' }.schema.maxLength", is(30))
                .body("paths.'/vocabularies/{vocabulary}/{code}'.put.operationId", equalTo("putTerm"))
                .body("paths.'/sources'.get.parameters.find { it.name == 'authorId' }.schema.format",
                        equalTo("uuid"))
                .body("paths.'/sources'.get.parameters.find { it.name == 'size' }.description",
                        containsString("at most 100"))
                .body("paths.'/sources/{id}/revisions'.get.operationId", equalTo("getSourceRevisions"))
                .body("paths.'/sources/{id}/citations'.get.operationId", equalTo("listSourceCitations"))
                .body("paths.'/citations'.post.operationId", equalTo("createCitation"))
                .body("paths.'/citations'.get.operationId", equalTo("listCitations"))
                .body("paths.'/claims'.post.operationId", equalTo("createClaim"))
                .body("paths.'/claims/{id}'.get.operationId", equalTo("getClaim"))
                .body("components.schemas.ClaimInput.properties", not(hasKey("status")))
                .body("components.schemas.Claim.properties", hasKey("history"));
    }
}
