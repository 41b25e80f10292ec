package org.memoria.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.memoria.common.events.CloudEvents;
import org.memoria.common.events.Topics;
import org.memoria.local.LocalStack;
import org.memoria.local.LocalStack.Service;
import org.memoria.local.Ports;
import org.memoria.local.PrometheusText;
import org.memoria.local.SampleLoader;
import org.memoria.local.TopicProbe;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * The platform end to end: the four packaged services as separate processes on a real PostgreSQL and Kafka
 * broker, exactly as {@code ./memoria up} runs them, driven through the gateway's one base URL.
 */
class ArchiveEndToEndIT {

    private static final Duration PROJECTED = Duration.ofSeconds(30);
    private static PackagedStack run;
    private static LocalStack stack;
    private static Path root;
    /** Where the four services export their spans: tracing on, as an operator turns it on (docs/operations.md). */
    private static OtlpReceiver collector;

    @BeforeAll
    static void start() throws Exception {
        root = PackagedStack.root();
        collector = new OtlpReceiver();
        run = PackagedStack.start("e2e", options -> options.withConfig(Map.of(
                "quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.traces.endpoint", collector.endpoint(),
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "200ms")));
        stack = run.stack();
        stack.startTimes().forEach((s, d) -> System.out.printf("[e2e] %s ready in %d ms%n", s.module, d.toMillis()));
        System.out.printf("[e2e] kafka broker ready in %d ms%n", stack.kafkaStartTime().toMillis());
        RestAssured.baseURI = stack.url(Service.GATEWAY);
        RestAssured.port = stack.port(Service.GATEWAY);
        // as an archivist would, with a token of the stack's issuer (unless a test sends its own)
        String archivist = "Bearer " + stack.tokens().archivist("e2e-archivist");
        RestAssured.filters(new org.memoria.local.DefaultAuthorization(() -> archivist));
    }

