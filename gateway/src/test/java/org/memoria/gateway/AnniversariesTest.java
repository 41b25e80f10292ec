package org.memoria.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.memoria.common.contract.events.EventState;
import org.memoria.common.contract.events.EventType;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.contract.sources.SourceState;
import org.memoria.common.contract.sources.SourceType;
import org.memoria.common.events.Topics;
import org.memoria.local.MemoriaTestResource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class AnniversariesTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final UUID attack = UUID.randomUUID();
    private final UUID security = UUID.randomUUID();
    private final UUID assignment = UUID.randomUUID();
    private final UUID trotsky = UUID.randomUUID();
    private final UUID leapYear = UUID.randomUUID();
    private OwnerTopics owners;

    @BeforeEach
    void publishOnce() {
        if (owners != null) {
            return;
        }
        owners = new OwnerTopics(kafka);
        owners.changed(Topics.EVENTS, "event", attack, 0, new EventState(attack, 0, "attack on Trotsky's house " + tag,
                EventType.ATTACK, "1940-05-24", null, null, null, null, List.of()));
        owners.changed(Topics.SOURCES, "source", security, 0, new SourceState(security, 0, SourceType.REPORT,
                "Security and the Fourth International " + tag, List.of(), List.of(), List.of(), "1975-05", null, null, "en", null, null));
        owners.changed(Topics.EVENTS, "event", assignment, 0, new EventState(assignment, 0, "Mercader's assignment " + tag,
                EventType.ASSIGNMENT, "[1940-05-26,1940-05-27]", null, null, null, null, List.of()));
        owners.changed(Topics.PEOPLE, "person", trotsky, 0, new PersonState(trotsky, 0, "Leon Trotsky " + tag, List.of(),
                "1879-11-07", null, "1940-08-21", null, null, null));
        owners.changed(Topics.EVENTS, "event", leapYear, 0, new EventState(leapYear, 0, "founding of the circle " + tag,
                EventType.OTHER, "1916", null, null, null, null, List.of()));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/people/" + trotsky).statusCode() == 200
                && given().get("/api/events/" + assignment).statusCode() == 200
                && given().get("/api/sources/" + security).statusCode() == 200
                && given().get("/api/events/" + leapYear).statusCode() == 200);
    }

    @AfterAll
    void close() {
        if (owners != null) {
            owners.close();
        }
    }

    private static String item(String id) {
        return "find { it.id == '" + id + "' }";
    }

    @Test
    void onADayListsExactAnniversariesAndThoseWhoseDayIsUnknownWithACaveat() {
        given().queryParam("on", "2025-05-24").get("/api/anniversaries").then().statusCode(200)
                .body(item(attack.toString()) + ".years", is(85))
                .body(item(attack.toString()) + ".round", is(true))
                .body(item(attack.toString()) + ".on", equalTo("2025-05-24"))
                .body(item(attack.toString()) + ".dayKnown", is(true))
                .body(item(attack.toString()) + ".text",
                        equalTo("85 years since the attack on Trotsky's house " + tag + " (May 24, 1940)"))
                // May 1975: the day is not known, so it is listed with its caveat, never on a guessed day
                .body(item(security.toString()) + ".years", is(50))
                .body(item(security.toString()) + ".on", nullValue())
                .body(item(security.toString()) + ".dayKnown", is(false))
                .body(item(security.toString()) + ".caveat", containsString("the day is not known: May 1975"))
                .body(item(security.toString()) + ".text", containsString("50 years since \u201cSecurity and the Fourth International"))
                .body(item(assignment.toString()), nullValue());
    }

    @Test
    void aRangeIncludesEveryAnniversaryInIt() {
        given().queryParam("from", "2025-05-25").queryParam("to", "2025-05-31").get("/api/anniversaries").then()
                .body(item(assignment.toString()) + ".caveat", containsString("May 26 or 27, 1940"))
                .body(item(assignment.toString()) + ".possibleFrom", equalTo("2025-05-26"))
                .body(item(assignment.toString()) + ".possibleTo", equalTo("2025-05-27"))
                .body(item(attack.toString()), nullValue());
        given().queryParam("from", "2029-11-01").queryParam("to", "2029-11-30").get("/api/anniversaries").then()
                .body(item(trotsky.toString()) + ".text", equalTo("150 years since the birth of Leon Trotsky " + tag
                        + " (November 7, 1879)"));
        given().queryParam("on", "2025-08-21").get("/api/anniversaries").then()
                .body(item(trotsky.toString()) + ".text", containsString("85 years since the death of Leon Trotsky"));
    }

    @Test
    void aYearOnlyDateInALeapYearEndsOnDecemberThirtyFirstInEveryYear() {
        // 1916 is a leap year: its 366 days must not push the anniversary into the next year's January 1
        given().queryParam("from", "2019-12-25").queryParam("to", "2019-12-31").get("/api/anniversaries").then()
                .statusCode(200)
                .body(item(leapYear.toString()) + ".years", is(103))
                .body(item(leapYear.toString()) + ".possibleFrom", equalTo("2019-01-01"))
                .body(item(leapYear.toString()) + ".possibleTo", equalTo("2019-12-31"))
                .body(item(leapYear.toString()) + ".caveat",
                        containsString("between January 1, 2019 and December 31, 2019"));
        // and in a leap year it still covers December 31
        given().queryParam("on", "2020-12-31").get("/api/anniversaries").then().statusCode(200)
                .body(item(leapYear.toString()) + ".years", is(104))
                .body(item(leapYear.toString()) + ".possibleTo", equalTo("2020-12-31"));
    }

    @Test
    void servesAnICalendarFeedOfTheDaysThatAreKnown() {
        String ics = given().queryParam("from", "2025-05-01").queryParam("to", "2025-05-31").get("/api/anniversaries.ics")
                .then().statusCode(200).contentType(containsString("text/calendar")).extract().asString();
        org.hamcrest.MatcherAssert.assertThat(ics, containsString("BEGIN:VCALENDAR"));
        org.hamcrest.MatcherAssert.assertThat(ics, containsString("DTSTART;VALUE=DATE:20250524"));
        org.hamcrest.MatcherAssert.assertThat(ics, containsString("UID:" + attack + "-2025@memoria"));
        org.hamcrest.MatcherAssert.assertThat(ics, not(containsString(assignment.toString())));
    }

    @Test
    void theCalendarConformsToRfc5545WithLongLinesFolded() throws Exception {
        // a title whose accents and quotation marks take more octets than characters
        UUID quoted = UUID.randomUUID();
        String title = "asalto a la casa de Coyoacán, “el primer atentado” según la prensa de la época " + tag;
        owners.changed(Topics.EVENTS, "event", quoted, 0, new EventState(quoted, 0, title, EventType.ATTACK,
                "1940-05-24", null, null, null, null, List.of()));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/events/" + quoted).statusCode() == 200);
        byte[] ics = given().queryParam("from", "2025-05-01").queryParam("to", "2025-05-31").get("/api/anniversaries.ics")
                .then().statusCode(200).extract().asByteArray();
        String text = new String(ics, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\r\n"), "content lines end with CRLF");
        String[] lines = text.split("\r\n");
        for (String line : lines) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 75,
                    () -> "a line longer than 75 octets: " + line);
        }
        assertTrue(java.util.Arrays.stream(lines).anyMatch(l -> l.startsWith(" ")), "a long description is folded");
        for (int i = 0; i + 1 < lines.length; i++) {
            String folded = lines[i];
            // a line is folded only where it is full: at most 3 octets short of 75 (a character that did not fit)
            assertTrue(!lines[i + 1].startsWith(" ") || folded.getBytes(StandardCharsets.UTF_8).length >= 72,
                    () -> "folded before it was full: " + folded);
        }

        // a calendar application unfolds and parses it back, and it validates
        net.fortuna.ical4j.model.Calendar calendar = new net.fortuna.ical4j.data.CalendarBuilder()
                .build(new java.io.ByteArrayInputStream(ics));
        assertTrue(calendar.validate().getEntries().stream()
                .noneMatch(e -> e.getSeverity() == net.fortuna.ical4j.validate.ValidationEntry.Severity.ERROR),
                () -> calendar.validate().toString());
        String description = calendar.getComponents("VEVENT").stream()
                .filter(e -> e.getProperty("UID").map(p -> p.getValue().equals(attack + "-2025@memoria")).orElse(false))
                .map(e -> e.getProperty("DESCRIPTION").orElseThrow().getValue()).findFirst().orElseThrow();
        assertTrue(description.startsWith("85 years since the attack on Trotsky's house " + tag), description);
        String summary = calendar.getComponents("VEVENT").stream()
                .filter(e -> e.getProperty("UID").map(p -> p.getValue().equals(quoted + "-2025@memoria")).orElse(false))
                .map(e -> e.getProperty("SUMMARY").orElseThrow().getValue()).findFirst().orElseThrow();
        assertEquals("85 years since the " + title + " (May 24, 1940)", summary, "unfolded whole, no character split");
    }

    @Test
    void rejectsMalformedAndOversizedRanges() {
        given().queryParam("on", "2025-02-30").get("/api/anniversaries").then().statusCode(400)
                .body("errors[0].field", equalTo("on"));
        given().queryParam("from", "2025-01-01").queryParam("to", "2026-06-01").get("/api/anniversaries").then()
                .statusCode(400).body("errors[0].field", equalTo("to"));
    }
}
