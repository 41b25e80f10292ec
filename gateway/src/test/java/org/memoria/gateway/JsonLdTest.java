package org.memoria.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.memoria.common.contract.AuthorityIds;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.events.EventState;
import org.memoria.common.contract.events.EventType;
import org.memoria.common.contract.events.ParticipantRole;
import org.memoria.common.contract.events.PlaceState;
import org.memoria.common.contract.events.PlaceType;
import org.memoria.common.contract.people.MembershipState;
import org.memoria.common.contract.people.NameType;
import org.memoria.common.contract.people.OrganisationState;
import org.memoria.common.contract.people.OrganisationType;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.contract.sources.OtherTitle;
import org.memoria.common.contract.sources.SourceIdentifiers;
import org.memoria.common.contract.sources.SourceState;
import org.memoria.common.contract.sources.SourceType;
import org.memoria.common.events.Topics;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.TestTokens;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.rdf.api.RdfQuadConsumer;
import com.apicatalog.rdf.nquads.NQuadsReader;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * Every kind of entity as linked data (schema.org JSON-LD), read as a linked-data consumer would: converted to RDF by
 * titanium-json-ld with a loader that serves only the bundled contexts (any other fetch fails the test), and checked
 * triple by triple; and the whole archive as N-Quads.
 */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class JsonLdTest extends PublishingTest {

    private static final Duration PROJECTED = Duration.ofSeconds(20);
    private static final String LD = "application/ld+json";
    private static final String SCHEMA = "https://schema.org/";
    private static final String MEMORIA = "https://memoria.example/ns#";
    private static final String XSD = "http://www.w3.org/2001/XMLSchema#";
    private static final String RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

    /** A triple; {@code datatype} is null when the object is an IRI. */
    /** A triple; a language-tagged literal has {@code @<language>} as its datatype. */
    record Triple(String subject, String predicate, String object, String datatype) {
    }

    /** Collects what titanium produces or parses. */
    static final class Triples implements RdfQuadConsumer {
        final List<Triple> all = new ArrayList<>();

        @Override
        public RdfQuadConsumer quad(String subject, String predicate, String object, String datatype, String language,
                String direction, String graph) {
            all.add(new Triple(subject, predicate, object, language == null ? datatype : "@" + language));
            return this;
        }

        List<String> objects(String subject, String predicate) {
            return all.stream().filter(t -> t.subject().equals(subject) && t.predicate().equals(predicate))
                    .map(Triple::object).toList();
        }

        List<Triple> about(String subject) {
            return all.stream().filter(t -> t.subject().equals(subject)).toList();
        }
    }

    /** The archive, as the gateway names it in its documents. */
    private static String base() {
        return RestAssured.baseURI + ":" + RestAssured.port + "/";
    }

    private static String iri(String collection, UUID id) {
        return base() + "api/" + collection + "/" + id;
    }

    /** Serves the contexts bundled in the gateway at the URLs its documents name; refuses everything else. */
    private static final DocumentLoader BUNDLED_ONLY = (url, options) -> {
        String prefix = base() + "api/contexts/";
        String name = url.toString().startsWith(prefix) ? url.toString().substring(prefix.length()) : null;
        InputStream in = name == null || name.contains("/") ? null : JsonLdTest.class.getResourceAsStream("/contexts/" + name);
        if (in == null) {
            throw new JsonLdError(JsonLdErrorCode.LOADING_DOCUMENT_FAILED, "refused to fetch " + url);
        }
        try (in) {
            return JsonDocument.of(in);
        } catch (IOException e) {
            throw new JsonLdError(JsonLdErrorCode.LOADING_DOCUMENT_FAILED, e);
        }
    };

    /** The entity's JSON-LD document, as RDF. */
    private static Triples linkedData(String collection, UUID id) throws JsonLdError {
        Response response = given().accept(LD).get("/api/" + collection + "/" + id);
        response.then().statusCode(200).contentType(startsWith(LD));
        Triples triples = new Triples();
        JsonLd.toRdf(JsonDocument.of(new StringReader(response.asString()))).loader(BUNDLED_ONLY).provide(triples);
        assertTrue(triples.all.stream().noneMatch(t -> t.subject().startsWith("_:") || t.object().startsWith("_:")),
                "every node is named, so documents merge without clashes: " + triples.all);
        return triples;
    }

    private UUID place(String name, double latitude, double longitude, String... alternateNames) {
        UUID id = UUID.randomUUID();
        owners.changed(Topics.EVENTS, "place", id, 0, new PlaceState(id, 0, name, List.of(alternateNames),
                PlaceType.BUILDING, latitude, longitude, null, null));
        return id;
    }

    private UUID person(String name, String birth, String death, AuthorityIds ids, PersonState.Name... names) {
        UUID id = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "person", id, 0,
                new PersonState(id, 0, name, List.of(names), birth, null, death, null, null, ids));
        return id;
    }

    @Test
    void everyKindIsDescribedInSchemaOrgTermsWithItsEdtfDatesKept() throws JsonLdError {
        UUID house = place("Trotsky's house, Avenida Viena", 19.3544, -99.1622, "Museo Casa de León Trotsky");
        UUID trotsky = person("Leon Trotsky", "1879-11-07?", "1940-08-21", new AuthorityIds("Q33391", "100177658",
                "118623761"), new PersonState.Name("Lev Davidovich Bronstein", NameType.BIRTH, null, null));
        UUID harte = person("Robert Sheldon Harte", "1915", "1940-05~", null,
                new PersonState.Name("Bob Harte", NameType.NICKNAME, null, null));
        UUID siqueiros = person("David Alfaro Siqueiros", "1896-12-29", null, null);
        UUID swp = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "organisation", swp, 0, new OrganisationState(swp, 0, "Socialist Workers Party",
                List.of(new PersonState.Name("SWP", NameType.ALIAS, null, null)), OrganisationType.POLITICAL_PARTY,
                "1938-01", null, null, new AuthorityIds("Q1476108", null, null)));
        UUID membership = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "membership", membership, 0,
                new MembershipState(membership, 0, harte, swp, "guard", "1940", null));
        UUID attack = UUID.randomUUID();
        owners.changed(Topics.EVENTS, "event", attack, 0, new EventState(attack, 0, "Armed attack on Trotsky's house",
                EventType.ATTACK, "1940-05-24", house, null, null, null, List.of(
                        new EventState.Participant(siqueiros, null, ParticipantRole.ORGANISER, null),
                        new EventState.Participant(harte, null, ParticipantRole.GUARD_ON_DUTY, "let the attackers in"))));
        UUID abduction = UUID.randomUUID();
        owners.changed(Topics.EVENTS, "event", abduction, 0, new EventState(abduction, 0, "Harte's abduction",
                EventType.ABDUCTION, "1940-05~", null, "Santa Rosa", null, attack, List.of()));
        UUID article = UUID.randomUUID();
        owners.changed(Topics.SOURCES, "source", article, 0, new SourceState(article, 0, SourceType.ARTICLE,
                "Stalin Seeks My Death", List.of(new OtherTitle("Stalin busca mi muerte", "es"),
                        new OtherTitle("Stalin Seeks My Death (1940 reprint)", null)), List.of(trotsky), List.of(),
                "1940-06-08", "Pioneer Publishers",
                "Fourth International", "en", new SourceIdentifiers("https://www.marxists.org/archive/trotsky/1940/06/stalin.htm",
                        null, null, null), null));

        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/sources/" + article).then().statusCode(200)
                .body("authors[0].name", equalTo("Leon Trotsky")));
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/events/" + abduction).then().statusCode(200)
                .body("parent.resolved", is(true)));
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/people/" + harte).then().statusCode(200)
                .body("memberships[0].organisation.resolved", is(true)));

        // a person: names, dates (a plain one as schema.org's, an uncertain one only as EDTF), authority files
        String t = iri("people", trotsky);
        Triples person = linkedData("people", trotsky);
        assertThat(person.all, hasItems(
                new Triple(t, RDF_TYPE, SCHEMA + "Person", null),
                new Triple(t, SCHEMA + "name", "Leon Trotsky", XSD + "string"),
                new Triple(t, SCHEMA + "alternateName", "Lev Davidovich Bronstein", XSD + "string"),
                new Triple(t, SCHEMA + "deathDate", "1940-08-21", SCHEMA + "Date"),
                new Triple(t, SCHEMA + "sameAs", "http://www.wikidata.org/entity/Q33391", null),
                new Triple(t, SCHEMA + "sameAs", "http://viaf.org/viaf/100177658", null),
                new Triple(t, SCHEMA + "sameAs", "https://d-nb.info/gnd/118623761", null),
                new Triple(t, MEMORIA + "birthDateEdtf", t + "#birthDate", null),
                new Triple(t + "#birthDate", RDF_TYPE, MEMORIA + "EdtfDate", null),
                new Triple(t + "#birthDate", MEMORIA + "edtf", "1879-11-07?", XSD + "string"),
                new Triple(t + "#birthDate", MEMORIA + "uncertain", "true", XSD + "boolean"),
                new Triple(t + "#birthDate", MEMORIA + "earliest", "1879-11-07", XSD + "date"),
                new Triple(t + "#deathDate", MEMORIA + "edtf", "1940-08-21", XSD + "string")));
        assertEquals(List.of(), person.objects(t, SCHEMA + "birthDate"), "an uncertain date is no schema.org date");

        String h = iri("people", harte);
        Triples guard = linkedData("people", harte);
        assertThat(guard.all, hasItems(
                new Triple(h, SCHEMA + "birthDate", "1915", SCHEMA + "Date"),
                new Triple(h, SCHEMA + "alternateName", "Bob Harte", XSD + "string"),
                new Triple(h, SCHEMA + "memberOf", iri("organisations", swp), null),
                new Triple(h + "#deathDate", MEMORIA + "edtf", "1940-05~", XSD + "string"),
                new Triple(h + "#deathDate", MEMORIA + "approximate", "true", XSD + "boolean"),
                new Triple(h + "#deathDate", MEMORIA + "earliest", "1940-05-01", XSD + "date"),
                new Triple(h + "#deathDate", MEMORIA + "latest", "1940-05-31", XSD + "date")));
        assertEquals(List.of(), guard.objects(h, SCHEMA + "deathDate"), "an approximate month is no schema.org date");

        // an organisation
        String o = iri("organisations", swp);
        assertThat(linkedData("organisations", swp).all, hasItems(
                new Triple(o, RDF_TYPE, SCHEMA + "Organization", null),
                new Triple(o, SCHEMA + "name", "Socialist Workers Party", XSD + "string"),
                new Triple(o, SCHEMA + "alternateName", "SWP", XSD + "string"),
                new Triple(o, SCHEMA + "foundingDate", "1938-01", SCHEMA + "Date"),
                new Triple(o, SCHEMA + "member", h, null),
                new Triple(o, SCHEMA + "sameAs", "http://www.wikidata.org/entity/Q1476108", null)));

        // events: a day, and an approximate month (bounds, no schema.org dates)
        String a = iri("events", attack);
        assertThat(linkedData("events", attack).all, hasItems(
                new Triple(a, RDF_TYPE, SCHEMA + "Event", null),
                new Triple(a, SCHEMA + "name", "Armed attack on Trotsky's house", XSD + "string"),
                new Triple(a, SCHEMA + "startDate", "1940-05-24", SCHEMA + "Date"),
                new Triple(a, SCHEMA + "endDate", "1940-05-24", SCHEMA + "Date"),
                new Triple(a, SCHEMA + "location", iri("places", house), null),
                new Triple(a, SCHEMA + "organizer", iri("people", siqueiros), null),
                new Triple(a, SCHEMA + "attendee", h, null),
                new Triple(a, SCHEMA + "subEvent", iri("events", abduction), null),
                new Triple(a + "#participant-1", MEMORIA + "participant", h, null),
                new Triple(a + "#participant-1", MEMORIA + "role", "GUARD_ON_DUTY", XSD + "string"),
                new Triple(a + "#participant-1", SCHEMA + "description", "let the attackers in", XSD + "string")));
        String b = iri("events", abduction);
        Triples approximate = linkedData("events", abduction);
        assertThat(approximate.all, hasItems(
                new Triple(b, SCHEMA + "superEvent", a, null),
                new Triple(b, SCHEMA + "location", b + "#location", null),
                new Triple(b + "#location", SCHEMA + "name", "Santa Rosa", XSD + "string"),
                new Triple(b, MEMORIA + "dateEdtf", b + "#date", null),
                new Triple(b + "#date", MEMORIA + "edtf", "1940-05~", XSD + "string"),
                new Triple(b + "#date", MEMORIA + "earliest", "1940-05-01", XSD + "date"),
                new Triple(b + "#date", MEMORIA + "latest", "1940-05-31", XSD + "date")));
        assertEquals(List.of(), approximate.objects(b, SCHEMA + "startDate"));
        assertEquals(List.of(), approximate.objects(b, SCHEMA + "endDate"));

        // a place with coordinates
        String p = iri("places", house);
        Triples place = linkedData("places", house);
        assertThat(place.all, hasItems(
                new Triple(p, RDF_TYPE, SCHEMA + "Place", null),
                new Triple(p, SCHEMA + "alternateName", "Museo Casa de León Trotsky", XSD + "string"),
                new Triple(p, SCHEMA + "geo", p + "#geo", null),
                new Triple(p + "#geo", RDF_TYPE, SCHEMA + "GeoCoordinates", null)));
        assertEquals(19.3544, Double.parseDouble(place.objects(p + "#geo", SCHEMA + "latitude").get(0)));
        assertEquals(-99.1622, Double.parseDouble(place.objects(p + "#geo", SCHEMA + "longitude").get(0)));

        // a source and its author
        String s = iri("sources", article);
        assertThat(linkedData("sources", article).all, hasItems(
                new Triple(s, RDF_TYPE, SCHEMA + "CreativeWork", null),
                new Triple(s, RDF_TYPE, SCHEMA + "Article", null),
                new Triple(s, SCHEMA + "name", "Stalin Seeks My Death", XSD + "string"),
                new Triple(s, SCHEMA + "alternateName", "Stalin busca mi muerte", "@es"),
                new Triple(s, SCHEMA + "alternateName", "Stalin Seeks My Death (1940 reprint)", XSD + "string"),
                new Triple(s, SCHEMA + "author", t, null),
                new Triple(s, SCHEMA + "datePublished", "1940-06-08", SCHEMA + "Date"),
                new Triple(s, SCHEMA + "isPartOf", s + "#periodical", null),
                new Triple(s + "#periodical", SCHEMA + "name", "Fourth International", XSD + "string"),
                new Triple(s, SCHEMA + "url", "https://www.marxists.org/archive/trotsky/1940/06/stalin.htm", null)));
    }

    @Test
    void jsonStaysTheDefaultAndJsonLdAnswersLikeIt() {
        UUID id = person("Natalia Sedova", "1882-04-05", null, null);
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/people/" + id).then().statusCode(200));

        for (String accept : List.of("*/*", "application/json", "application/json, application/ld+json;q=0.5")) {
            given().accept(accept).get("/api/people/" + id).then().statusCode(200)
                    .contentType(startsWith("application/json")).header("ETag", startsWith("\"0."))
                    .body("preferredName", equalTo("Natalia Sedova"));
        }
        for (String accept : List.of(LD, "application/ld+json, application/json;q=0.5")) {
            given().accept(accept).get("/api/people/" + id).then().statusCode(200).contentType(startsWith(LD))
                    .header("ETag", "\"0\"").body("'@id'", equalTo(iri("people", id)))
                    .body("'@context'", hasItem(base() + "api/contexts/memoria.jsonld"));
        }
        given().accept(LD).get("/api/people/" + UUID.randomUUID()).then().statusCode(404)
                .contentType(startsWith("application/problem+json")).body("title", equalTo("Not found"));
        given().accept(LD).get("/api/claims/" + UUID.randomUUID()).then().statusCode(406)
                .contentType(startsWith("application/problem+json"));
        given().accept(LD).get("/api/events/" + id).then().statusCode(404); // a person's id is no event's
    }

    @Test
    void theContextsAreServedAsBundled() throws IOException {
        for (String name : List.of("schema-org.jsonld", "memoria.jsonld")) {
            byte[] bundled;
            try (InputStream in = JsonLdTest.class.getResourceAsStream("/contexts/" + name)) {
                bundled = in.readAllBytes();
            }
            byte[] served = given().header("Authorization", TestTokens.ANONYMOUS).get("/api/contexts/" + name).then()
                    .statusCode(200).contentType(startsWith(LD)).extract().asByteArray();
            assertEquals(new String(bundled), new String(served));
        }
        given().get("/api/contexts/other.jsonld").then().statusCode(404);
    }

    @Test
    void theExportStreamsEveryLiveEntityAsNQuadsAndNoDeletedOne() throws Exception {
        UUID kept = person("Jake Cooper", "1916", null, new AuthorityIds("Q6122574", null, null));
        UUID gone = person("Someone deleted", "1900", null, null);
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/people/" + gone).then().statusCode(200));
        owners.deleted(Topics.PEOPLE, "person", gone, 1);
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/people/" + gone).then().statusCode(404));
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/people/" + kept).then().statusCode(200));

        Response export = given().header("Authorization", TestTokens.partner("acme")).get("/api/export.nq");
        export.then().statusCode(200).contentType(startsWith("application/n-quads"))
                .header("Content-Disposition", containsString("memoria.nq"))
                .header("Content-Length", nullValue());
        long total = Long.parseLong(export.header("X-Total-Entities"));
        String body = export.asString();
        Triples parsed = new Triples();
        new NQuadsReader(new StringReader(body)).provide(parsed);
        assertEquals(body.lines().filter(l -> !l.isBlank()).count(), parsed.all.size(), "one line per triple");

        String k = iri("people", kept);
        assertThat(parsed.all, hasItems(new Triple(k, RDF_TYPE, SCHEMA + "Person", null),
                new Triple(k, SCHEMA + "birthDate", "1916", SCHEMA + "Date"),
                new Triple(k, SCHEMA + "sameAs", "http://www.wikidata.org/entity/Q6122574", null)));
        assertEquals(List.of(), parsed.about(iri("people", gone)), "a deleted entity is not exported");
        long described = parsed.all.stream().filter(q -> q.predicate().equals(RDF_TYPE)
                && !q.subject().contains("#")).map(Triple::subject).distinct().count();
        assertTrue(described >= total - 5 && described <= total + 5,
                "about as many entities as announced: " + described + " of " + total);

        given().header("Authorization", TestTokens.ANONYMOUS).get("/api/export.nq").then().statusCode(401);
        given().header("Authorization", TestTokens.reader("Rita")).get("/api/export.nq").then().statusCode(403);
    }
}
