package org.memoria.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memoria.gateway.IndexedSearch.ids;
import static org.memoria.gateway.IndexedSearch.scoreOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.SubjectRef;
import org.memoria.common.contract.events.EventState;
import org.memoria.common.contract.events.EventType;
import org.memoria.common.contract.events.PlaceState;
import org.memoria.common.contract.events.PlaceType;
import org.memoria.common.contract.people.NameType;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.contract.sources.CitationState;
import org.memoria.common.contract.sources.OtherTitle;
import org.memoria.common.contract.sources.SourceState;
import org.memoria.common.contract.sources.SourceType;
import org.memoria.common.events.Topics;
import org.memoria.gateway.api.ArchiveViews.SearchResult;
import org.memoria.local.MemoriaTestResource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class SearchTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    @Inject
    IndexedSearch indexed;

    private final UUID mercader = UUID.randomUUID();
    private final UUID zborowski = UUID.randomUUID();
    private final UUID trotsky = UUID.randomUUID();
    private final UUID coyoacan = UUID.randomUUID();
    private final UUID quote = UUID.randomUUID();
    private final UUID attack = UUID.randomUUID();
    private final UUID arrival = UUID.randomUUID();
    private final UUID assassination = UUID.randomUUID();
    private final UUID vidali = UUID.randomUUID();
    private final UUID regiment = UUID.randomUUID();
    private final UUID raymond = UUID.randomUUID();
    private final UUID raymondVidal = UUID.randomUUID();
    private final UUID raymund = UUID.randomUUID();
    private OwnerTopics owners;

    @BeforeEach
    void publishOnce() {
        if (owners != null) {
            return;
        }
        owners = new OwnerTopics(kafka);
        owners.changed(Topics.PEOPLE, "person", mercader, 0, new PersonState(mercader, 0, "Ramón Mercader",
                List.of(new PersonState.Name("Jacques Mornard", NameType.ALIAS, null, null),
                        new PersonState.Name("Frank Jacson", NameType.ALIAS, null, null)),
                null, null, null, null, "Assassin of Leon Trotsky", null));
        owners.changed(Topics.PEOPLE, "person", zborowski, 0, new PersonState(zborowski, 0, "Mark Zborowski",
                List.of(new PersonState.Name("Etienne", NameType.ALIAS, null, null)), null, null, null, null, null, null));
        owners.changed(Topics.PEOPLE, "person", trotsky, 0, new PersonState(trotsky, 0, "Leon Trotsky",
                List.of(new PersonState.Name("the Old Man", NameType.NICKNAME, null, null)), null, null, null, null, null, null));
        owners.changed(Topics.EVENTS, "place", coyoacan, 0, new PlaceState(coyoacan, 0, "Coyoacán", List.of(),
                PlaceType.DISTRICT, null, null, null, null));
        owners.changed(Topics.EVENTS, "event", attack, 0, new EventState(attack, 0, "Attack on Trotsky's house",
                EventType.ATTACK, "1940-05-24", null, null, null, null, List.of()));
        // events whose titles mention Trotsky and sort before "Leon Trotsky": alphabetical ties would put them first
        owners.changed(Topics.EVENTS, "event", arrival, 0, new EventState(arrival, 0, "Arrival of Trotsky in Tampico",
                EventType.OTHER, "1937-01-09", null, null, "Trotsky and Sedova land at Tampico.", null, List.of()));
        owners.changed(Topics.EVENTS, "event", assassination, 0, new EventState(assassination, 0,
                "Assassination of Trotsky", EventType.ATTACK, "1940-08-20", null, null, null, null, List.of()));
        // an alias that an event's title also contains: the exact alias is the better answer
        owners.changed(Topics.PEOPLE, "person", vidali, 0, new PersonState(vidali, 0, "Vittorio Vidali",
                List.of(new PersonState.Name("Comandante Carlos", NameType.ALIAS, null, null)),
                null, null, null, null, null, null));
        owners.changed(Topics.EVENTS, "event", regiment, 0, new EventState(regiment, 0,
                "Comandante Carlos and the Fifth Regiment", EventType.OTHER, "1936", null, null, null, null, List.of()));
        // an alias that is exactly the query; another person's name that contains it (whole words, which score more
        // than an alias's whole words); a third name only similar to it
        owners.changed(Topics.PEOPLE, "person", raymond, 0, new PersonState(raymond, 0, "Ivan Lopez Ferrer",
                List.of(new PersonState.Name("Raymond Mornardo", NameType.ALIAS, null, null)),
                null, null, null, null, null, null));
        owners.changed(Topics.PEOPLE, "person", raymondVidal, 0, new PersonState(raymondVidal, 0,
                "Raymond Mornardo Vidal", List.of(), null, null, null, null, null, null));
        owners.changed(Topics.PEOPLE, "person", raymund, 0, new PersonState(raymund, 0, "Raymund Mornardo",
                List.of(), null, null, null, null, null, null));
        UUID source = UUID.randomUUID();
        owners.changed(Topics.SOURCES, "source", source, 0, new SourceState(source, 0, SourceType.ARTICLE,
                "Stalin Seeks My Death", List.of(new OtherTitle("Stalin busca mi muerte", "es")), List.of(trotsky), List.of(), "1940-06-08", null, null, "en", null, null));
        owners.changed(Topics.SOURCES, "citation", quote, 0, new CitationState(quote, 0, source, null,
                "Splinters of glass from windowpanes and chips from walls flew in all directions.",
                List.of(new SubjectRef(EntityKind.PERSON, trotsky)), null));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/citations/" + quote).statusCode() == 200
                && given().get("/api/events/" + attack).statusCode() == 200
                && given().get("/api/events/" + arrival).statusCode() == 200
                && given().get("/api/events/" + assassination).statusCode() == 200
                && given().get("/api/events/" + regiment).statusCode() == 200
                && given().get("/api/people/" + vidali).statusCode() == 200
                && given().get("/api/people/" + raymund).statusCode() == 200);
    }

    @AfterAll
    void close() {
        if (owners != null) {
            owners.close();
        }
    }

    @Test
    void findsAPersonByAnAliasWhatMatchedAndWhy() {
        given().queryParam("q", "Jacson").get("/api/search").then().statusCode(200)
                .body("items[0].id", equalTo(mercader.toString()))
                .body("items[0].label", equalTo("Ramón Mercader"))
                .body("items[0].matchedField", equalTo("other name"))
                .body("items[0].snippet", equalTo("Frank Jacson"));
        given().queryParam("q", "mornard").get("/api/search").then().body("items.id", hasItem(mercader.toString()));
        given().queryParam("q", "Etienne").get("/api/search").then().body("items[0].id", equalTo(zborowski.toString()));
    }

    @Test
    void findsASourceByItsTranslatedTitle() {
        given().queryParam("q", "Stalin busca mi muerte").get("/api/search").then().statusCode(200)
                .body("items[0].kind", equalTo("SOURCE")).body("items[0].label", equalTo("Stalin Seeks My Death"))
                .body("items[0].matchedField", equalTo("other name"))
                .body("items[0].snippet", equalTo("Stalin busca mi muerte"));
    }

    @Test
    void ignoresAccentsAndCase() {
        given().queryParam("q", "Ramon").get("/api/search").then().body("items.id", hasItem(mercader.toString()));
        given().queryParam("q", "coyoacan").get("/api/search").then().body("items.id", hasItem(coyoacan.toString()))
                .body("items[0].label", equalTo("Coyoacán"));
    }

    @Test
    void toleratesSmallMisspellings() {
        given().queryParam("q", "Trotski").get("/api/search").then().body("items.id", hasItem(trotsky.toString()));
        given().queryParam("q", "Zborowsky").get("/api/search").then().body("items[0].id", equalTo(zborowski.toString()));
    }

    @Test
    void aMisspelledSurnameFindsThePersonBeforeTheEventsThatMentionHim() {
        // one wrong letter of a transliterated name, and the right spelling: the person named comes before every
        // event whose title merely mentions him (other gateway tests add more people called Leon Trotsky: people)
        for (String q : List.of("Trotski", "Trotsky")) {
            List<Object> ids = Pages.allValues("/api/search", Map.of("q", q), "id");
            List<Object> kinds = Pages.allValues("/api/search", Map.of("q", q), "kind");
            assertThat(q, kinds.get(0), equalTo("PERSON"));
            assertThat(q, ids, hasItem(trotsky.toString()));
            for (UUID event : List.of(attack, arrival, assassination)) {
                assertThat(q + ": the person before event " + event, ids.indexOf(trotsky.toString()),
                        lessThan(ids.indexOf(event.toString())));
            }
        }
    }

    @Test
    void anExactAliasRanksAboveEveryFuzzyOrPartialMatch() {
        // case and accents folded; the event's title contains the alias too, but is not it
        given().queryParam("q", "comandante CÁRLOS").get("/api/search").then().statusCode(200)
                .body("items[0].id", equalTo(vidali.toString()))
                .body("items[0].matchedField", equalTo("other name"))
                .body("items[0].snippet", equalTo("Comandante Carlos"))
                .body("items.id", hasItem(regiment.toString()));
        given().queryParam("q", "Comandante  Carlos ").get("/api/search").then()
                .body("items[0].id", equalTo(vidali.toString()));
    }

    @Test
    void anExactAliasRanksAboveANameOfTheSameKindThatContainsTheQuery() {
        // without the exact rule the name's whole words (1.0) would beat the alias's (0.9)
        given().queryParam("q", "raymond MORNARDO").get("/api/search").then().statusCode(200)
                .body("items[0].id", equalTo(raymond.toString()))
                .body("items[0].score", equalTo(1.8f))
                .body("items[0].matchedField", equalTo("other name"))
                .body("items[1].id", equalTo(raymondVidal.toString()))
                .body("items[1].score", equalTo(1.0f));
    }

    @Test
    void similarNamesAreLookedForOnlyWhenNothingMatchesExactlyOrByItsWords() {
        // "Raymund Mornardo" is one letter away, but the query named someone exactly: the answer is not padded with
        // near misses, and the total counts what is listed
        var exact = given().queryParam("q", "Raymond Mornardo").get("/api/search").then().statusCode(200)
                .extract().jsonPath();
        assertThat(exact.getList("items.id"), not(hasItem(raymund.toString())));
        assertThat(exact.getLong("total"), equalTo((long) exact.getList("items").size()));
        // a misspelling that matches no word finds the nearest names, the closest first
        given().queryParam("q", "Raymnd Mornardo").get("/api/search").then().statusCode(200)
                .body("items.id", hasItem(raymund.toString()))
                .body("items.score", everyItem(lessThan(1.0f)));
    }

    @Test
    void findsQuotesWithASnippetAndCountsFacetsByKind() {
        given().queryParam("q", "windowpanes").get("/api/search").then()
                .body("items[0].id", equalTo(quote.toString()))
                .body("items[0].kind", equalTo("CITATION"))
                .body("items[0].snippet", containsString("«windowpanes»"))
                .body("facets.CITATION", greaterThanOrEqualTo(1));
        // "Trotsky" finds an event too; the kind filter leaves it out, on every page
        assertThat(Pages.allValues("/api/search", Map.of("q", "Trotsky"), "id"), hasItem(attack.toString()));
        List<Map<String, Object>> people = Pages.allItems("/api/search", Map.of("q", "Trotsky", "kind", "PERSON"));
        assertThat(people.stream().map(hit -> hit.get("kind")).toList(), everyItem(equalTo("PERSON")));
        assertThat(people.stream().map(hit -> hit.get("id")).toList(), hasItem(trotsky.toString()));
    }

    @Test
    void theIndexAnswersAsPostgreSQLDoes() throws SQLException {
        // every query shape of the tests above and misspellings, with and without a kind, on a first and a later page:
        // the answer of this replica's index (exact names and words, else similar names) is PostgreSQL's alone, hit for
        // hit, score for score, with the same totals and facets
        List<String> queries = List.of("Jacson", "mornard", "Etienne", "Stalin busca mi muerte", "Ramon", "coyoacan",
                "Trotsky", "trotsky", "the Old Man", "comandante CÁRLOS", "Comandante  Carlos ", "raymond MORNARDO",
                "Raymond Mornardo", "Mornardo", "windowpanes", "glass from windowpanes", "Leon", "Trotski",
                "Raymnd Mornardo", "nothing like it", "-", "Trotsky's", "Zborowsky", "Mercadr", "Coyoacam", "Jacsen",
                "Stalin busca mi muert", "Raymnd");
        for (String q : queries) {
            for (EntityKind kind : Arrays.asList(null, EntityKind.PERSON, EntityKind.EVENT)) {
                for (int[] paging : new int[][] {{0, 20}, {0, 2}, {1, 2}, {40, 5}}) {
                    SearchResult byIndex = indexed.search(q, kind, paging[0], paging[1]);
                    assertThat(q + " " + kind + " page " + paging[0] + " of " + paging[1], byIndex,
                            equalTo(indexed.byDatabase(q, kind, paging[0], paging[1])));
                }
            }
        }
    }

    @Test
    void aChangeIsFoundAsSoonAsItCanBeReadAndADeletionIsNotFoundAnyMore() {
        UUID ageloff = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "person", ageloff, 0, new PersonState(ageloff, 0, "Sylvia Ageloff", List.of(),
                null, null, null, null, null, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/people/" + ageloff).statusCode() == 200);
        // a whole word of her name (1.0), not a similar name (below 1), which PostgreSQL would find if the index did not
        assertThat(scoreOf(indexed.search("Ageloff", null, 0, 100), ageloff), equalTo(1.0));

        owners.changed(Topics.PEOPLE, "person", ageloff, 1, new PersonState(ageloff, 1, "Sylvia Maslowska",
                List.of(new PersonState.Name("Ruth Franklin", NameType.ALIAS, null, null)),
                null, null, null, null, null, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> "Sylvia Maslowska".equals(
                given().get("/api/people/" + ageloff).then().extract().path("preferredName")));
        // the index applies what the read model holds before it answers: no wait between the read and the search
        assertThat(scoreOf(indexed.search("Maslowska", null, 0, 100), ageloff), equalTo(1.0));
        assertThat(scoreOf(indexed.search("ruth  FRANKLIN", EntityKind.PERSON, 0, 100), ageloff), equalTo(1.8));
        assertThat(ids(indexed.search("Ageloff", null, 0, 100)), not(hasItem(ageloff)));

        owners.deleted(Topics.PEOPLE, "person", ageloff, 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/people/" + ageloff).statusCode() == 404);
        assertThat(ids(indexed.search("Maslowska", null, 0, 100)), not(hasItem(ageloff)));
        assertThat(ids(indexed.search("Ruth Franklin", null, 0, 100)), not(hasItem(ageloff)));
    }

    @Test
    void rejectsAnEmptyQueryAndAnUnknownKind() {
        given().queryParam("q", " ").get("/api/search").then().statusCode(400).body("errors[0].field", equalTo("q"));
        given().queryParam("q", "x").queryParam("kind", "ANIMAL").get("/api/search").then().statusCode(400)
                .body("errors[0].field", equalTo("kind"));
    }
}