    @AfterAll
    static void stop() throws Exception {
        if (run != null) {
            run.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    private static String post(String collection, Object body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/" + collection)
                .then().statusCode(201).header("Location", containsString("/api/" + collection + "/"))
                .extract().path("id");
    }

    @Test
    void aPersonAndAnEventWrittenToTheirOwnersAppearComposedInTheDossier() {
        String siqueiros = post("people", Map.of("preferredName", "David Alfaro Siqueiros",
                "birthDate", "1896-12-29", "deathDate", "1974-01-06"));
        String attack = post("events", Map.of("title", "Armed attack on Trotsky's house in Coyoacán",
                "type", "ATTACK", "date", "1940-05-24", "placeName", "Coyoacán",
                "participants", List.of(Map.of("personId", siqueiros, "role", "ORGANISER"))));

        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/people/" + siqueiros).then().statusCode(200)
                .body("preferredName", equalTo("David Alfaro Siqueiros"))
                .body("events", hasSize(1))
                .body("events[0].id", equalTo(attack))
                .body("events[0].role", equalTo("ORGANISER"))
                .body("events[0].date.display", equalTo("May 24, 1940")));
    }

    @Test
    void aParticipantWhoseOwnerHasNotRecordedThemIsUnresolvedThenResolves() {
        String harte = UUID.randomUUID().toString();
        String attack = post("events", Map.of("title", "May 24 attack", "type", "ATTACK", "date", "1940-05-24",
                "participants", List.of(Map.of("personId", harte, "role", "GUARD_ON_DUTY"))));
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/events/" + attack).then().statusCode(200)
                .body("participants[0].participant.id", equalTo(harte))
                .body("participants[0].participant.resolved", is(false)));

        given().contentType(ContentType.JSON).body(Map.of("preferredName", "Robert Sheldon Harte"))
                .put("/api/people/" + harte).then().statusCode(201);
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/events/" + attack).then()
                .body("participants[0].participant.resolved", is(true))
                .body("participants[0].participant.name", equalTo("Robert Sheldon Harte")));
    }

    /**
     * What a partner developer does with the client OpenAPI Generator makes from the committed gateway document
     * (clients/java), and nothing else: every call typed, the ETag read from the typed answer, a stale If-Match read
     * back as a typed {@code Problem}.
     */
    /**
     * Lists, revision histories and sub-resources are the owners' truth, read through the gateway
     * (docs/decisions/0017): what was just written is listed by the owner's filters at once, with no wait for the
     * read model; a bad filter is the owner's 400 problem, relayed.
     */
    @Test
    void everyCollectionIsListedByItsOwnersFiltersThroughTheGateway() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String sedova = post("people", Map.of("preferredName", "Natalia Sedova " + tag, "birthDate", "1882"));
        String volkov = post("people", Map.of("preferredName", "Esteban Volkov " + tag));
        String party = post("organisations", Map.of("preferredName", "Workers Party " + tag, "type", "POLITICAL_PARTY"));
        String membership = post("memberships", Map.of("personId", sedova, "organisationId", party, "role", "member"));
        String relation = post("relations", Map.of("fromPersonId", sedova, "type", "LIAISON", "toPersonId", volkov));
        String city = post("places", Map.of("name", "Mexico City " + tag, "type", "CITY"));
        String coyoacan = post("places", Map.of("name", "Coyoacán " + tag, "type", "DISTRICT", "parentPlaceId", city));
        String siege = post("events", Map.of("title", "The siege " + tag, "type", "ATTACK", "date", "1940-05",
                "placeId", coyoacan));
        String raid = post("events", Map.of("title", "The raid " + tag, "type", "ATTACK", "date", "1940-05-24",
                "parentEventId", siege, "participants", List.of(Map.of("personId", sedova, "role", "WITNESS"))));
        String source = post("sources", Map.of("type", "ARTICLE", "title", "Memoirs " + tag, "authorIds",
                List.of(sedova), "date", "1940-06"));
        String citation = post("citations", Map.of("sourceId", source, "locator", "p. 1", "about",
                List.of(Map.of("kind", "PERSON", "id", sedova))));
        String claim = post("claims", Map.of("statement", "She was there " + tag, "subjects",
                List.of(Map.of("kind", "PERSON", "id", sedova)), "evidence",
                List.of(Map.of("citationId", citation, "stance", "SUPPORTS"))));

        given().queryParam("name", tag).queryParam("sort", "name").get("/api/people").then().statusCode(200)
                .body("total", is(2)).body("items.id", contains(volkov, sedova));
        given().queryParam("organisationId", party).get("/api/people").then().body("items.id", contains(sedova));
        given().queryParam("name", tag).queryParam("type", "POLITICAL_PARTY").get("/api/organisations").then()
                .statusCode(200).body("items.id", contains(party));
        given().queryParam("personId", sedova).get("/api/memberships").then().body("items.id", contains(membership));
        given().queryParam("personId", volkov).queryParam("type", "LIAISON").get("/api/relations").then()
                .body("items.id", contains(relation));
        given().queryParam("parentPlaceId", city).get("/api/places").then().body("items.id", contains(coyoacan));
        given().queryParam("personId", sedova).get("/api/events").then().statusCode(200)
                .body("items.id", contains(raid));
        given().queryParam("placeId", city).queryParam("from", "1940-05-24").queryParam("to", "1940-05-24")
                .get("/api/events").then().body("items.id", contains(siege)); // May 1940 overlaps the day
        given().queryParam("placeId", city).queryParam("from", "1940-06-01").get("/api/events").then()
                .body("total", is(0));
        given().queryParam("authorId", sedova).get("/api/sources").then().body("items.id", contains(source));
        given().queryParam("aboutId", sedova).get("/api/citations").then().body("items.id", contains(citation));
        given().queryParam("subjectId", sedova).get("/api/claims").then().body("items.id", contains(claim));

        // sub-resources, as their owners serve them
        given().get("/api/events/" + siege + "/children").then().statusCode(200).body("items.id", contains(raid));
        given().get("/api/places/" + city + "/children").then().body("items.id", contains(coyoacan));
        given().get("/api/people/" + sedova + "/memberships").then().body("items.id", contains(membership));
        given().get("/api/people/" + volkov + "/relations").then().body("items[0].label", is("had as liaison"));
        given().get("/api/organisations/" + party + "/members").then().body("items.id", contains(membership));
        given().get("/api/sources/" + source + "/citations").then().body("items.id", contains(citation));
        given().get("/api/events/" + UUID.randomUUID() + "/children").then().statusCode(404)
                .contentType("application/problem+json");

        // the revision history: the author is the token's subject, `changed` names the field
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body(Map.of("deathDate", "1962-01-23")).patch("/api/people/" + sedova).then().statusCode(200);
        given().get("/api/people/" + sedova + "/revisions").then().statusCode(200)
                .body("size()", is(2)).body("author", everyItem(is("e2e-archivist")))
                .body("[1].changed", contains("death"));
        given().get("/api/claims/" + UUID.randomUUID() + "/revisions").then().statusCode(404)
                .contentType("application/problem+json");

        given().queryParam("personId", "not-a-uuid").get("/api/events").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is("personId"))
                .body("detail", containsString("not-a-uuid"));
    }

    @Test
    void aGeneratedClientDoesItAllThroughTheGatewayDocumentAlone() throws Exception {
        org.memoria.client.ApiClient client = new org.memoria.client.ApiClient();
        client.updateBaseUri(stack.url(Service.GATEWAY));
        String archivist = "Bearer " + stack.tokens().archivist("generated-client");
        client.setRequestInterceptor(request -> request.header("Authorization", archivist));
        var people = new org.memoria.client.api.PeopleApi(client);
        var events = new org.memoria.client.api.EventsApi(client);
        String alias = "Jacson" + UUID.randomUUID().toString().substring(0, 6);

        var created = people.createPersonWithHttpInfo(new org.memoria.client.model.PersonInput()
                .preferredName("Ramón Mercader").birthDate("1913-02-07")
                .addNamesItem(new org.memoria.client.model.NameInput().name("Frank " + alias)
                        .type("ALIAS")), UUID.randomUUID().toString());
        assertEquals(201, created.getStatusCode());
        org.memoria.client.model.Person person = created.getData();
        assertEquals("Ramón Mercader", person.getPreferredName());
        assertEquals("February 7, 1913", person.getBirth().getDisplay());
        String etag = created.getHeaders().get("ETag").get(0);
        assertEquals("\"0\"", etag);

        org.memoria.client.model.Event attack = events.createEvent(new org.memoria.client.model.EventInput()
                .title("the killing at Coyoacán").type("ASSASSINATION")
                .date("1940-08-20").addParticipantsItem(new org.memoria.client.model.ParticipantInput()
                        .personId(person.getId()).role("PERPETRATOR")), null);
        await().atMost(PROJECTED).untilAsserted(() -> {
            org.memoria.client.model.Dossier dossier = people.getDossier(person.getId(), null);
            assertEquals(1, dossier.getEvents().size());
            assertEquals(attack.getId(), dossier.getEvents().get(0).getId());
        });
        // the view's strong ETag: a client that has it is told 304, and may write under it (its version is "0")
        String viewTag = people.getDossierWithHttpInfo(person.getId(), null).getHeaders().get("etag").get(0);
        assertTrue(viewTag.startsWith("\"0."), viewTag);
        assertEquals(304, assertThrows(org.memoria.client.ApiException.class,
                () -> people.getDossierWithHttpInfo(person.getId(), viewTag)).getCode());

        org.memoria.client.model.Person replaced = people.putPerson(person.getId(), new org.memoria.client.model.PersonInput()
                .preferredName("Ramón Mercader del Río").birthDate("1913-02-07")
                .addNamesItem(new org.memoria.client.model.NameInput().name("Frank " + alias)
                        .type("ALIAS")), viewTag, null);
        assertEquals(1L, replaced.getVersion());

        org.memoria.client.ApiException stale = org.junit.jupiter.api.Assertions.assertThrows(
                org.memoria.client.ApiException.class, () -> people.putPerson(person.getId(),
                        new org.memoria.client.model.PersonInput().preferredName("stale"), etag, null));
        org.memoria.client.model.Problem problem = client.getObjectMapper().readValue(stale.getResponseBody(),
                org.memoria.client.model.Problem.class);
        assertEquals(412, stale.getCode());
        assertEquals(412, problem.getStatus());

        org.memoria.client.model.Person patched = people.patchPerson(person.getId(),
                new org.memoria.client.model.PersonPatch().deathDate("1978-10-18"), "\"1\"");
        assertEquals("Ramón Mercader del Río", patched.getPreferredName(), "what the patch does not name stays");
        assertEquals("1978-10-18", patched.getDeath().getEdtf());
        assertEquals("Frank " + alias, patched.getNames().get(0).getName(), "the names the patch leaves out stay");

        List<org.memoria.client.model.Revision> revisions = people.getPersonRevisions(person.getId());
        assertEquals(3, revisions.size());
        assertEquals("generated-client", revisions.get(2).getAuthor());
        assertEquals(List.of("death"), revisions.get(2).getChanged());
        org.memoria.client.model.PageEventView hers = events.listEvents(null, null, null, null, person.getId(), null,
                null, null, null, null);
        assertEquals(1L, hers.getTotal());
        assertEquals(attack.getId(), hers.getItems().get(0).getId());

        var search = new org.memoria.client.api.SearchApi(client);
        await().atMost(PROJECTED).untilAsserted(() -> assertEquals(person.getId(),
                search.search(alias, null, null, null).getItems().get(0).getId()));
        var timelines = new org.memoria.client.api.TimelineApi(client);
        var august = timelines.timelineWithHttpInfo(java.time.LocalDate.parse("1940-08-01"), null, null,
                person.getId(), null, null, java.time.LocalDate.parse("1940-08-31"), null, null);
        assertEquals(attack.getId(), august.getData().getItems().get(0).getId());
        // the page's strong ETag: a client that has it is told 304 while the page is unchanged
        String pageTag = august.getHeaders().get("etag").get(0);
        assertEquals(304, assertThrows(org.memoria.client.ApiException.class,
                () -> timelines.timelineWithHttpInfo(java.time.LocalDate.parse("1940-08-01"), null, null,
                        person.getId(), null, null, java.time.LocalDate.parse("1940-08-31"), null, pageTag))
                .getCode());

        events.deleteEvent(attack.getId(), "\"0\"");
        people.deletePerson(person.getId(), "\"2\"");
        await().atMost(PROJECTED).untilAsserted(() -> assertEquals(404, org.junit.jupiter.api.Assertions.assertThrows(
                org.memoria.client.ApiException.class, () -> people.getDossier(person.getId(), null)).getCode()));
    }

    @Test
    void anAdminManagesAVocabularyThroughTheGatewayAndRecordsUseItAtOnce() throws Exception {
        String admin = "Bearer " + stack.tokens().admin("e2e-admin");
        // the seeded terms, in the caller's language, routed to the owner
        given().header("Accept-Language", "es").get("/api/vocabularies/event-types/attack").then().statusCode(200)
                .body("code", equalTo("ATTACK")).body("label", equalTo("ataque"));
        // SKOS with the gateway's own IRIs, read as RDF
        String skos = given().accept("application/ld+json").get("/api/vocabularies/event-types").then().statusCode(200)
                .contentType("application/ld+json").extract().asString();
        var rdf = com.apicatalog.jsonld.JsonLd.toRdf(com.apicatalog.jsonld.document.JsonDocument.of(
                new java.io.StringReader(skos))).get();
        String attack = stack.url(Service.GATEWAY) + "/api/vocabularies/event-types/ATTACK";
        org.junit.jupiter.api.Assertions.assertTrue(rdf.toList().stream().anyMatch(q -> q.getSubject().getValue().equals(attack)
                && q.getPredicate().getValue().equals("http://www.w3.org/2004/02/skos/core#prefLabel")
                && q.getObject().getValue().equals("ataque")
                && q.getObject().asLiteral().getLanguage().orElse("").equals("es")), skos);

        // the seeded terms were published by the owners' migrations: the archive (and its change feed) has them
        UUID seeded = org.memoria.common.contract.vocabulary.ManagedVocabulary.PARTICIPANT_ROLES.termId("GUARD_ON_DUTY");
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/vocabularies/terms/" + seeded).then()
                .statusCode(200).body("code", equalTo("GUARD_ON_DUTY")).body("labels.es", equalTo("guardia de turno")));

        String code = "MASSACRE_" + UUID.randomUUID().toString().substring(0, 4).toUpperCase();
        given().contentType(ContentType.JSON).body(Map.of("title", "x", "type", code)).post("/api/events").then()
                .statusCode(400).body("errors[0].field", equalTo("type"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("labels", Map.of("en", "massacre", "es", "masacre"), "broader", "murder"))
                .put("/api/vocabularies/event-types/" + code).then().statusCode(201)
                .header("Location", containsString("/api/vocabularies/event-types/" + code)).body("broader", equalTo("MURDER"));
        String event = given().contentType(ContentType.JSON).body(Map.of("title", "Massacre " + code, "type",
                code.toLowerCase(), "date", "1937")).post("/api/events").then().statusCode(201)
                .body("type", equalTo(code)).extract().path("id");
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/events/" + event).then().statusCode(200)
                .body("type", equalTo(code)));
        // the term's change is in the archive like any entity's
        UUID term = org.memoria.common.contract.vocabulary.ManagedVocabulary.EVENT_TYPES.termId(code);
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/vocabularies/terms/" + term).then()
                .statusCode(200).body("labels.es", equalTo("masacre")));
        given().header("Authorization", admin).delete("/api/vocabularies/event-types/" + code).then().statusCode(409)
                .body("detail", containsString("deprecate"));
    }

    @Test
    void aMergePatchThroughTheGatewayChangesOnlyWhatItNamesAndReachesTheDossier() {
        String person = post("people", Map.of("preferredName", "Sylvia Ageloff", "birthDate", "1910",
                "description", "Introduced Mercader into the household"));
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"birthDate\": \"1910-04-06\", \"names\": [{\"name\": \"Sylvia Ageloff\", \"type\": \"BIRTH\"}]}")
                .patch("/api/people/" + person).then().statusCode(200).header("ETag", "\"1\"")
                .body("description", equalTo("Introduced Mercader into the household"));
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/people/" + person).then().statusCode(200)
                .header("ETag", startsWith("\"1.")).body("birth.display", equalTo("April 6, 1910")));
        // stale If-Match: refused by the owner, relayed as it answered
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("{\"description\": null}")
                .patch("/api/people/" + person).then().statusCode(412).contentType("application/problem+json");
    }

    @Test
    void oneWriteCanBeFollowedFromTheGatewayThroughTheOwnerTheOutboxAndKafkaToTheProjector() {
        String trace = ObservabilityTest.hex(16);
        String caller = ObservabilityTest.hex(8);
        String id = given().header("traceparent", "00-" + trace + "-" + caller + "-01").contentType(ContentType.JSON)
                .body(Map.of("preferredName", "Rudolf Klement")).post("/api/people").then().statusCode(201)
                .extract().path("id");

        await().atMost(PROJECTED).untilAsserted(() -> {
            List<OtlpReceiver.ReceivedSpan> spans = collector.trace(trace);
            OtlpReceiver.ReceivedSpan gateway = one(spans, "gateway", OtlpReceiver.SERVER, caller);
            OtlpReceiver.ReceivedSpan routed = one(spans, "gateway", OtlpReceiver.CLIENT, gateway.spanId());
            assertEquals("OwnerRouter.forward", routed.name());
            OtlpReceiver.ReceivedSpan owner = one(spans, "people-service", OtlpReceiver.SERVER, routed.spanId());
            OtlpReceiver.ReceivedSpan projected = one(spans, "gateway", OtlpReceiver.CONSUMER, owner.spanId());
            assertEquals("ProjectionRun.apply", projected.name());
            // the hop in between: the outbox row's trace context, published as the CloudEvent's ce_traceparent
            List<TopicProbe.Event> events = TopicProbe.eventsFor(stack.kafkaBootstrapServers(), Topics.PEOPLE, id,
                    () -> true, Duration.ofSeconds(10));
            assertEquals("00-" + trace + "-" + owner.spanId() + "-01",
                    events.getFirst().header(CloudEvents.H_TRACEPARENT));
        });
    }

    /** The one span of the trace that this service made, of this kind, as the child of this span. */
    private static OtlpReceiver.ReceivedSpan one(List<OtlpReceiver.ReceivedSpan> spans, String service, int kind,
            String parent) {
        List<OtlpReceiver.ReceivedSpan> found = spans.stream().filter(s -> s.service().equals(service)
                && s.kind() == kind && s.parentSpanId().equals(parent)).toList();
        assertEquals(1, found.size(),
                () -> "one span of " + service + " (kind " + kind + ") under " + parent + " in " + spans);
        return found.getFirst();
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsQueryIsExported() {
        // something for every panel to show: writes to the three owners, projected by the gateway, and reads
        String person = post("people", Map.of("preferredName", "Joseph Hansen"));
        String event = post("events", Map.of("title", "Hansen arrives in Coyoacán", "type", "OTHER", "date", "1937"));
        String source = post("sources", Map.of("type", "ARTICLE", "title", "With Trotsky to the end"));
        for (String read : List.of("/api/people/" + person, "/api/events/" + event, "/api/sources/" + source)) {
            await().atMost(PROJECTED).until(() -> given().get(read).statusCode() == 200);
        }

        Set<String> exported = new TreeSet<>();
        for (Service service : Service.values()) {
            String metrics = given().baseUri(stack.url(service)).port(stack.port(service)).get("/q/metrics").then()
                    .statusCode(200).extract().asString();
            exported.addAll(PrometheusText.names(metrics));
        }
        List<MonitoringQueries.Query> queries = MonitoringQueries.ofRepository(root);
        assertTrue(queries.size() >= 10, "the dashboard's panels and the alerts: " + queries);
        assertEquals(Map.of(), MonitoringQueries.missing(queries, exported), "queried but not exported");

        // and the comparison does fail for a metric nobody exports
        List<MonitoringQueries.Query> wrong = new ArrayList<>(queries);
        wrong.add(new MonitoringQueries.Query("panel \"Sent\"", "sum(rate(memoria_outbox_sent_events_total[5m]))"));
        assertEquals(Map.of("memoria_outbox_sent_events_total", List.of("panel \"Sent\"")),
                MonitoringQueries.missing(wrong, exported));
    }

    @Test
    void invalidWritesAreRejectedByTheOwnerThroughTheGatewayAsProblemJson() {
        given().contentType(ContentType.JSON).body(Map.of("title", "", "type", "ATACK", "date", "1940-05-24"))
                .post("/api/events").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("type")).body("errors.field", hasItem("title")) // every error at once
                .body("errors.find { it.field == 'type' }.reason", containsString("closest: ATTACK"));
        given().contentType(ContentType.JSON).body(Map.of("preferredName", "X", "deathDate", "1940-02-30"))
                .post("/api/people").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("deathDate"));
    }

    @Test
    void aDeleteRoutedToTheOwnerRemovesTheEntityFromTheArchive() {
        String source = post("sources", Map.of("type", "ARTICLE", "title", "The Comintern and the GPU",
                "date", "1940-08-17"));
        await().atMost(PROJECTED).until(() -> given().get("/api/sources/" + source).statusCode() == 200);
        given().delete("/api/sources/" + source).then().statusCode(428); // If-Match is required, and relayed
        given().header("If-Match", "\"0\"").delete("/api/sources/" + source).then().statusCode(204);
        await().atMost(PROJECTED).until(() -> given().get("/api/sources/" + source).statusCode() == 404);
        given().delete("/api/sources/" + source).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aWriteWhoseIdNamesAnEntityOfAnotherKindIsRefusedAndNothingIsWritten() {
        String sedova = post("people", Map.of("preferredName", "Natalia Sedova"));
        await().atMost(PROJECTED).until(() -> given().get("/api/people/" + sedova).statusCode() == 200);

        given().contentType(ContentType.JSON).body(Map.of("title", "Not a person", "type", "OTHER", "date", "1940"))
                .put("/api/events/" + sedova).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already names a person"));
        given().header("If-Match", "\"0\"").delete("/api/sources/" + sedova).then().statusCode(409);
        // the events service was never asked: it holds nothing under that id, and the dossier stands
        given().baseUri(stack.url(Service.EVENTS)).port(stack.port(Service.EVENTS)).get("/events/" + sedova).then()
                .statusCode(404);
        given().get("/api/people/" + sedova).then().statusCode(200).body("preferredName", equalTo("Natalia Sedova"));
    }

    @Test
    void writesAcknowledgedByAnOwnerThatCouldNotPublishSurviveItsKillAndReachTheArchive() throws Exception {
        // The people service answers writes, but its broker address leads nowhere: every event stays in the outbox.
        stack.kill(Service.PEOPLE);
        stack.startService(Service.PEOPLE, Map.of("kafka.bootstrap.servers", Ports.HOST + ":" + Ports.free()));
        stack.awaitLive(Service.PEOPLE, Duration.ofSeconds(60));
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            acknowledged.add(post("people", Map.of("preferredName", "Guard " + i)));
        }
        stack.kill(Service.PEOPLE); // SIGKILL the instant after the last answer: no shutdown hook, no flush
        try (var c = java.sql.DriverManager.getConnection(stack.postgres().jdbcUrl("people"), "postgres", "postgres");
                var s = c.createStatement();
                var rs = s.executeQuery("select count(*) from outbox_event where sent_at is null")) {
            rs.next();
            assertTrue(rs.getInt(1) >= acknowledged.size(), "the writes must be waiting in the outbox");
        }

        stack.startService(Service.PEOPLE);
        stack.awaitReady(Service.PEOPLE, Duration.ofSeconds(60));
        for (String id : acknowledged) {
            await().atMost(PROJECTED).until(() -> given().get("/api/people/" + id).statusCode() == 200);
        }
    }

    /** The id docs/import.md says an archivist's key maps to: a name-based UUID of (namespace, kind, key). */
    private static String imported(String kind, String key) {
        return UUID.nameUUIDFromBytes(("memoria-import\u0000archive\u0000" + kind + "\u0000" + key)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    private static io.restassured.response.ValidatableResponse importFile(String file) {
        String location = given().contentType("application/x-ndjson")
                .body(file.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/imports").then()
                .statusCode(202).extract().header("Location");
        String job = location.substring(location.indexOf("/api/imports/"));
        await().atMost(PROJECTED).untilAsserted(() -> given().get(job).then().body("state", equalTo("DONE")));
        return given().get(job).then().statusCode(200);
    }

    @Test
    void memoriaImportUploadsAFileFollowsTheJobAndPrintsTheSummary() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Path file = Files.createTempFile("import", ".ndjson");
        Files.writeString(file, String.join("\n",
                "{\"kind\": \"event\", \"key\": \"raid-" + tag + "\", \"data\": {\"title\": \"Raid " + tag
                        + "\", \"type\": \"attack\", \"date\": \"1940-05-24\", \"placeId\": {\"key\": \"house-" + tag + "\"}}}",
                "{\"kind\": \"place\", \"key\": \"house-" + tag + "\", \"data\": {\"name\": \"Avenida Viena " + tag + "\"}}",
                "{\"kind\": \"person\", \"key\": \"nobody-" + tag + "\", \"data\": {\"preferredName\": \"X\", \"birthDate\": \"1940-13\"}}",
                ""));
        String token = stack.tokens().archivist("cli");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        String[] dry = { file.toString(), "--dry-run", "--url", stack.url(Service.GATEWAY), "--token", token };
        assertEquals(0, org.memoria.local.ImportCommand.run(dry, new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true)), err::toString);
        assertTrue(out.toString().startsWith("Checked (dry run)"), out::toString);

        out.reset();
        String[] real = { file.toString(), "--url", stack.url(Service.GATEWAY), "--token", token };
        assertEquals(0, org.memoria.local.ImportCommand.run(real, new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true)), err::toString);
        String summary = out.toString();
        assertTrue(summary.contains("3 read, 2 written, 0 unchanged, 1 rejected"), summary);
        assertTrue(summary.contains("line 3 (person nobody-" + tag + ")") && summary.contains("'1940-13'"), summary);
        assertTrue(err.toString().contains("100%"), err::toString);
        await().atMost(PROJECTED).untilAsserted(() -> given().queryParam("q", "Raid " + tag).get("/api/search").then()
                .statusCode(200).body("items[0].label", equalTo("Raid " + tag)));
    }

    @Test
    void anImportWithForwardReferencesABadRecordAndARepeatedKeyWritesTheRestAndARerunChangesNothing() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String file = String.join("\n",
                "{\"kind\":\"event\",\"key\":\"raid-" + suffix + "\",\"data\":{\"title\":\"Raid on the house\","
                        + "\"type\":\"ATTACK\",\"date\":\"1940-05-24\",\"placeId\":{\"key\":\"house-" + suffix + "\"},"
                        + "\"parentEventId\":{\"key\":\"campaign-" + suffix + "\"},\"participants\":[{\"personId\":"
                        + "{\"key\":\"painter-" + suffix + "\"},\"role\":\"ORGANISER\"}]}}",
                "{\"kind\":\"event\",\"key\":\"campaign-" + suffix + "\",\"data\":{\"title\":\"The campaign\","
                        + "\"type\":\"ATTACK\",\"date\":\"1940\"}}",
                "{\"kind\":\"person\",\"key\":\"painter-" + suffix + "\",\"data\":{\"preferredName\":"
                        + "\"Imported Painter " + suffix + "\",\"birthDate\":\"1896-12-29\"}}",
                "{\"kind\":\"person\",\"key\":\"bad-" + suffix + "\",\"data\":{\"preferredName\":\"Bad Date\","
                        + "\"birthDate\":\"1896-13\"}}",
                "{\"kind\":\"person\",\"key\":\"painter-" + suffix + "\",\"data\":{\"preferredName\":\"Twice\"}}",
                "{\"kind\":\"place\",\"key\":\"house-" + suffix + "\",\"data\":{\"name\":\"The house " + suffix
                        + "\",\"latitude\":19.35,\"longitude\":-99.16}}",
                "{\"kind\":\"source\",\"key\":\"memoir-" + suffix + "\",\"data\":{\"type\":\"ARTICLE\","
                        + "\"title\":\"Memoir " + suffix + "\",\"authorIds\":[{\"key\":\"painter-" + suffix + "\"}]}}",
                "{\"kind\":\"citation\",\"key\":\"page-" + suffix + "\",\"data\":{\"sourceId\":{\"key\":\"memoir-"
                        + suffix + "\"},\"locator\":\"p. 1\",\"quote\":\"We went in.\"}}",
                "{\"kind\":\"claim\",\"key\":\"led-" + suffix + "\",\"data\":{\"statement\":\"The painter led "
                        + "the raid\",\"subjects\":[{\"kind\":\"PERSON\",\"id\":{\"key\":\"painter-" + suffix + "\"}}],"
                        + "\"evidence\":[{\"citationId\":{\"key\":\"page-" + suffix + "\"},\"stance\":\"SUPPORTS\"}]}}");

        String firstJob = importFile(file).body("written", equalTo(7)).body("unchanged", equalTo(0))
                .body("rejected", equalTo(2))
                .body("kinds.event.written", equalTo(2)).body("kinds.person.rejected", equalTo(2))
                .body("rejections.line", contains(4, 5))
                .body("rejections[0].field", equalTo("data.birthDate"))
                .body("rejections[1].reason", equalTo("repeats the key of the person on line 3")).extract().path("id");

        String painter = imported("PERSON", "painter-" + suffix);
        String raid = imported("EVENT", "raid-" + suffix);
        String campaign = imported("EVENT", "campaign-" + suffix);
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/people/" + painter).then().statusCode(200)
                .body("preferredName", equalTo("Imported Painter " + suffix))
                .body("events.id", hasItem(raid))
                .body("claims.statement", hasItem("The painter led the raid")));
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/events/" + raid).then().statusCode(200)
                .body("place.name", equalTo("The house " + suffix)));
        given().get("/api/events/" + campaign + "/children").then().statusCode(200).body("items.id", hasItem(raid));
        int painterVersion = given().get("/api/people/" + painter).then().extract().path("version");
        int raidVersion = given().get("/api/events/" + raid).then().extract().path("version");

        importFile(file).body("written", equalTo(0)).body("unchanged", equalTo(7)).body("rejected", equalTo(2));
        given().get("/api/people/" + painter).then().body("version", is(painterVersion));
        given().get("/api/events/" + raid).then().body("version", is(raidVersion));
        int total = given().queryParam("name", "Imported Painter " + suffix).get("/api/people").then().extract()
                .path("total");
        assertEquals(1, total, "a second import must not duplicate a record");

        // a corrected file changes only what changed, and each revision names the import that made it
        String place = imported("PLACE", "house-" + suffix);
        String corrected = importFile(file.replace("The house " + suffix, "The house at Viena " + suffix))
                .body("written", equalTo(1)).body("unchanged", equalTo(6)).body("kinds.place.written", equalTo(1))
                .extract().path("id");
        given().get("/api/places/" + place).then().body("version", is(1)).body("name", equalTo("The house at Viena "
                + suffix));
        given().get("/api/people/" + painter).then().body("version", is(painterVersion));
        given().get("/api/places/" + place + "/revisions").then().statusCode(200)
                .body("importId", contains(firstJob, corrected)).body("changed[1]", contains("name"));
    }

    @Test
    void theSampleArchiveLoadsWithoutErrorsAndLoadingItAgainChangesNothing() throws Exception {
        SampleLoader loader = new SampleLoader(stack.url(Service.GATEWAY), stack.tokens().archivist("memoria-sample"));
        SampleLoader.Result first = loader.load();
        assertEquals(List.of(), first.errors());
        loader.awaitProjected(PROJECTED);
        String trotsky = SampleLoader.idOf("leon-trotsky").toString();
        String attack = SampleLoader.idOf("may-24-1940-attack").toString();
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/people/" + trotsky).then().statusCode(200)
                .body("preferredName", equalTo("Leon Trotsky"))
                .body("names.name", hasItem("the Old Man"))
                .body("events.id", hasItem(attack))
                .body("events.find { it.id == '" + attack + "' }.role", equalTo("VICTIM")));
        String harte = SampleLoader.idOf("robert-sheldon-harte").toString();
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/people/" + harte).then().statusCode(200)
                .body("claims.find { it.statement.contains('GPU agent') }.status", equalTo("ESTABLISHED"))
                .body("claims.find { it.statement.contains('GPU agent') }.history.status",
                        org.hamcrest.Matchers.contains("ASSERTED", "DISPUTED", "ESTABLISHED")));
        given().get("/api/people/" + SampleLoader.idOf("ramon-mercader")).then()
                .body("names.name", hasItem("Frank Jacson")).body("names.name", hasItem("Jacques Mornard"));
        given().queryParam("q", "Jacson").get("/api/search").then()
                .body("items[0].id", equalTo(SampleLoader.idOf("ramon-mercader").toString()));
        String mercader = SampleLoader.idOf("ramon-mercader").toString();
        for (String q : List.of("Ramon", "Mornard", "Jacson")) {
            given().queryParam("q", q).get("/api/search").then().body("items.id", hasItem(mercader));
        }
        given().queryParam("q", "Etienne").get("/api/search").then()
                .body("items[0].id", equalTo(SampleLoader.idOf("mark-zborowski").toString()));
        given().queryParam("q", "Trotski").queryParam("kind", "PERSON").get("/api/search").then()
                .body("items[0].id", equalTo(trotsky));
        given().queryParam("q", "Coyoacan").queryParam("kind", "PLACE").get("/api/search").then()
                .body("items.label", hasItem("Coyoacán"));

        String security = SampleLoader.idOf("security-and-the-fi").toString();
        given().queryParam("on", "2025-05-24").get("/api/anniversaries").then()
                .body("find { it.id == '" + attack + "' }.text",
                        equalTo("85 years since the Armed attack on Trotsky's house in Coyoacán (May 24, 1940)"))
                .body("find { it.id == '" + attack + "' }.round", is(true))
                .body("find { it.id == '" + security + "' }.years", is(50))
                .body("find { it.id == '" + security + "' }.caveat", containsString("the day is not known: May 1975"));
        given().queryParam("from", "1937-07-01").queryParam("to", "1937-07-31").get("/api/timeline").then()
                .body("items.find { it.id == '" + SampleLoader.idOf("wolf-murder") + "' }.uncertain", is(true));
        given().queryParam("focus", trotsky).queryParam("depth", 1).get("/api/graph").then().statusCode(200)
                .body("nodes.label", hasItem("Natalia Sedova")).body("edges.kind", hasItem("RELATION"));
        int version = given().get("/api/people/" + trotsky).then().extract().path("version");

        SampleLoader.Result second = loader.load();
        assertEquals(List.of(), second.errors());
        assertEquals(first.written(), second.written());
        given().get("/api/people/" + trotsky).then().body("version", is(version));
        int total = given().queryParam("name", "Leon Trotsky").get("/api/people").then().extract().path("total");
        assertEquals(1, total, "a second load must not duplicate the sample");
    }

    @Test
    void theOwnersCheckTokensTooAndTheGatewayPassesTheCallersIdentityOn() throws Exception {
        // straight to an owner's port: no token, no write (a plain client: RestAssured here always sends one)
        var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        for (String path : List.of(stack.url(Service.PEOPLE) + "/people", stack.url(Service.EVENTS) + "/places",
                stack.url(Service.SOURCES) + "/sources")) {
            var answer = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(path))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"preferredName\":\"Bypass\"}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(401, answer.statusCode(), path);
            assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""), path);
        }
        // through the gateway, the owner names the revision after the token's subject
        String ada = "Bearer " + stack.tokens().archivist("Ada");
        String id = given().header("Authorization", ada).contentType(ContentType.JSON)
                .body(Map.of("preferredName", "Sylvia Ageloff")).post("/api/people").then().statusCode(201)
                .extract().path("id");
        given().baseUri(stack.url(Service.PEOPLE)).port(stack.port(Service.PEOPLE)).get("/people/" + id + "/revisions")
                .then().statusCode(200).body("[0].author", equalTo("Ada"));
        // a partner's scope holds through the gateway: another partner cannot delete what acme created
        String acme = given().header("Authorization", "Bearer " + stack.tokens().partner("acme"))
                .contentType(ContentType.JSON).body(Map.of("preferredName", "Partner record")).post("/api/people")
                .then().statusCode(201).extract().path("id");
        given().header("Authorization", "Bearer " + stack.tokens().partner("rival")).header("If-Match", "\"0\"")
                .delete("/api/people/" + acme).then().statusCode(403).contentType("application/problem+json");
        await().atMost(PROJECTED).until(() -> given().get("/api/people/" + acme).statusCode() == 200);
    }

    @Test
    void aServiceEndsWhenItsLauncherDoesSoNoneIsLeftAnOrphan() throws Exception {
        Process launcher = new ProcessBuilder("sleep", "600").start(); // stands in for the launcher's JVM
        stack.stop(Service.SOURCES);
        stack.startService(Service.SOURCES, Map.of("memoria.parent-pid", Long.toString(launcher.pid())));
        stack.awaitReady(Service.SOURCES, Duration.ofSeconds(60));
        ProcessHandle sources = ProcessHandle.of(stack.pid(Service.SOURCES)).orElseThrow();
        launcher.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !sources.isAlive());
        stack.kill(Service.SOURCES); // out of the supervisor's hands, if another test started it
        stack.startService(Service.SOURCES);
        stack.awaitReady(Service.SOURCES, Duration.ofSeconds(60));
    }

    @Test
    void theSupervisorRestartsACrashedOwnerACrashedDatabaseAndACrashedBroker() throws Exception {
        stack.supervise();
        stack.crash(Service.EVENTS);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> stack.restarts().getOrDefault(Service.EVENTS, 0) == 1);
        stack.awaitReady(Service.EVENTS, Duration.ofSeconds(60));
        String place = post("places", Map.of("name", "Avenida Viena 19", "type", "BUILDING"));
        await().atMost(PROJECTED).until(() -> given().get("/api/places/" + place).statusCode() == 200);

        stack.crashPostgres();
        // writes are refused while it is down (503 problem+json with Retry-After), then succeed once it is back
        java.util.Set<Integer> answers = new java.util.TreeSet<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            int status = given().contentType(ContentType.JSON).body(Map.of("name", "Coyoacán", "type", "DISTRICT"))
                    .post("/api/places").statusCode();
            answers.add(status);
            return status == 201;
        });
        assertTrue(answers.stream().allMatch(s -> s == 201 || s == 503), "answers during the outage: " + answers);
        // every owner's pool meets the restarted database without a failed request
        post("people", Map.of("preferredName", "After the restart"));
        post("sources", Map.of("type", "ARTICLE", "title", "After the restart"));

        long broker = stack.kafkaPid();
        stack.crashKafka();
        // a write while the broker is down waits in its owner's outbox, and reaches the read model once it is back
        String during = post("places", Map.of("name", "Calle Morelos", "type", "BUILDING"));
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(250))
                .until(() -> stack.kafkaRestarts() == 1);
        assertTrue(stack.kafkaPid() != broker, "a new broker process");
        await().atMost(Duration.ofSeconds(90)).until(() -> given().get("/api/places/" + during).statusCode() == 200);
    }
}
