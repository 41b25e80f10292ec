package org.memoria.people;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
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
import static org.memoria.people.Fixtures.create;
import static org.memoria.people.Fixtures.json;
import static org.memoria.people.Fixtures.membership;
import static org.memoria.people.Fixtures.organisation;
import static org.memoria.people.Fixtures.person;
import static org.memoria.people.Fixtures.relation;
import static org.memoria.people.Fixtures.unique;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.memoria.common.api.Page;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.TestTokens;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "people"))
class PersonResourceTest {

    @Inject
    DataSource dataSource;

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
            create("people", Map.of("preferredName", "Guard " + i + " " + tag));
        }
        create("people", Map.of("preferredName", "Mark Zborowski " + tag, "names",
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
        // the marker is an alias, which the name filter searches: had anything been written, the search would find it
        String name = unique("Invalid");
        given().contentType(ContentType.JSON)
                .body(Map.of("preferredName", " ", "birthDate", "1940-13-01",
                        "names", List.of(Map.of("name", name, "type", "ALIAS"))))
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
    void rejectsAnUnknownNameTypeNamingTheClosestTerms() {
        given().contentType(ContentType.JSON)
                .body(Map.of("preferredName", "X", "names", new Object[] { Map.of("name", "Y", "type", "PARTYNAME") }))
                .post("/people")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("names[0].type"))
                .body("errors[0].reason", containsString("closest: PARTY_NAME"));
    }

    @Test
    void aNameTypeMatchesInAnyCaseAndIsStoredAsTheVocabularySpellsIt() {
        given().contentType(ContentType.JSON)
                .body(Map.of("preferredName", unique("Jacson"), "names", new Object[] { Map.of("name", "Frank Jacson",
                        "type", "alias"), Map.of("name", "Jacques Mornard", "type", "Alias") }))
                .post("/people")
                .then().statusCode(201).body("names.type", contains("ALIAS", "ALIAS"));
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
        String id = create("people", Map.of("preferredName", unique("Sylvia Franklin")));
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
        String id = create("people", Map.of("preferredName", unique("Joseph Hansen")));
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
    void ofTwoWritesSentWithTheSameIfMatchTheSecondGets412AndNoUpdateIsLost() throws Exception {
        String id = create("people", Map.of("preferredName", unique("Joseph Hansen")));
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try (Connection thirdWriter = dataSource.getConnection()) {
            // the row locked by a third transaction: both writes, sent with the version they read, wait inside theirs
            thirdWriter.setAutoCommit(false);
            try (var lock = thirdWriter.prepareStatement("select 1 from person where id = ? for update")) {
                lock.setObject(1, UUID.fromString(id));
                lock.executeQuery().close();
            }
            Future<Response> security = writers.submit(() -> replace(id, "head of security"));
            Future<Response> guard = writers.submit(() -> replace(id, "guard"));
            await().atMost(Duration.ofSeconds(20)).until(() -> waitingForALock() == 2);
            thirdWriter.rollback();
            thirdWriter.setAutoCommit(true);

            List<Response> answers = List.of(security.get(20, TimeUnit.SECONDS), guard.get(20, TimeUnit.SECONDS));
            assertThat(answers.stream().map(Response::statusCode).toList(), containsInAnyOrder(200, 412));
            Response won = answers.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
            Response lost = answers.stream().filter(r -> r.statusCode() == 412).findFirst().orElseThrow();
            lost.then().contentType("application/problem+json").header("ETag", "\"1\"")
                    .body("detail", containsString("version 1"));
            given().get("/people/" + id).then().statusCode(200).header("ETag", "\"1\"")
                    .body("description", equalTo(won.path("description")));
        } finally {
            writers.shutdownNow();
        }
    }

    private static Response replace(String id, String description) {
        return given().contentType(ContentType.JSON).body(Map.of("preferredName", "Joseph Hansen",
                "description", description)).header("If-Match", "\"0\"").put("/people/" + id);
    }

    private long waitingForALock() throws SQLException {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("select count(*) from pg_stat_activity "
                        + "where datname = current_database() and wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getLong(1);
        }
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
        String id = given().contentType(ContentType.JSON).header("Authorization", TestTokens.archivist("Natalia"))
                .body(Map.of("preferredName", unique("Sylvia Franklin"))).post("/people")
                .then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("Authorization", TestTokens.archivist("Eric")).header("If-Match", "\"0\"")
                .body(Map.of("preferredName", "Sylvia Franklin", "names",
                        List.of(Map.of("name", "Sylvia Caldwell", "type", "PARTY_NAME"))))
                .put("/people/" + id).then().statusCode(200);
        given().header("If-Match", "\"1\"").delete("/people/" + id).then().statusCode(204);

        given().get("/people/" + id + "/revisions").then().statusCode(200)
                .body("change", contains("CREATED", "UPDATED", "DELETED"))
                .body("author", contains("Natalia", "Eric", "test-archivist"))
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
    @Test
    void carriesDatedSourcedNamesPlacesAndAuthorityIdsAndAnIdenticalReplaceKeepsThem() {
        String source = UUID.randomUUID().toString();
        String yanovka = UUID.randomUUID().toString();
        String coyoacan = UUID.randomUUID().toString();
        Map<String, Object> trotsky = json(
                "preferredName", unique("Leon Trotsky"),
                "names", List.of(json("name", "the Old Man", "type", "NICKNAME", "period", "1929/1940-08-21",
                        "sourceId", source), json("name", "LD", "type", "NICKNAME")),
                "birthDate", "1879-11-07", "birthPlaceId", yanovka,
                "deathDate", "1940-08-21", "deathPlaceId", coyoacan,
                "identifiers", json("wikidata", "Q33391"));
        String id = create("people", trotsky);

        given().get("/people/" + id).then().statusCode(200)
                .body("names[0].name", equalTo("the Old Man"))
                .body("names[0].period.edtf", equalTo("1929/1940-08-21"))
                .body("names[0].period.earliest", equalTo("1929-01-01"))
                .body("names[0].period.latest", equalTo("1940-08-21"))
                .body("names[0].sourceId", equalTo(source))
                .body("names[1].period", nullValue())
                .body("birthPlaceId", equalTo(yanovka))
                .body("deathPlaceId", equalTo(coyoacan))
                .body("identifiers.wikidata", equalTo("Q33391"))
                .body("identifiers.viaf", nullValue());

        // everything written is read back into the write model, so the same body again is no change
        given().contentType(ContentType.JSON).body(trotsky).header("If-Match", "\"0\"").put("/people/" + id)
                .then().statusCode(200).body("version", is(0));
        // changing only when a name was used is a change
        Map<String, Object> changed = new java.util.LinkedHashMap<>(trotsky);
        changed.put("names", List.of(json("name", "the Old Man", "type", "NICKNAME", "period", "1937",
                "sourceId", source), json("name", "LD", "type", "NICKNAME")));
        given().contentType(ContentType.JSON).body(changed).header("If-Match", "\"0\"").put("/people/" + id)
                .then().statusCode(200).body("version", is(1)).body("names[0].period.edtf", equalTo("1937"))
                .body("names[0].period.display", equalTo("1937"));
    }

    @Test
    void aReplaceThatOnlyRestatesTheSameStateChangesNothing() {
        String name = unique("Robert Soblen");
        String id = create("people", json("preferredName", name, "names",
                List.of(json("name", "Roman Well", "type", "ALIAS")), "deathDate", "1962-09-11"));
        // no identifiers written as an empty object is the same state as none
        given().contentType(ContentType.JSON).body(json("preferredName", name, "names",
                List.of(json("name", "Roman Well", "type", "ALIAS")), "deathDate", "1962-09-11",
                "identifiers", json())).header("If-Match", "\"0\"").put("/people/" + id)
                .then().statusCode(200).body("version", is(0));
        given().get("/people/" + id + "/revisions").then().body("change", contains("CREATED"));
    }

    @Test
    void rejectsMalformedAuthorityIdsNamingEachAndWritesNothing() {
        String name = unique("Ignace Reiss");
        given().contentType(ContentType.JSON).body(json("preferredName", name,
                "identifiers", json("wikidata", "33391", "viaf", "VIAF-1", "gnd", "ABC")))
                .post("/people")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("identifiers.wikidata", "identifiers.viaf", "identifiers.gnd"))
                .body("errors.find { it.field == 'identifiers.wikidata' }.reason", containsString("Q33391"));
        given().contentType(ContentType.JSON).body(json("preferredName", name, "identifiers", json("isni", "1")))
                .post("/people")
                .then().statusCode(400).body("errors[0].field", equalTo("identifiers.isni"));
        given().queryParam("name", name).get("/people").then().body("total", is(0));
    }

    @Test
    void rejectsAMalformedNamePeriodAndOversizedText() {
        given().contentType(ContentType.JSON).body(json("preferredName", "Erwin Wolf",
                "names", List.of(json("name", "Kiff", "type", "ALIAS", "period", "1937-13")),
                "description", "x".repeat(10_001)))
                .post("/people")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("names[0].period", "description"))
                .body("errors.find { it.field == 'names[0].period' }.reason", containsString("position 5"));
        given().contentType(ContentType.JSON).body(json("preferredName", "y".repeat(301))).post("/people")
                .then().statusCode(400).body("errors[0].field", equalTo("preferredName"));
    }

    @Test
    void findsPeopleWhosePossibleBirthdaysOverlapTheRange() {
        String tag = unique("born");
        String month = create("people", json("preferredName", "Ramón Mercader " + tag, "birthDate", "1913-02"));
        String day = create("people", json("preferredName", "Jacques Mornard " + tag, "birthDate", "1913-02-07"));
        String march = create("people", json("preferredName", "Frank Jacson " + tag, "birthDate", "1913-03-01"));
        String year = create("people", json("preferredName", "Mark Zborowski " + tag, "birthDate", "1908"));
        create("people", json("preferredName", "Sylvia Ageloff " + tag));

        // born some day in February 1913: the one day is possible
        given().queryParam("name", tag).queryParam("bornFrom", "1913-02-07").queryParam("bornTo", "1913-02-07")
                .get("/people").then().statusCode(200)
                .body("items.id", containsInAnyOrder(month, day)).body("total", is(2));
        given().queryParam("name", tag).queryParam("bornFrom", "1913-02-08").get("/people").then()
                .body("items.id", containsInAnyOrder(month, march));
        given().queryParam("name", tag).queryParam("bornTo", "1913-02-06").get("/people").then()
                .body("items.id", containsInAnyOrder(month, year));
        // an EDTF year as a bound covers the whole year
        given().queryParam("name", tag).queryParam("bornFrom", "1908").queryParam("bornTo", "1908").get("/people")
                .then().body("items.id", contains(year));
    }

    @Test
    void sortsByBirthWithPeopleWithoutABirthDateLast() {
        String tag = unique("sorted");
        String ageloff = person("Aaa Sylvia Ageloff " + tag);
        String mercader = create("people", json("preferredName", "Ramón Mercader " + tag, "birthDate", "1913-02-07"));
        String zborowski = create("people", json("preferredName", "Mark Zborowski " + tag, "birthDate", "1908-01-27"));

        given().queryParam("name", tag).queryParam("sort", "birth").get("/people").then().statusCode(200)
                .body("items.id", contains(zborowski, mercader, ageloff));
        given().queryParam("name", tag).get("/people").then()
                .body("items.id", contains(ageloff, zborowski, mercader));
    }

    @Test
    void listsTheMembersOfAnOrganisation() {
        String tag = unique("members");
        String swp = organisation("Socialist Workers Party " + tag, "POLITICAL_PARTY");
        String hansen = person("Joseph Hansen " + tag);
        String ageloff = person("Sylvia Ageloff " + tag);
        person("Ramón Mercader " + tag);
        membership(hansen, swp, "head of security", "1937/1940");
        membership(ageloff, swp, null, null);

        given().queryParam("organisationId", swp).get("/people").then().statusCode(200)
                .body("items.id", containsInAnyOrder(hansen, ageloff)).body("total", is(2));
        given().queryParam("organisationId", swp).queryParam("name", "hansen").get("/people").then()
                .body("items.id", contains(hansen));
    }

    @Test
    void rejectsInvalidFilterValuesNamingTheParameter() {
        given().queryParam("bornFrom", "1913-13").get("/people").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("bornFrom")).body("errors[0].reason", containsString("position 5"));
        given().queryParam("bornFrom", "1940").queryParam("bornTo", "1939").get("/people").then().statusCode(400)
                .body("errors[0].field", equalTo("bornTo"));
        given().queryParam("organisationId", "swp").get("/people").then().statusCode(400)
                .body("errors[0].field", equalTo("organisationId"));
        given().queryParam("sort", "age").get("/people").then().statusCode(400)
                .body("errors[0].field", equalTo("sort")).body("errors[0].reason", containsString("name, birth"));
        given().queryParam("page", "first").get("/people").then().statusCode(400)
                .body("errors[0].field", equalTo("page"));
        given().queryParam("size", 0).get("/people").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
    }

    @Test
    void keepsAPersonThatMembershipsOrRelationsStillNameAndSaysWhich() {
        String tag = unique("referenced");
        String trotsky = person("Leon Trotsky " + tag);
        String sedova = person("Natalia Sedova " + tag);
        String fi = organisation("Fourth International " + tag, "INTERNATIONAL");
        String leader = membership(trotsky, fi, "leader", "1938-09/1940-08-21");
        String spouse = relation(trotsky, "SPOUSE", sedova, null);

        given().header("If-Match", "\"0\"").delete("/people/" + trotsky).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString(leader))
                .body("detail", containsString(spouse))
                .body("detail", containsString("1 membership and 1 relation"));
        given().get("/people/" + trotsky).then().statusCode(200);
        // the other end of the relation is referenced too
        given().header("If-Match", "\"0\"").delete("/people/" + sedova).then().statusCode(409)
                .body("detail", containsString(spouse));

        given().header("If-Match", "\"0\"").delete("/memberships/" + leader).then().statusCode(204);
        given().header("If-Match", "\"0\"").delete("/relations/" + spouse).then().statusCode(204);
        given().header("If-Match", "\"0\"").delete("/people/" + trotsky).then().statusCode(204);
    }

    @Test
    void aChangeBesideUnchangedNamesIsRecordedAsThatChangeOnly() {
        Map<String, Object> soble = json("preferredName", unique("Jack Soble"), "names",
                List.of(json("name", "Abromas Sobolevicius", "type", "BIRTH"), json("name", "Senin", "type", "ALIAS")));
        String id = create("people", soble);
        Map<String, Object> described = new java.util.LinkedHashMap<>(soble);
        described.put("description", "Soviet agent in the Trotskyist movement");
        given().contentType(ContentType.JSON).body(described).header("If-Match", "\"0\"").put("/people/" + id)
                .then().statusCode(200).body("version", is(1));
        Map<String, Object> dated = new java.util.LinkedHashMap<>(described);
        dated.put("names", List.of(json("name", "Abromas Sobolevicius", "type", "BIRTH"),
                json("name", "Senin", "type", "ALIAS", "period", "1931/1957")));
        given().contentType(ContentType.JSON).body(dated).header("If-Match", "\"1\"").put("/people/" + id)
                .then().statusCode(200).body("version", is(2));

        given().get("/people/" + id + "/revisions").then().statusCode(200)
                .body("change", contains("CREATED", "UPDATED", "UPDATED"))
                .body("[1].changed", contains("description"))
                .body("[2].changed", contains("names"))
                .body("[2].state.names[1].period.edtf", equalTo("1931/1957"));
    }

    @Test
    void statesTheLargestPageInOpenApi() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/people'.get.parameters.find { it.name == 'size' }.schema.maximum", is(Page.MAX_SIZE))
                .body("paths.'/people/{id}/relations'.get.operationId", equalTo("listPersonRelations"));
    }
}
