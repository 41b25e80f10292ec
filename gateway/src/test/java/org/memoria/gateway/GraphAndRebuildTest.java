package org.memoria.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memoria.common.contract.events.EventState;
import org.memoria.common.contract.events.EventType;
import org.memoria.common.contract.events.ParticipantRole;
import org.memoria.common.contract.people.MembershipState;
import org.memoria.common.contract.people.OrganisationState;
import org.memoria.common.contract.people.OrganisationType;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.contract.people.RelationState;
import org.memoria.common.contract.people.RelationType;
import org.memoria.common.events.Topics;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.TestTokens;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class GraphAndRebuildTest {

    private static final String ADMIN = TestTokens.admin("Root");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    private OwnerTopics owners;

    @BeforeEach
    void connect() {
        owners = new OwnerTopics(kafka);
    }

    @AfterEach
    void disconnect() {
        owners.close();
    }

    private void person(UUID id, String name) {
        owners.changed(Topics.PEOPLE, "person", id, 0, new PersonState(id, 0, name, List.of(), null, null, null, null, null, null));
    }

    @Test
    void theGraphLinksPeopleOrganisationsAndEventsWithinTheDepthAndBound() {
        UUID hansen = UUID.randomUUID();
        UUID trotsky = UUID.randomUUID();
        UUID natalia = UUID.randomUUID();
        UUID swp = UUID.randomUUID();
        UUID attack = UUID.randomUUID();
        person(hansen, "Joseph Hansen");
        person(trotsky, "Leon Trotsky");
        person(natalia, "Natalia Sedova");
        owners.changed(Topics.PEOPLE, "organisation", swp, 0, new OrganisationState(swp, 0, "SWP", List.of(),
                OrganisationType.POLITICAL_PARTY, "1938-01", null, null, null));
        UUID membership = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "membership", membership, 0,
                new MembershipState(membership, 0, hansen, swp, "head of security", "1937/1940", null));
        UUID spouse = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "relation", spouse, 0,
                new RelationState(spouse, 0, trotsky, RelationType.SPOUSE, natalia, "1903/1940", null, null));
        owners.changed(Topics.EVENTS, "event", attack, 0, new EventState(attack, 0, "May 24 attack", EventType.ATTACK,
                "1940-05-24", null, null, null, null, List.of(new EventState.Participant(trotsky, null, ParticipantRole.VICTIM, null),
                        new EventState.Participant(hansen, null, ParticipantRole.GUARD_ON_DUTY, null))));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().queryParam("focus", hansen.toString())
                .queryParam("depth", 2).get("/api/graph").then().statusCode(200)
                .body("nodes.label", hasItem("SWP"))
                .body("nodes.label", hasItem("May 24 attack"))
                .body("nodes.label", hasItem("Leon Trotsky"))
                .body("edges.find { it.kind == 'MEMBERSHIP' }.role", equalTo("head of security"))
                .body("edges.find { it.kind == 'MEMBERSHIP' }.period.edtf", equalTo("1937/1940"))
                .body("nodes.find { it.label == 'Leon Trotsky' }.distance", is(2))
                .body("nodes.label", not(hasItem("Natalia Sedova"))));
        given().queryParam("focus", hansen.toString()).queryParam("depth", 3).get("/api/graph").then()
                .body("nodes.label", hasItem("Natalia Sedova"))
                .body("edges.find { it.kind == 'RELATION' }.role", equalTo("spouse of"));
        given().queryParam("focus", hansen.toString()).queryParam("depth", 3).queryParam("limit", 2).get("/api/graph")
                .then().body("nodes", hasSize(2)).body("truncated", is(true));
        given().queryParam("focus", "not-a-uuid").get("/api/graph").then().statusCode(400);
        given().queryParam("focus", UUID.randomUUID().toString()).get("/api/graph").then().statusCode(404);
    }

    @Test
    void aRebuildReplaysTheTopicsIntoANewReadModelAndSwapsItIn() {
        UUID klement = UUID.randomUUID();
        person(klement, "Rudolf Klement");
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/people/" + klement).statusCode() == 200);

        given().header("Authorization", ADMIN).post("/api/admin/read-model/rebuild").then().statusCode(202).body("state", equalTo("RUNNING"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().header("Authorization", ADMIN).get("/api/admin/read-model").then().body("lastRebuild.state", equalTo("DONE")));
        given().header("Authorization", ADMIN).get("/api/admin/read-model").then().body("lastRebuild.events", greaterThan(0));
        // the rebuilt model holds what the topics hold, and goes on following them
        given().get("/api/people/" + klement).then().statusCode(200).body("preferredName", equalTo("Rudolf Klement"));
        UUID after = UUID.randomUUID();
        person(after, "Erwin Wolf");
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/people/" + after).statusCode() == 200);
    }
}
