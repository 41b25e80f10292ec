package org.memoria.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.events.Topics;
import org.memoria.gateway.service.ChangeFeed;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.TestTokens;
import org.memoria.partner.FeedFollower;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The change feed as a partner follows it (IIIF Change Discovery 1.0): from the first page along {@code next}, applying
 * each activity, it ends with exactly the entities and versions the archive holds, deletions included, also after a
 * read-model rebuild; a complete page never changes; a point in time leads to the page where its changes begin.
 */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class ChangeFeedTest extends PublishingTest {

    private static final String FEED = "/api/changes";

    private static PersonState person(UUID id, long version) {
        return new PersonState(id, version, "Feed " + id.toString().substring(0, 8) + " v" + version, List.of(), null,
                null, null, null, null, null);
    }

    /** What a partner knows after following the feed: each entity's last version and whether it is deleted. */
    private record Known(long version, boolean deleted) {
    }

    /**
     * A partner that follows the feed with the partner guide's {@link FeedFollower} (docs/partners.md), remembering
     * the last page it processed, and checks that no activity comes twice and no version goes down.
     */
    private static final class Partner {
        final Map<String, Known> entities = new HashMap<>();
        final Set<String> seen = new HashSet<>();
        final List<String> duplicates = new ArrayList<>();
        final List<String> regressions = new ArrayList<>();
        final FeedFollower follower;

        Partner() {
            this(null);
        }

        /** Starting at the page (from its first activity), or at the first page. */
        Partner(String page) {
            URI feed = URI.create(RestAssured.baseURI + ":" + RestAssured.port + FEED);
            follower = new FeedFollower(feed, page == null ? null : feed.resolve(page), 0);
        }

        /** From the first page, or from where it stopped (the last page again, past what it already applied). */
        void follow() throws Exception {
            follower.follow(this::apply);
        }

        private void apply(JsonNode activity) {
            String url = activity.path("object").path("id").asText();
            String id = url.substring(url.lastIndexOf('/') + 1);
            long version = activity.path("object").path("version").asLong();
            if (!seen.add(id + "@" + version)) {
                duplicates.add(id + "@" + version);
            }
            Known before = entities.get(id);
            if (before != null && before.version() >= version) {
                regressions.add(id + ": " + before.version() + " then " + version);
            }
            entities.put(id, new Known(version, activity.path("type").asText().equals("Delete")));
        }
    }

    @Test
    void aPartnerFollowingFromTheStartHoldsExactlyTheArchiveAlsoAfterARebuild() throws Exception {
        UUID kept = UUID.randomUUID();
        UUID updated = UUID.randomUUID();
        UUID removed = UUID.randomUUID();
        owners.together(() -> {
            owners.changed(Topics.PEOPLE, "person", kept, 0, person(kept, 0));
            owners.changed(Topics.PEOPLE, "person", updated, 0, person(updated, 0));
            owners.changed(Topics.PEOPLE, "person", updated, 1, person(updated, 1));
            owners.changed(Topics.PEOPLE, "person", updated, 2, person(updated, 2));
            owners.changed(Topics.PEOPLE, "person", removed, 0, person(removed, 0));
            owners.deleted(Topics.PEOPLE, "person", removed, 1);
        });
        awaitFeedHolds(removed, 1);
        awaitFeedHolds(updated, 2);

        Partner partner = new Partner();
        partner.follow();
        assertEquals(archive(), partner.entities, "the partner's entities and versions against the archive's");
        assertEquals(new Known(1, true), partner.entities.get(removed.toString()), "the deletion is in the feed");
        assertEquals(List.of(), partner.duplicates, "activities given twice");
        assertEquals(List.of(), partner.regressions, "an entity's version going down along the feed");
        // every version is there, not only the last one of a batch
        assertTrue(partner.seen.containsAll(List.of(updated + "@0", updated + "@1", updated + "@2")), partner.seen::toString);

        // a rebuild replays every topic: the feed neither repeats nor loses anything, the deletion stays
        given().header("Authorization", TestTokens.admin("Root")).post("/api/admin/read-model/rebuild").then()
                .statusCode(202);
        UUID during = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "person", during, 0, person(during, 0));
        owners.changed(Topics.PEOPLE, "person", kept, 1, person(kept, 1));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String state = given().header("Authorization", TestTokens.admin("Root")).get("/api/admin/read-model")
                    .then().statusCode(200).extract().path("lastRebuild.state");
            assertTrue(!state.equals("FAILED") && !state.equals("ABANDONED"), state);
            return state.equals("DONE");
        });
        awaitFeedHolds(during, 0);
        awaitFeedHolds(kept, 1);

        partner.follow(); // resumes where it stopped
        assertEquals(archive(), partner.entities, "after the rebuild, resumed");
        assertEquals(List.of(), partner.duplicates, "activities given twice");
        assertEquals(List.of(), partner.regressions, "an entity's version going down along the feed");
        Partner fresh = new Partner();
        fresh.follow();
        assertEquals(partner.entities, fresh.entities, "a partner starting afresh after the rebuild");
        assertEquals(new Known(1, true), fresh.entities.get(removed.toString()), "the deletion stays in the feed");
    }

    @Test
    void aCompletePageNeverChangesAndIsServedForCachingForGood() {
        // the last page now, filled past its end: positions may have gaps (a rolled-back batch), so count from it
        String lastNow = given().get(FEED).then().statusCode(200).extract().path("last.id");
        long pageOfTotal = Long.parseLong(lastNow.substring(lastNow.lastIndexOf('/') + 1));
        int more = ChangeFeed.SIZE + 3;
        List<UUID> ids = new ArrayList<>();
        owners.together(() -> {
            for (int i = 0; i < more; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                owners.changed(Topics.PEOPLE, "person", id, 0, person(id, 0));
            }
        });
        ids.forEach(id -> awaitFeedHolds(id, 0)); // every one of them: together they pass the page's end
        String url = FEED + "/pages/" + pageOfTotal;

        Response complete = given().get(url);
        complete.then().statusCode(200).contentType(containsString("application/ld+json"))
                .header("Cache-Control", containsString("immutable")).body("next.id", containsString("/pages/"))
                .body("type", equalTo("OrderedCollectionPage")).body("partOf.id", containsString(FEED));
        String etag = complete.header("ETag");
        assertNotNull(etag);

        UUID later = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "person", later, 0, person(later, 0));
        awaitFeedHolds(later, 0);
        Response again = given().get(url);
        assertEquals(etag, again.header("ETag"), "a complete page's content never changes");
        assertEquals(complete.asString(), again.asString());
        given().header("If-None-Match", etag).get(url).then().statusCode(304);

        String last = given().get(FEED).then().extract().path("last.id");
        given().get(last).then().statusCode(200).header("Cache-Control", equalTo("no-cache"))
                .body("next", equalTo(null));
        given().get(FEED + "/pages/" + (Long.parseLong(last.substring(last.lastIndexOf('/') + 1)) + 1)).then()
                .statusCode(404).contentType(containsString("problem+json"));
    }

    @Test
    void aPointInTimeLeadsToThePageWhereItsChangesBegin() throws Exception {
        OffsetDateTime before = OffsetDateTime.now().minusSeconds(1);
        UUID id = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "person", id, 0, person(id, 0));
        awaitFeedHolds(id, 0);

        String location = given().redirects().follow(false).queryParam("since", before.toString())
                .get(FEED + "/pages").then().statusCode(303).extract().header("Location");
        JsonPath page = given().get(location).then().statusCode(200).extract().jsonPath();
        List<String> ends = page.getList("orderedItems.endTime");
        int first = 0;
        while (first < ends.size() && OffsetDateTime.parse(ends.get(first)).isBefore(before)) {
            first++;
        }
        assertTrue(first < ends.size(), "the page holds a change at or after the point in time: " + ends);
        String prev = page.getString("prev.id");
        if (first == 0 && prev != null) {
            List<String> earlier = given().get(prev).then().extract().jsonPath().getList("orderedItems.endTime");
            assertTrue(OffsetDateTime.parse(earlier.get(earlier.size() - 1)).isBefore(before),
                    "no change at or after it on the page before");
        }
        Partner partner = new Partner(location);
        partner.follow();
        assertEquals(new Known(0, false), partner.entities.get(id.toString()));

        given().queryParam("since", "yesterday").get(FEED + "/pages").then().statusCode(400)
                .contentType(containsString("problem+json")).body("errors[0].field", equalTo("since"));
    }

    /** Every entity of the read model, its version and whether it is deleted. */
    private Map<String, Known> archive() throws Exception {
        Map<String, Known> all = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select id, version, deleted from entity")) {
            while (rs.next()) {
                all.put(rs.getString(1), new Known(rs.getLong(2), rs.getBoolean(3)));
            }
        }
        return all;
    }
}
