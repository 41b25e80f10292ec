package org.memoria.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.memoria.common.contract.events.EventState;
import org.memoria.common.contract.events.EventType;
import org.memoria.common.contract.events.PlaceState;
import org.memoria.common.contract.events.PlaceType;
import org.memoria.common.contract.people.MembershipState;
import org.memoria.common.contract.people.OrganisationState;
import org.memoria.common.contract.people.OrganisationType;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.contract.sources.OtherTitle;
import org.memoria.common.contract.sources.SourceState;
import org.memoria.common.contract.sources.SourceType;
import org.memoria.common.events.Topics;
import org.memoria.gateway.service.OaiPmh;
import org.memoria.local.MemoriaTestResource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.InputSource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * OAI-PMH 2.0 at /oai as a harvester uses it: every kind of response is valid against the protocol's schema,
 * oai_dc's (committed under src/test/resources/oai-pmh, nothing fetched) and the memoria format's own; a harvest
 * following resumption tokens to the empty one finds exactly the archive's people, organisations, events, places and
 * sources, the deleted ones as deleted headers; tokens carry the position, so a change between two pages neither
 * hides a record nor breaks the token; from/until and sets select; bad requests get the protocol's error codes.
 */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class OaiPmhTest extends PublishingTest {

    private static final String OAI = "http://www.openarchives.org/OAI/2.0/";
    private static final String OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/";
    private static final String DC = "http://purl.org/dc/elements/1.1/";
    private static final String MEMORIA = "https://memoria.example/oai/memoria/1.0/";
    private static final String REPOSITORY = "oai:memoria.local:";

    // --- every kind of response, valid ---

    @Test
    void everyVerbAnswersAValidResponse() {
        UUID person = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "person", person, 0, new PersonState(person, 0, "Sylvia Ageloff", List.of(),
                "1910", null, "1995", null, "Social worker from Brooklyn", null));
        owners.changed(Topics.PEOPLE, "person", gone, 0, person(gone, 0, "To be deleted"));
        owners.deleted(Topics.PEOPLE, "person", gone, 1);
        awaitFeedHolds(person, 0);
        awaitFeedHolds(gone, 1);

        Xml identify = oai(Map.of("verb", "Identify"));
        assertEquals("persistent", identify.text("/o:OAI-PMH/o:Identify/o:deletedRecord"));
        assertEquals("YYYY-MM-DDThh:mm:ssZ", identify.text("//o:Identify/o:granularity"));
        assertEquals("2.0", identify.text("//o:Identify/o:protocolVersion"));
        assertTrue(identify.text("//o:Identify/o:baseURL").endsWith("/oai"), identify.xml());
        Instant earliest = Instant.parse(identify.text("//o:Identify/o:earliestDatestamp"));

        Xml formats = oai(Map.of("verb", "ListMetadataFormats"));
        assertEquals(List.of("oai_dc", "memoria"), formats.texts("//o:metadataFormat/o:metadataPrefix"));
        assertEquals(List.of(OAI_DC, MEMORIA), formats.texts("//o:metadataFormat/o:metadataNamespace"));
        Xml formatsOfOne = oai(Map.of("verb", "ListMetadataFormats", "identifier", REPOSITORY + "people/" + person));
        assertEquals(List.of("oai_dc", "memoria"), formatsOfOne.texts("//o:metadataFormat/o:metadataPrefix"));
        // the memoria schema is served where the format says, and is the one validated against here
        String memoriaSchema = formats.text("//o:metadataFormat[o:metadataPrefix='memoria']/o:schema");
        assertTrue(memoriaSchema.endsWith("/oai/memoria.xsd"), memoriaSchema);
        try (InputStream committed = OaiPmhTest.class.getResourceAsStream("/oai/memoria.xsd")) {
            assertEquals(new String(committed.readAllBytes(), StandardCharsets.UTF_8),
                    given().get(memoriaSchema).then().statusCode(200).extract().asString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        Xml sets = oai(Map.of("verb", "ListSets"));
        assertEquals(List.of("people", "organisations", "events", "places", "sources"), sets.texts("//o:set/o:setSpec"));

        Xml record = oai(Map.of("verb", "GetRecord", "identifier", REPOSITORY + "people/" + person, "metadataPrefix",
                "oai_dc"));
        assertEquals(REPOSITORY + "people/" + person, record.text("//o:record/o:header/o:identifier"));
        assertEquals(List.of("people"), record.texts("//o:record/o:header/o:setSpec"));
        assertEquals("", record.text("//o:record/o:header/@status"));
        assertFalse(Instant.parse(record.text("//o:header/o:datestamp")).isBefore(earliest));
        assertEquals("Sylvia Ageloff", record.text("//oai_dc:dc/dc:title"));
        assertEquals("1910/1995", record.text("//oai_dc:dc/dc:date"));
        assertEquals("Person", record.text("//oai_dc:dc/dc:type"));
        assertEquals("Social worker from Brooklyn", record.text("//oai_dc:dc/dc:description"));
        String url = record.text("//oai_dc:dc/dc:identifier");
        assertTrue(url.endsWith("/api/people/" + person), url);
        given().get(url).then().statusCode(200); // the identifier leads to the entity in the archive API

        Xml rich = oai(Map.of("verb", "GetRecord", "identifier", REPOSITORY + "people/" + person, "metadataPrefix",
                "memoria"));
        assertEquals("PERSON", rich.text("//m:entity/@kind"));
        assertEquals("0", rich.text("//m:entity/@version"));
        assertEquals("Sylvia Ageloff", rich.text("//m:entity/m:name"));
        assertEquals("1910", rich.text("//m:entity/m:date"));
        assertEquals("1995", rich.text("//m:entity/m:end"));

        Xml deleted = oai(Map.of("verb", "GetRecord", "identifier", REPOSITORY + "people/" + gone, "metadataPrefix",
                "memoria"));
        assertEquals("deleted", deleted.text("//o:record/o:header/@status"));
        assertEquals(0, deleted.count("//o:record/o:metadata"), "a deleted record has no metadata");

        Xml identifiers = oai(Map.of("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "set", "people"));
        assertTrue(identifiers.count("//o:ListIdentifiers/o:header") > 0, identifiers.xml());
        Xml records = oai(Map.of("verb", "ListRecords", "metadataPrefix", "oai_dc", "set", "people"));
        assertTrue(records.count("//o:ListRecords/o:record") > 0, records.xml());
        Xml richRecords = oai(Map.of("verb", "ListRecords", "metadataPrefix", "memoria", "set", "people"));
        assertEquals(richRecords.count("//o:ListRecords/o:record[not(o:header/@status)]"),
                richRecords.count("//o:ListRecords/o:record/o:metadata/m:entity"), richRecords.xml());
    }

    @Test
    void badRequestsGetTheProtocolsErrorCodes() {
        String unknown = REPOSITORY + "people/" + UUID.randomUUID();
        Map<String, Map<String, String>> cases = new LinkedHashMap<>();
        cases.put("badVerb", Map.of("verb", "ListEverything"));
        cases.put("badVerb ", Map.of());
        cases.put("badArgument", Map.of("verb", "Identify", "colour", "blue"));
        cases.put("badArgument ", Map.of("verb", "ListRecords"));
        cases.put("badArgument  ", Map.of("verb", "ListRecords", "metadataPrefix", "oai_dc", "from", "yesterday"));
        cases.put("badArgument   ", Map.of("verb", "ListRecords", "metadataPrefix", "oai_dc", "from",
                "2026-12-02T00:00:00Z", "until", "2026-12-01T00:00:00Z"));
        cases.put("badArgument    ", Map.of("verb", "GetRecord", "identifier", unknown));
        cases.put("badArgument      ", Map.of("verb", "ListRecords", "metadataPrefix", "oai_dc", "from",
                "2026-12-01", "until", "2026-12-02T00:00:00Z")); // two granularities
        cases.put("badArgument       ", Map.of("verb", "ListRecords", "metadataPrefix", "oai_dc", "until",
                "2026-13-01"));
        cases.put("cannotDisseminateFormat", Map.of("verb", "ListRecords", "metadataPrefix", "marc21"));
        cases.put("cannotDisseminateFormat ", Map.of("verb", "GetRecord", "identifier", unknown, "metadataPrefix",
                "mods"));
        cases.put("idDoesNotExist", Map.of("verb", "GetRecord", "identifier", unknown, "metadataPrefix", "oai_dc"));
        cases.put("idDoesNotExist ", Map.of("verb", "GetRecord", "identifier", "oai:elsewhere.org:people/"
                + UUID.randomUUID(), "metadataPrefix", "oai_dc"));
        cases.put("idDoesNotExist  ", Map.of("verb", "ListMetadataFormats", "identifier", unknown));
        cases.put("noRecordsMatch", Map.of("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "until",
                "1999-12-31"));
        cases.put("badArgument        ", Map.of("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "from",
                "2999-01-01")); // xoai's choice: a from in the future is refused
        cases.put("noRecordsMatch ", Map.of("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "set",
                "memberships"));
        cases.put("badResumptionToken", Map.of("verb", "ListRecords", "resumptionToken", "not a token!"));
        cases.put("badResumptionToken ", Map.of("verb", "ListIdentifiers", "resumptionToken", token("1;5;oai_dc;claims;;")));
        cases.put("badResumptionToken  ", Map.of("verb", "ListIdentifiers", "resumptionToken", token("1;-3;oai_dc;;;")));
        cases.put("badResumptionToken   ", Map.of("verb", "ListIdentifiers", "resumptionToken", token("2;5;oai_dc;;;")));
        cases.put("badArgument     ", Map.of("verb", "ListIdentifiers", "resumptionToken", token("1;5;oai_dc;;;"),
                "set", "people"));
        cases.forEach((code, arguments) -> {
            Xml answer = oai(arguments);
            assertEquals(code.strip(), answer.text("/o:OAI-PMH/o:error[1]/@code"), arguments + ": " + answer.xml());
        });
    }

    // --- harvesting ---

    @Test
    void aHarvestFollowingTheTokensFindsExactlyTheArchiveWithItsDeletions() throws Exception {
        // more than a page of records, of every harvested kind, a deletion, and a membership (not harvested)
        UUID author = UUID.randomUUID();
        UUID party = UUID.randomUUID();
        UUID place = UUID.randomUUID();
        UUID event = UUID.randomUUID();
        UUID source = UUID.randomUUID();
        UUID removed = UUID.randomUUID();
        UUID membership = UUID.randomUUID();
        List<UUID> places = new ArrayList<>();
        owners.together(() -> {
            owners.changed(Topics.PEOPLE, "person", author, 0, person(author, 0, "Julián Gorkin"));
            owners.changed(Topics.PEOPLE, "organisation", party, 0, new OrganisationState(party, 0, "POUM", List.of(),
                    OrganisationType.POLITICAL_PARTY, "1935", "1980", null, null));
            owners.changed(Topics.PEOPLE, "membership", membership, 0, new MembershipState(membership, 0, author,
                    party, "member", "1935/1939", null));
            owners.changed(Topics.EVENTS, "place", place, 0, place(place, 0, "Coyoacán"));
            owners.changed(Topics.EVENTS, "event", event, 0, new EventState(event, 0, "Raid on the house", EventType.ATTACK,
                    "1940-05-24", place, "Avenida Viena", null, null, List.of(
                            new EventState.Participant(author, null, null, "described the raid in his book"),
                            new EventState.Participant(null, party, null, null))));
            owners.changed(Topics.SOURCES, "source", source, 0, new SourceState(source, 0, SourceType.BOOK,
                    "Caín en el Kremlin", List.of(new OtherTitle("Cain in the Kremlin", "en")), List.of(author), List.of(party), "1954", "Editorial", null, "es", null, null));
            owners.changed(Topics.PEOPLE, "person", removed, 0, person(removed, 0, "Removed"));
            owners.deleted(Topics.PEOPLE, "person", removed, 1);
            for (int i = 0; i < OaiPmh.PAGE + 5; i++) {
                UUID id = UUID.randomUUID();
                places.add(id);
                owners.changed(Topics.EVENTS, "place", id, 0, place(id, 0, "Harvested place " + i));
            }
        });
        awaitFeedHolds(membership, 0);
        awaitFeedHolds(removed, 1);
        places.forEach(id -> awaitFeedHolds(id, 0));

        for (String verb : List.of("ListIdentifiers", "ListRecords")) {
            Harvest harvest = harvest(Map.of("verb", verb, "metadataPrefix", "oai_dc"));
            assertTrue(harvest.pages >= 2, "more than one page");
            assertTrue(harvest.endedWithEmptyToken, "the last page ends the list with an empty token");
            assertEquals(archive(), harvest.records, verb + ": the harvest against the archive");
            assertEquals(Boolean.TRUE, harvest.records.get(REPOSITORY + "people/" + removed), "deleted, for good");
            assertFalse(harvest.records.containsKey(REPOSITORY + "memberships/" + membership));
            assertEquals(Boolean.FALSE, harvest.records.get(REPOSITORY + "sources/" + source));
        }

        Xml book = oai(Map.of("verb", "GetRecord", "identifier", REPOSITORY + "sources/" + source, "metadataPrefix",
                "oai_dc"));
        assertEquals(List.of("Julián Gorkin", "POUM"), book.texts("//dc:creator"));
        assertEquals(List.of("Caín en el Kremlin", "Cain in the Kremlin"), book.texts("//dc:title"));
        assertEquals("en", book.text("//dc:title[2]/@xml:lang"), "a translated title says its language");
        assertEquals(List.of("Source", "book"), book.texts("//dc:type"));
        assertEquals("es", book.text("//dc:language"));
        Xml raid = oai(Map.of("verb", "GetRecord", "identifier", REPOSITORY + "events/" + event, "metadataPrefix",
                "oai_dc"));
        assertEquals("1940-05-24", raid.text("//dc:date"));
        assertEquals("Avenida Viena", raid.text("//dc:coverage"));
        Xml richRaid = oai(Map.of("verb", "GetRecord", "identifier", REPOSITORY + "events/" + event, "metadataPrefix",
                "memoria"));
        assertEquals("ATTACK", richRaid.text("//m:entity/@subtype"));
        assertEquals("Coyoacán", richRaid.text("//m:reference[@link='PLACE']"));
        assertEquals(place.toString(), richRaid.text("//m:reference[@link='PLACE']/@id"));
        assertEquals("true", richRaid.text("//m:reference[@link='PLACE']/@resolved"));
        // a participant's reference carries the note on its part, when it has one
        assertEquals(List.of(author.toString(), party.toString()), richRaid.texts("//m:reference[@link='PARTICIPANT']/@id"));
        assertEquals("described the raid in his book",
                richRaid.text("//m:reference[@link='PARTICIPANT'][@id='" + author + "']/@note"));
        assertEquals(0, richRaid.count("//m:reference[@link='PARTICIPANT'][@id='" + party + "']/@note"));
        Xml richBook = oai(Map.of("verb", "GetRecord", "identifier", REPOSITORY + "sources/" + source,
                "metadataPrefix", "memoria"));
        assertEquals(List.of("Julián Gorkin", "POUM"), richBook.texts("//m:reference[@link='AUTHOR']"));
        assertEquals("Cain in the Kremlin", richBook.text("//m:otherName[@language='en']"), "other titles are harvested");
        // a resumed memoria list keeps its format
        Harvest rich = harvest(Map.of("verb", "ListRecords", "metadataPrefix", "memoria"));
        assertTrue(rich.pages >= 2 && rich.endedWithEmptyToken);
        assertEquals(archive(), rich.records, "memoria: the harvest against the archive");
    }

    @Test
    void aTokenCarriesThePositionSoChangesBetweenPagesHideNothing() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<UUID> places = new ArrayList<>();
        owners.together(() -> {
            for (int i = 0; i < OaiPmh.PAGE + 3; i++) {
                UUID id = UUID.randomUUID();
                places.add(id);
                owners.changed(Topics.EVENTS, "place", id, 0, place(id, 0, "Paged place " + i));
            }
        });
        places.forEach(id -> awaitFeedHolds(id, 0));
        Map<String, String> selection = Map.of("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "set", "places",
                "from", start.toString());

        Xml first = oai(selection);
        List<String> firstPage = first.texts("//o:header/o:identifier");
        assertEquals(OaiPmh.PAGE, firstPage.size());
        String token = first.text("//o:resumptionToken");
        assertFalse(token.isEmpty(), "a full page has a token");

        // between the pages: a record of the first page changes, and another place arrives
        UUID changed = UUID.fromString(firstPage.get(3).substring(firstPage.get(3).lastIndexOf('/') + 1));
        owners.changed(Topics.EVENTS, "place", changed, 1, place(changed, 1, "Renamed place"));
        UUID later = UUID.randomUUID();
        owners.changed(Topics.EVENTS, "place", later, 0, place(later, 0, "Later place"));
        awaitFeedHolds(changed, 1);
        awaitFeedHolds(later, 0);

        // the token is all the state there is: sent twice (as after a restart), it answers the same page
        Xml second = oai(Map.of("verb", "ListIdentifiers", "resumptionToken", token));
        Response post = given().contentType("application/x-www-form-urlencoded").formParam("verb", "ListIdentifiers")
                .formParam("resumptionToken", token).post("/oai");
        post.then().statusCode(200).contentType(startsWith("text/xml"));
        validate(post.asString());
        Xml again = Xml.of(post.asString());
        List<String> secondPage = second.texts("//o:header/o:identifier");
        assertEquals(secondPage, again.texts("//o:header/o:identifier"));
        assertEquals("", second.text("//o:resumptionToken"), "the last page ends with an empty token");
        assertEquals(1, second.count("//o:resumptionToken"));

        List<String> all = new ArrayList<>(firstPage);
        all.addAll(secondPage);
        for (UUID id : places) {
            assertTrue(all.contains(REPOSITORY + "places/" + id), "not hidden by the change: " + id);
        }
        assertTrue(secondPage.contains(REPOSITORY + "places/" + changed), "the changed record comes again");
        assertTrue(secondPage.contains(REPOSITORY + "places/" + later), "the new record comes after");
        assertEquals(places.size() + 2, all.size());

        // a list answered whole has no token at all: one place, changed in a second after all the others
        Instant last = Instant.parse(second.text("(//o:header/o:datestamp)[last()]"));
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(() -> Instant.now().truncatedTo(ChronoUnit.SECONDS).isAfter(last));
        Instant alone = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        UUID single = UUID.randomUUID();
        owners.changed(Topics.EVENTS, "place", single, 0, place(single, 0, "Place alone"));
        awaitFeedHolds(single, 0);
        Xml whole = oai(Map.of("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "set", "places", "from",
                alone.toString()));
        assertEquals(List.of(REPOSITORY + "places/" + single), whole.texts("//o:header/o:identifier"));
        assertEquals(0, whole.count("//o:resumptionToken"), whole.xml());
    }

    @Test
    void fromAndUntilSelectByDatestampToTheSecond() {
        UUID a = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "person", a, 0, person(a, 0, "Before"));
        awaitFeedHolds(a, 0);
        Instant stampA = datestamp(a);
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(stampA.plusSeconds(1)));
        UUID b = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "person", b, 0, person(b, 0, "After"));
        awaitFeedHolds(b, 0);
        Instant stampB = datestamp(b);
        assertTrue(stampB.isAfter(stampA));

        String idA = REPOSITORY + "people/" + a;
        String idB = REPOSITORY + "people/" + b;
        List<String> fromB = harvest(Map.of("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "set", "people",
                "from", stampB.toString())).ids();
        assertTrue(fromB.contains(idB) && !fromB.contains(idA), fromB.toString());
        List<String> untilA = harvest(Map.of("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "set", "people",
                "until", stampA.toString())).ids();
        assertTrue(untilA.contains(idA) && !untilA.contains(idB), "until takes its whole second");
        List<String> justA = harvest(Map.of("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "from",
                stampA.toString(), "until", stampA.toString())).ids();
        assertTrue(justA.contains(idA) && !justA.contains(idB), justA.toString());
        String day = stampA.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        List<String> thatDay = harvest(Map.of("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "set", "people",
                "from", day)).ids();
        assertTrue(thatDay.contains(idA), "from as a day");
        List<String> untilThatDay = harvest(Map.of("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "set",
                "people", "until", day)).ids();
        assertTrue(untilThatDay.contains(idA), "until as a day takes the whole day");
        List<String> untilNextYear = harvest(Map.of("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "set",
                "people", "until", stampB.plus(400, ChronoUnit.DAYS).toString())).ids();
        assertTrue(untilNextYear.containsAll(List.of(idA, idB)), "an until in the future is until now");
        for (String id : fromB) {
            Xml header = oai(Map.of("verb", "GetRecord", "identifier", id, "metadataPrefix", "oai_dc"));
            assertFalse(Instant.parse(header.text("//o:datestamp")).isBefore(stampB), id);
        }
        // the set selects: people only
        assertTrue(fromB.stream().allMatch(id -> id.startsWith(REPOSITORY + "people/")), fromB.toString());
    }

    @Test
    void aFormPostIsAnsweredAsTheSameGet() {
        Response post = given().contentType("application/x-www-form-urlencoded").formParam("verb", "ListSets")
                .post("/oai");
        post.then().statusCode(200).contentType(startsWith("text/xml"));
        validate(post.asString());
        assertEquals(oai(Map.of("verb", "ListSets")).texts("//o:setSpec"), Xml.of(post.asString()).texts("//o:setSpec"));
    }

    // --- a harvester ---

    /** What a harvest found: each identifier, deleted or not (the last header for it wins). */
    private record Harvest(Map<String, Boolean> records, int pages, boolean endedWithEmptyToken) {
        List<String> ids() {
            return List.copyOf(records.keySet());
        }
    }

    /** Follows the resumption tokens from the first request to the end of the list. */
    private Harvest harvest(Map<String, String> first) {
        Map<String, Boolean> records = new LinkedHashMap<>();
        Map<String, String> request = first;
        int pages = 0;
        while (true) {
            Xml page = oai(request);
            pages++;
            if (page.count("/o:OAI-PMH/o:error[@code='noRecordsMatch']") == 1) {
                return new Harvest(records, pages, false);
            }
            assertEquals(0, page.count("/o:OAI-PMH/o:error"), page.xml());
            NodeList headers = page.nodes("//o:header");
            assertTrue(headers.getLength() <= OaiPmh.PAGE, "a page holds at most " + OaiPmh.PAGE);
            for (int i = 0; i < headers.getLength(); i++) {
                Element header = (Element) headers.item(i);
                String id = header.getElementsByTagNameNS(OAI, "identifier").item(0).getTextContent();
                records.remove(id);
                records.put(id, "deleted".equals(header.getAttribute("status")));
            }
            if (page.count("//o:resumptionToken") == 0) {
                return new Harvest(records, pages, false);
            }
            String token = page.text("//o:resumptionToken");
            if (token.isEmpty()) {
                return new Harvest(records, pages, true);
            }
            assertTrue(pages < 1000, "the harvest ends");
            request = Map.of("verb", first.get("verb"), "resumptionToken", token);
        }
    }

    /** Every harvested entity of the read model and whether it is deleted, by OAI identifier. */
    private Map<String, Boolean> archive() throws Exception {
        Map<String, Boolean> all = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select id, kind, deleted from entity where kind in ('PERSON','ORGANISATION','EVENT','PLACE','SOURCE')")) {
            while (rs.next()) {
                String set = switch (rs.getString(2)) {
                    case "PERSON" -> "people";
                    case "ORGANISATION" -> "organisations";
                    case "EVENT" -> "events";
                    case "PLACE" -> "places";
                    default -> "sources";
                };
                all.put(REPOSITORY + set + "/" + rs.getString(1), rs.getBoolean(3));
            }
        }
        return all;
    }

    private Instant datestamp(UUID person) {
        return Instant.parse(oai(Map.of("verb", "GetRecord", "identifier", REPOSITORY + "people/" + person,
                "metadataPrefix", "oai_dc")).text("//o:header/o:datestamp"));
    }

    /** A GET of /oai: always 200 and XML, and valid against the committed schemas. */
    private static Xml oai(Map<String, String> arguments) {
        Response response = given().queryParams(arguments).get("/oai");
        response.then().statusCode(200).contentType(startsWith("text/xml"));
        String xml = response.asString();
        validate(xml);
        return Xml.of(xml);
    }

    private static PersonState person(UUID id, long version, String name) {
        return new PersonState(id, version, name, List.of(), null, null, null, null, null, null);
    }

    private static PlaceState place(UUID id, long version, String name) {
        return new PlaceState(id, version, name, List.of(), PlaceType.SITE, null, null, null, null);
    }

    private static String token(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    // --- XML: the committed schemas, and reading answers ---

    /** The protocol's schema with oai_dc's; their imports come from src/test/resources/oai-pmh, never the network. */
    private static Schema schema() {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setResourceResolver(LOCAL_SCHEMAS);
            // the network is never used for a schema: only files (the committed copies the resolver gives)
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            return factory.newSchema(new Source[] { committed("/oai-pmh/OAI-PMH.xsd"), committed("/oai-pmh/oai_dc.xsd"),
                committed("/oai/memoria.xsd") });
        } catch (org.xml.sax.SAXException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StreamSource committed(String name) {
        URL url = OaiPmhTest.class.getResource(name);
        assertNotNull(url, name + " is committed");
        try {
            return new StreamSource(url.openStream(), url.toExternalForm());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resolves a schema import by its file name to the committed copy; anything else fails the test. */
    private static final LSResourceResolver LOCAL_SCHEMAS = (type, namespace, publicId, systemId, baseUri) -> {
        String name = systemId.substring(systemId.lastIndexOf('/') + 1);
        URL url = OaiPmhTest.class.getResource("/oai-pmh/" + name);
        if (url == null) {
            throw new IllegalStateException("A schema that is not committed was asked for: " + systemId);
        }
        try {
            DOMImplementationLS ls = (DOMImplementationLS) DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .getDOMImplementation();
            LSInput input = ls.createLSInput();
            InputStream in = url.openStream();
            input.setByteStream(in);
            input.setSystemId(url.toExternalForm());
            input.setPublicId(publicId);
            return input;
        } catch (IOException | javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    };

    /** Declared after the resolver it needs: static fields are initialised in order. */
    private static final Schema SCHEMA = schema();

    private static void validate(String xml) {
        try {
            Validator validator = SCHEMA.newValidator();
            validator.setResourceResolver(LOCAL_SCHEMAS);
            validator.validate(new StreamSource(new StringReader(xml)));
        } catch (org.xml.sax.SAXException | IOException e) {
            throw new AssertionError("Not valid OAI-PMH: " + e.getMessage() + "\n" + xml, e);
        }
    }

    /** An answer, read with XPath: {@code o:} OAI-PMH, {@code oai_dc:} and {@code dc:}. */
    private record Xml(String xml, Document document) {
        private static final NamespaceContext NAMESPACES = new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return switch (prefix) {
                    case "o" -> OAI;
                    case "oai_dc" -> OAI_DC;
                    case "dc" -> DC;
                    case "xml" -> XMLConstants.XML_NS_URI;
                    case "m" -> MEMORIA;
                    default -> XMLConstants.NULL_NS_URI;
                };
            }

            @Override
            public String getPrefix(String uri) {
                return null;
            }

            @Override
            public java.util.Iterator<String> getPrefixes(String uri) {
                return null;
            }
        };

        static Xml of(String xml) {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                return new Xml(xml, factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))));
            } catch (Exception e) {
                throw new AssertionError("Not XML: " + xml, e);
            }
        }

        String text(String path) {
            try {
                return xpath().evaluate(path, document);
            } catch (javax.xml.xpath.XPathExpressionException e) {
                throw new IllegalArgumentException(path, e);
            }
        }

        NodeList nodes(String path) {
            try {
                return (NodeList) xpath().evaluate(path, document, XPathConstants.NODESET);
            } catch (javax.xml.xpath.XPathExpressionException e) {
                throw new IllegalArgumentException(path, e);
            }
        }

        List<String> texts(String path) {
            NodeList nodes = nodes(path);
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                Node node = nodes.item(i);
                texts.add(node.getTextContent());
            }
            return texts;
        }

        int count(String path) {
            return nodes(path).getLength();
        }

        private static XPath xpath() {
            XPath xpath = XPathFactory.newInstance().newXPath();
            xpath.setNamespaceContext(NAMESPACES);
            return xpath;
        }
    }
}
