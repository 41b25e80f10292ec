package org.memoria.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.SubjectRef;
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
import org.memoria.common.contract.people.RelationState;
import org.memoria.common.contract.people.RelationType;
import org.memoria.common.contract.sources.CitationState;
import org.memoria.common.contract.sources.ClaimState;
import org.memoria.common.contract.sources.ClaimStatus;
import org.memoria.common.contract.sources.SourceState;
import org.memoria.common.contract.sources.SourceType;
import org.memoria.common.contract.sources.Stance;
import org.memoria.common.contract.sources.Strength;
import org.memoria.common.events.Topics;
import org.memoria.local.MemoriaTestResource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The archive's composed views over every kind of entity, fed by owner events on the real broker. */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class CompositionTest extends PublishingTest {

    private static final Duration PROJECTED = Duration.ofSeconds(20);

    private void person(UUID id, String name, PersonState.Name... names) {
        owners.changed(Topics.PEOPLE, "person", id, 0,
                new PersonState(id, 0, name, List.of(names), null, null, null, null, null, null));
    }

    private void source(UUID id, String title, String date) {
        owners.changed(Topics.SOURCES, "source", id, 0, new SourceState(id, 0, SourceType.REPORT, title, List.of(), List.of(),
                List.of(), date, null, null, "en", null, null));
    }

    private void citation(UUID id, UUID source, String quote, SubjectRef... about) {
        owners.changed(Topics.SOURCES, "citation", id, 0,
                new CitationState(id, 0, source, "p. 1", quote, List.of(about), null));
    }

    @Test
    void aDossierShowsMembershipsRelationsFromBothEndsPassagesAndClaimsWithTheirHistory() {
        UUID ageloff = UUID.randomUUID();
        UUID mercader = UUID.randomUUID();
        UUID harte = UUID.randomUUID();
        UUID swp = UUID.randomUUID();
        person(ageloff, "Sylvia Ageloff");
        person(mercader, "Ramón Mercader", new PersonState.Name("Jacques Mornard", NameType.ALIAS, "1938/1940-08-20", null));
        person(harte, "Robert Sheldon Harte");
        owners.changed(Topics.PEOPLE, "organisation", swp, 0, new OrganisationState(swp, 0, "Socialist Workers Party",
                List.of(), OrganisationType.POLITICAL_PARTY, "1938-01", null, null, null));
        UUID membership = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "membership", membership, 0,
                new MembershipState(membership, 0, harte, swp, "guard", "1940", null));
        UUID liaison = UUID.randomUUID();
        relationType(RelationType.LIAISON, "liaison of", "had as liaison");
        owners.changed(Topics.PEOPLE, "relation", liaison, 0,
                new RelationState(liaison, 0, ageloff, RelationType.LIAISON, mercader, "1938/1940-08-20", null, null));

        UUID icfi = UUID.randomUUID();
        UUID denial = UUID.randomUUID();
        UUID venona = UUID.randomUUID();
        source(icfi, "Security and the Fourth International", "1975");
        source(denial, "Statement on the grave of Robert Sheldon Harte", "1975-09");
        source(venona, "GPU archives", "1992~");
        UUID c1 = UUID.randomUUID();
        UUID c2 = UUID.randomUUID();
        UUID c3 = UUID.randomUUID();
        citation(c1, icfi, "Harte was a Stalinist agent", new SubjectRef(EntityKind.PERSON, harte));
        citation(c2, denial, "desecrating the grave of Robert Sheldon Harte", new SubjectRef(EntityKind.PERSON, harte));
        citation(c3, venona, "Harte played a pivotal role", new SubjectRef(EntityKind.PERSON, harte));
        UUID claim = UUID.randomUUID();
        owners.changed(Topics.SOURCES, "claim", claim, 0, new ClaimState(claim, 0, "Robert Sheldon Harte was a GPU agent",
                List.of(new SubjectRef(EntityKind.PERSON, harte)),
                List.of(new ClaimState.Evidence(c3, Stance.SUPPORTS, Strength.CONCLUSIVE, null, venona, "1992~"),
                        new ClaimState.Evidence(c2, Stance.DISPUTES, Strength.INDICATIVE, null, denial, "1975-09"),
                        new ClaimState.Evidence(c1, Stance.SUPPORTS, Strength.INDICATIVE, null, icfi, "1975")),
                ClaimStatus.ESTABLISHED,
                List.of(new ClaimState.StatusChange("1975", ClaimStatus.ASSERTED, c1, icfi),
                        new ClaimState.StatusChange("1975-09", ClaimStatus.DISPUTED, c2, denial),
                        new ClaimState.StatusChange("1992~", ClaimStatus.ESTABLISHED, c3, venona))));

        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/people/" + harte).then().statusCode(200)
                .body("memberships[0].organisation.name", equalTo("Socialist Workers Party"))
                .body("memberships[0].role", equalTo("guard"))
                .body("citedIn", hasSize(3))
                .body("citedIn[0].source.title", equalTo("Security and the Fourth International"))
                .body("claims[0].status", equalTo("ESTABLISHED"))
                .body("claims[0].evidence.stance", contains("SUPPORTS", "DISPUTES", "SUPPORTS"))
                .body("claims[0].evidence[1].quote", equalTo("desecrating the grave of Robert Sheldon Harte"))
                .body("claims[0].history.status", contains("ASSERTED", "DISPUTED", "ESTABLISHED"))
                .body("claims[0].history[2].asOf.display", equalTo("c. 1992")));
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/people/" + ageloff).then()
                .body("relations[0].label", equalTo("liaison of"))
                .body("relations[0].other.name", equalTo("Ramón Mercader")));
        given().get("/api/people/" + mercader).then()
                .body("relations[0].label", equalTo("had as liaison"))
                .body("relations[0].other.name", equalTo("Sylvia Ageloff"))
                .body("names[0].period.display", equalTo("1938 – August 20, 1940"));
        given().get("/api/organisations/" + swp).then().statusCode(200)
                .body("members[0].person.name", equalTo("Robert Sheldon Harte"));
        given().get("/api/claims/" + claim).then().statusCode(200).header("ETag", startsWith("\"0."))
                .body("subjects[0].name", equalTo("Robert Sheldon Harte"));
        given().get("/api/sources/" + denial).then().statusCode(200)
                .body("passages[0].quote", equalTo("desecrating the grave of Robert Sheldon Harte"))
                .body("citedAsEvidence[0].stance", equalTo("DISPUTES"))
                .body("citedAsEvidence[0].claimId", equalTo(claim.toString()));
    }

    @Test
    void anEventShowsItsPlaceWithCoordinatesParentChildrenAndOrganisationParticipants() {
        UUID coyoacan = UUID.randomUUID();
        UUID house = UUID.randomUUID();
        owners.changed(Topics.EVENTS, "place", coyoacan, 0, new PlaceState(coyoacan, 0, "Coyoacán", List.of("Coyoacan"),
                PlaceType.DISTRICT, 19.35, -99.16, null, null));
        owners.changed(Topics.EVENTS, "place", house, 0, new PlaceState(house, 0, "Trotsky's house", List.of(),
                PlaceType.BUILDING, 19.3553, -99.1606, coyoacan, null));
        UUID gpu = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "organisation", gpu, 0, new OrganisationState(gpu, 0, "GPU", List.of(),
                OrganisationType.INTELLIGENCE_SERVICE, null, null, null, null));
        UUID campaign = UUID.randomUUID();
        UUID attack = UUID.randomUUID();
        owners.changed(Topics.EVENTS, "event", campaign, 0, new EventState(campaign, 0, "Campaign to kill Trotsky",
                EventType.OTHER, "1936/1940-08-20", null, null, null, null, List.of()));
        owners.changed(Topics.EVENTS, "event", attack, 0, new EventState(attack, 0, "May 24 attack", EventType.ATTACK,
                "1940-05-24", house, null, null, campaign,
                organisedBy(gpu)));

        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/events/" + attack).then().statusCode(200)
                .body("place.name", equalTo("Trotsky's house"))
                .body("place.latitude", is(19.3553f))
                .body("parent.name", equalTo("Campaign to kill Trotsky"))
                .body("participants[0].participant.kind", equalTo("ORGANISATION"))
                .body("participants[0].participant.name", equalTo("GPU")));
        given().get("/api/events/" + campaign).then().body("children[0].title", equalTo("May 24 attack"));
        given().get("/api/places/" + coyoacan).then().body("children[0].name", equalTo("Trotsky's house"));
        // the timeline finds the attack through the place that contains its place
        given().queryParam("placeId", coyoacan.toString()).get("/api/timeline").then()
                .body("items.title", contains("May 24 attack"));
        given().queryParam("organisationId", gpu.toString()).get("/api/timeline").then()
                .body("items.title", contains("May 24 attack"));
    }

    @Test
    void typesAndRolesTheSourcesDoNotGiveStayUnknownInEveryView() {
        UUID bystander = UUID.randomUUID();
        person(bystander, "A bystander in Coyoacán");
        UUID group = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "organisation", group, 0, new OrganisationState(group, 0, "Grupo Siqueiros",
                List.of(), null, "1940", null, null, null));
        UUID street = UUID.randomUUID();
        owners.changed(Topics.EVENTS, "place", street, 0, new PlaceState(street, 0, "Avenida Viena", List.of(), null,
                null, null, null, null));
        UUID raid = UUID.randomUUID();
        owners.changed(Topics.EVENTS, "event", raid, 0, new EventState(raid, 0, "The raid seen from the street",
                EventType.ATTACK, "1940-05-24", street, null, null, null, List.of(
                        new EventState.Participant(bystander, null, null, "saw the cars leave"),
                        new EventState.Participant(null, group, null, null))));

        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/events/" + raid).then().statusCode(200)
                .body("participants.participant.resolved", contains(true, true))
                .body("participants.role", contains(null, null))
                .body("participants[0].note", equalTo("saw the cars leave"))
                .body("place.name", equalTo("Avenida Viena")).body("place.type", nullValue()));
        given().get("/api/people/" + bystander).then().statusCode(200)
                .body("events.id", contains(raid.toString())).body("events[0].role", nullValue());
        given().get("/api/organisations/" + group).then().statusCode(200).body("type", nullValue());
        given().get("/api/places/" + street).then().statusCode(200).body("type", nullValue());
    }

    /** Events of one test's own organiser: a timeline filtered by it lists only that test's events. */
    private static List<EventState.Participant> organisedBy(UUID organisation) {
        return List.of(new EventState.Participant(null, organisation, ParticipantRole.ORGANISER, null));
    }

    @Test
    void aDateWindowPagesInOrderThroughEventsThatBeganBeforeItAndThoseThatBeginInIt() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID gpu = UUID.randomUUID();
        List<EventState.Participant> byGpu = organisedBy(gpu);
        // dated so that the window 0938-03-01..0938-03-31 holds: a year begun before it, a month begun before it,
        // two days inside it; and a day before it and a day after it, outside
        String[][] events = { { "Year", "0938" }, { "February and March", "[0938-02-15..0938-03-02]" },
                { "Third", "0938-03-03" }, { "Twentieth", "0938-03-20" }, { "Before", "0938-02-10" },
                { "After", "0938-04-02" } };
        for (String[] e : events) {
            UUID id = UUID.randomUUID();
            owners.changed(Topics.EVENTS, "event", id, 0, new EventState(id, 0, e[0] + " " + tag, EventType.MURDER,
                    e[1], null, null, null, null, byGpu));
        }
        await().atMost(PROJECTED).untilAsserted(() -> given().queryParam("organisationId", gpu.toString())
                .get("/api/timeline").then().body("total", is(6)));
        String[] window = { "Year", "February and March", "Third", "Twentieth" };
        for (int page = 0; page < window.length; page++) {
            given().queryParam("organisationId", gpu.toString()).queryParam("from", "0938-03-01")
                    .queryParam("to", "0938-03-31").queryParam("size", 1).queryParam("page", page)
                    .get("/api/timeline").then().statusCode(200).body("total", is(4))
                    .body("items.title", contains(window[page] + " " + tag));
        }
        given().queryParam("organisationId", gpu.toString()).queryParam("from", "0938-03-01").queryParam("size", 3)
                .queryParam("page", 1).get("/api/timeline").then().body("total", is(5))
                .body("items.title", contains("Twentieth " + tag, "After " + tag));
        given().queryParam("organisationId", gpu.toString()).queryParam("to", "0938-03-02").get("/api/timeline")
                .then().body("total", is(3))
                .body("items.title", contains("Year " + tag, "Before " + tag, "February and March " + tag));
    }

    @Test
    void aRememberedTimelinePageShowsEveryChangeToItsEventsAndTheirPlacesAtOnce() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID gpu = UUID.randomUUID();
        UUID place = UUID.randomUUID();
        UUID attack = UUID.randomUUID();
        List<EventState.Participant> byGpu = organisedBy(gpu);
        owners.changed(Topics.EVENTS, "place", place, 0, new PlaceState(place, 0, "Coyoacán " + tag, List.of(), null,
                null, null, null, null));
        owners.changed(Topics.EVENTS, "event", attack, 0, new EventState(attack, 0, "Attack " + tag, EventType.ATTACK,
                "0940-05-24", place, null, null, null, byGpu));
        java.util.function.Supplier<io.restassured.response.ValidatableResponse> may = () -> given()
                .queryParam("organisationId", gpu.toString()).queryParam("from", "0940-05-01")
                .queryParam("to", "0940-05-31").get("/api/timeline").then().statusCode(200);
        await().atMost(PROJECTED).untilAsserted(() -> may.get().body("items.place.name", contains("Coyoacán " + tag)));
        // read again while nothing changes, the page is answered as remembered
        double remembered = metric("memoria_timeline_pages_total{answered_by=\"remembered\"}");
        await().atMost(PROJECTED).untilAsserted(() -> {
            may.get().body("items.title", contains("Attack " + tag));
            assertThat(metric("memoria_timeline_pages_total{answered_by=\"remembered\"}"), greaterThan(remembered));
        });
        String etag = may.get().extract().header("ETag");
        given().header("If-None-Match", etag).queryParam("organisationId", gpu.toString())
                .queryParam("from", "0940-05-01").queryParam("to", "0940-05-31").get("/api/timeline").then()
                .statusCode(304);
        given().header("If-Match", "\"another\"").queryParam("organisationId", gpu.toString())
                .queryParam("from", "0940-05-01").queryParam("to", "0940-05-31").get("/api/timeline").then()
                .statusCode(412);

        // the place renamed: once the place reads with its new name, so does the page, with another ETag
        owners.changed(Topics.EVENTS, "place", place, 1, new PlaceState(place, 1, "Coyoacán, D.F. " + tag, List.of(),
                null, null, null, null, null));
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/places/" + place).then()
                .body("name", equalTo("Coyoacán, D.F. " + tag)));
        may.get().body("items.place.name", contains("Coyoacán, D.F. " + tag)).header("ETag", not(etag));
        given().header("If-None-Match", etag).queryParam("organisationId", gpu.toString())
                .queryParam("from", "0940-05-01").queryParam("to", "0940-05-31").get("/api/timeline").then()
                .statusCode(200);

        // the event moved out of the window: once it reads with its new date, the page no longer lists it
        owners.changed(Topics.EVENTS, "event", attack, 1, new EventState(attack, 1, "Attack " + tag, EventType.ATTACK,
                "0940-06-01", place, null, null, null, byGpu));
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/events/" + attack).then()
                .body("date.edtf", equalTo("0940-06-01")));
        may.get().body("total", is(0)).body("items", hasSize(0));
    }


    /** The page of the window, as JSON: its items and total (and the page's own fields). */
    private static Map<String, Object> window(String from, String to, UUID organiser, int page, int size) {
        var request = given().queryParam("from", from).queryParam("to", to).queryParam("page", page)
                .queryParam("size", size);
        if (organiser != null) {
            request = request.queryParam("organisationId", organiser.toString());
        }
        return request.get("/api/timeline").then().statusCode(200).extract().jsonPath().getMap("$");
    }

    private static List<String> titles(Map<String, Object> page) {
        return ((List<?>) page.get("items")).stream().map(i -> String.valueOf(((Map<?, ?>) i).get("title"))).toList();
    }

    @Test
    void aWindowFromAnyDayIsAssembledFromTheMonthsItTouchesAsTheReadModelListsIt() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID gpu = UUID.randomUUID();
        List<EventState.Participant> byGpu = organisedBy(gpu);
        // the year 0612 is this test's own: a window without filters lists these events and no others. February holds
        // six (the test profile's month-limit): a year, a span from January to April, two of the same month (ordered
        // by title), a day and one of two days at the turn of the month
        String[][] events = { { "Year", "0612" }, { "Long", "[0612-01-20..0612-04-10]" }, { "Beta", "0612-02" },
                { "Alpha", "0612-02" }, { "Late February", "0612-02-27" }, { "Turn", "[0612-02-28,0612-03-01]" },
                { "Early March", "0612-03-05" }, { "Before", "0612-01-02" }, { "After", "0612-04-20" },
                { "May", "0612-05-15" } };
        Map<String, UUID> ids = new java.util.HashMap<>();
        for (String[] e : events) {
            UUID id = UUID.randomUUID();
            ids.put(e[0], id);
            owners.changed(Topics.EVENTS, "event", id, 0, new EventState(id, 0, e[0] + " " + tag, EventType.MURDER,
                    e[1], null, null, null, null, byGpu));
        }
        await().atMost(PROJECTED).untilAsserted(() -> given().queryParam("organisationId", gpu.toString())
                .get("/api/timeline").then().body("total", is(events.length)));

        double assembled = metric("memoria_timeline_pages_total{answered_by=\"months\"}");
        Map<String, Object> feb = window("0612-02-15", "0612-03-14", null, 0, 20);
        assertThat(feb.get("items"), is(window("0612-02-15", "0612-03-14", gpu, 0, 20).get("items")));
        assertThat(titles(feb), contains(java.util.stream.Stream.of("Year", "Long", "Alpha", "Beta", "Late February", "Turn",
                        "Early March").map(t -> t + " " + tag).toArray()));
        assertThat(metric("memoria_timeline_pages_total{answered_by=\"months\"}"), greaterThan(assembled));
        // the same bytes as PostgreSQL's page: the same strong ETag
        assertThat(given().queryParam("from", "0612-02-15").queryParam("to", "0612-03-14").get("/api/timeline")
                .header("ETag"), is(given().queryParam("from", "0612-02-15").queryParam("to", "0612-03-14")
                .queryParam("organisationId", gpu.toString()).get("/api/timeline").header("ETag")));
        // windows from any day to any day, paged: as the read model lists them (a filtered window is read from it),
        // the ends of each range included; the one over five months is read from it too
        String[][] windows = { { "0612-02-15", "0612-03-14" }, { "0612-01-10", "0612-03-02" },
                { "0612-03-02", "0612-03-02" }, { "0612-04-11", "0612-06-30" }, { "0612-04-10", "0612-04-10" },
                { "0612-01-03", "0612-05-14" }, { "0612-12-31", "0613-01-30" } };
        for (String[] w : windows) {
            for (int page = 0; page < 3; page++) {
                assertThat(w[0] + ".." + w[1] + " page " + page, window(w[0], w[1], null, page, 3),
                        is(window(w[0], w[1], gpu, page, 3)));
            }
        }
        assertThat(window("0612-04-11", "0612-06-30", null, 0, 20).get("total"), is(3));
        assertThat(window("0612-04-10", "0612-04-10", null, 0, 20).get("total"), is(2));

        // March read once, then an event of it renamed: once the event reads with the new title, so does the window
        window("0612-03-01", "0612-03-31", null, 0, 20);
        UUID march = ids.get("Early March");
        owners.changed(Topics.EVENTS, "event", march, 1, new EventState(march, 1, "Early March renamed " + tag,
                EventType.MURDER, "0612-03-05", null, null, null, null, byGpu));
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/events/" + march).then()
                .body("title", equalTo("Early March renamed " + tag)));
        assertThat(titles(window("0612-03-01", "0612-03-31", null, 0, 20)), hasItem("Early March renamed " + tag));

        // a seventh event in February: the month is no longer kept, its windows are read, and list it
        UUID seventh = UUID.randomUUID();
        owners.changed(Topics.EVENTS, "event", seventh, 0, new EventState(seventh, 0, "Seventh " + tag,
                EventType.MURDER, "0612-02-10", null, null, null, null, byGpu));
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/events/" + seventh).then().statusCode(200));
        double assembledBefore = metric("memoria_timeline_pages_total{answered_by=\"months\"}");
        Map<String, Object> full = window("0612-02-01", "0612-02-20", null, 0, 20);
        assertThat(metric("memoria_timeline_pages_total{answered_by=\"months\"}"), is(assembledBefore));
        assertThat(full, is(window("0612-02-01", "0612-02-20", gpu, 0, 20)));
        assertThat(full.get("total"), is(5));
    }

    @Test
    void theTimelineSelectsByOverlapAndMarksUncertainDates() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID wolf = UUID.randomUUID();
        UUID reiss = UUID.randomUUID();
        UUID assignment = UUID.randomUUID();
        // every event with a participant of this test's own, so the timeline is filtered to this test's events
        UUID gpu = UUID.randomUUID();
        List<EventState.Participant> byGpu = organisedBy(gpu);
        owners.changed(Topics.EVENTS, "event", wolf, 0, new EventState(wolf, 0, "Murder of Erwin Wolf " + tag,
                EventType.MURDER, "0937-22", null, null, null, null, byGpu));
        owners.changed(Topics.EVENTS, "event", reiss, 0, new EventState(reiss, 0, "Murder of Ignace Reiss " + tag,
                EventType.MURDER, "0937-09-04", null, null, null, null, byGpu));
        owners.changed(Topics.EVENTS, "event", assignment, 0, new EventState(assignment, 0, "Assignment " + tag,
                EventType.ASSIGNMENT, "[0940-05-26,0940-05-27]", null, null, null, null, byGpu));
        await().atMost(PROJECTED).untilAsserted(() -> given().queryParam("organisationId", gpu.toString())
                .get("/api/timeline").then().body("total", is(3)));
        given().queryParam("organisationId", gpu.toString()).queryParam("from", "0937-07-01")
                .queryParam("to", "0937-07-31").get("/api/timeline").then()
                .body("items.title", contains("Murder of Erwin Wolf " + tag))
                .body("items[0].uncertain", is(true))
                .body("items[0].date.display", equalTo("summer 937"));
        given().queryParam("organisationId", gpu.toString()).queryParam("from", "0937-09-01")
                .queryParam("to", "0937-09-30").get("/api/timeline").then()
                .body("items.title", contains("Murder of Ignace Reiss " + tag)).body("items[0].uncertain", is(false));
        given().queryParam("organisationId", gpu.toString()).queryParam("from", "0940-05-27")
                .queryParam("to", "0940-05-27").queryParam("type", "ASSIGNMENT").get("/api/timeline").then().body("items.title", contains("Assignment " + tag))
                .body("items[0].date.display", equalTo("May 26 or 27, 940"));
        given().queryParam("from", "1940-13-01").get("/api/timeline").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        // the event types the owner published are what the filter is checked against
        term(org.memoria.common.contract.vocabulary.ManagedVocabulary.EVENT_TYPES, "ASSIGNMENT", "assignment");
        term(org.memoria.common.contract.vocabulary.ManagedVocabulary.EVENT_TYPES, "ASSASSINATION", "assassination");
        UUID published = org.memoria.common.contract.vocabulary.ManagedVocabulary.EVENT_TYPES.termId("ASSASSINATION");
        awaitFeedHolds(published, 0);
        given().queryParam("type", "SIEGE").get("/api/timeline").then().statusCode(400)
                .body("errors[0].field", equalTo("type"));
        given().queryParam("type", "ASSASINATION").get("/api/timeline").then().statusCode(400)
                .body("errors[0].reason", containsString("closest: ASSASSINATION"));
        given().queryParam("type", "assignment").queryParam("organisationId", gpu.toString()).get("/api/timeline").then()
                .statusCode(200).body("items.title", contains("Assignment " + tag));
    }

    @Test
    void theConsistencyEndpointListsReferencesToEntitiesNotSeenYet() {
        UUID event = UUID.randomUUID();
        UUID ghost = UUID.randomUUID();
        owners.changed(Topics.EVENTS, "event", event, 0, new EventState(event, 0, "Meeting in Paris", EventType.MEETING,
                "1937", null, null, null, null, List.of(new EventState.Participant(ghost, null, ParticipantRole.WITNESS, null))));
        await().atMost(PROJECTED).untilAsserted(() -> assertThat(
                Pages.allValues("/api/consistency/unresolved", Map.of(), "toId"), hasItem(ghost.toString())));
        person(ghost, "Rudolf Klement");
        await().atMost(PROJECTED).untilAsserted(() -> assertThat(
                Pages.allValues("/api/consistency/unresolved", Map.of(), "toId"), not(hasItem(ghost.toString()))));
    }

    @Test
    void notesAndEvidenceNamingItsSourceDirectlyShowInEveryViewThatShowsThem() {
        UUID harte = UUID.randomUUID();
        person(harte, "Robert Sheldon Harte");
        UUID gpu = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "organisation", gpu, 0, new OrganisationState(gpu, 0, "GPU", List.of(),
                OrganisationType.INTELLIGENCE_SERVICE, null, null, null, null));
        UUID raid = UUID.randomUUID();
        owners.changed(Topics.EVENTS, "event", raid, 0, new EventState(raid, 0, "May 24 attack", EventType.ATTACK,
                "1940-05-24", null, "Coyoacán", null, null, List.of(
                        new EventState.Participant(harte, null, ParticipantRole.GUARD_ON_DUTY, "let the attackers in"),
                        new EventState.Participant(null, gpu, ParticipantRole.ORGANISER, "planned by Eitingon"))));
        UUID fbi = UUID.randomUUID();
        UUID venona = UUID.randomUUID();
        source(fbi, "FBI memorandum on the Coyoacán raid", "1940-07");
        source(venona, "Venona decrypted Soviet intelligence cables", "1995");
        UUID cables = UUID.randomUUID();
        citation(cables, venona, "the cables naming Harte", new SubjectRef(EntityKind.PERSON, harte));
        UUID claim = UUID.randomUUID();
        owners.changed(Topics.SOURCES, "claim", claim, 0, new ClaimState(claim, 0, "Robert Sheldon Harte was a GPU agent",
                List.of(new SubjectRef(EntityKind.PERSON, harte)),
                List.of(new ClaimState.Evidence(null, Stance.DISPUTES, null, "the FBI thought him a victim", fbi,
                        "1940-07", "p. 4", "Harte appears to have been an innocent victim"),
                        new ClaimState.Evidence(cables, Stance.SUPPORTS, Strength.CONCLUSIVE, "names him", venona,
                                "1995")),
                ClaimStatus.ESTABLISHED,
                List.of(new ClaimState.StatusChange("1940-07", ClaimStatus.DISPUTED, null, fbi),
                        new ClaimState.StatusChange("1995", ClaimStatus.ESTABLISHED, cables, venona))));

        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/claims/" + claim).then().statusCode(200)
                .body("evidence.citationId", contains(nullValue(), equalTo(cables.toString())))
                .body("evidence.sourceId", contains(fbi.toString(), venona.toString()))
                .body("evidence.source.title", contains("FBI memorandum on the Coyoacán raid",
                        "Venona decrypted Soviet intelligence cables"))
                .body("evidence.strength", contains(nullValue(), equalTo("CONCLUSIVE")))
                .body("evidence.note", contains("the FBI thought him a victim", "names him"))
                // the evidence's own passage, and the citation's
                .body("evidence.locator", contains("p. 4", "p. 1"))
                .body("evidence.quote", contains("Harte appears to have been an innocent victim",
                        "the cables naming Harte"))
                .body("history.citationId", contains(nullValue(), equalTo(cables.toString())))
                .body("history.sourceId", contains(fbi.toString(), venona.toString())));
        // a source shows the claims that name it directly, and those that cite one of its passages, with how
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/sources/" + fbi).then().statusCode(200)
                .body("citedAsEvidence", hasSize(1))
                .body("citedAsEvidence[0].claimId", equalTo(claim.toString()))
                .body("citedAsEvidence[0].citationId", nullValue())
                .body("citedAsEvidence[0].stance", equalTo("DISPUTES"))
                .body("citedAsEvidence[0].strength", nullValue())
                .body("citedAsEvidence[0].note", equalTo("the FBI thought him a victim")));
        given().get("/api/sources/" + venona).then().statusCode(200)
                .body("citedAsEvidence", hasSize(1))
                .body("citedAsEvidence[0].citationId", equalTo(cables.toString()))
                .body("citedAsEvidence[0].strength", equalTo("CONCLUSIVE"))
                .body("citedAsEvidence[0].note", equalTo("names him"));
        // the note on a part played shows wherever the part does
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/people/" + harte).then().statusCode(200)
                .body("events.id", contains(raid.toString()))
                .body("events[0].role", equalTo("GUARD_ON_DUTY"))
                .body("events[0].note", equalTo("let the attackers in"))
                .body("claims[0].evidence[0].note", equalTo("the FBI thought him a victim")));
        given().get("/api/organisations/" + gpu).then().statusCode(200)
                .body("events[0].role", equalTo("ORGANISER"))
                .body("events[0].note", equalTo("planned by Eitingon"));
        given().get("/api/events/" + raid).then().statusCode(200)
                .body("participants.note", contains("let the attackers in", "planned by Eitingon"));
    }
}
