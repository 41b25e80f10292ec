package org.memoria.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.events.Topics;
import org.memoria.gateway.config.GatewayConfig;
import org.memoria.local.MemoriaTestResource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The gateway reports ready only while the archive it serves is current, so an orchestrator routes no reader to it. */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class ProjectorReadinessTest {

    private static final String CHECK = "checks.find { it.name == 'Read-model projector' }";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    @Inject
    DataSource dataSource;
    @Inject
    GatewayConfig config;

    private static ValidatableResponse readiness() {
        return given().get("/q/health/ready").then();
    }

    @Test
    void isNotReadyWhileTheProjectorIsBehindAndReadyOnceItCaughtUp() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> readiness().statusCode(200)
                .body(CHECK + ".status", equalTo("UP")).body(CHECK + ".data.state", equalTo("current")));

        long behind = config.projector().readyLag() + 500;
        try (Connection blocker = dataSource.getConnection(); OwnerTopics owners = new OwnerTopics(kafka)) {
            // the read model's tables accept no write for now (reads go on): the projector falls behind
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("lock table entity in share mode");
            owners.together(() -> {
                for (int i = 0; i < behind; i++) {
                    UUID id = UUID.randomUUID();
                    owners.changed(Topics.PEOPLE, "person", id, 0, new PersonState(id, 0, "Reader " + i, List.of(),
                            null, null, null, null, null, null));
                }
            });
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> readiness().statusCode(503)
                    .body(CHECK + ".status", equalTo("DOWN")).body(CHECK + ".data.state", equalTo("catching up"))
                    .body(CHECK + ".data.lag", greaterThan((int) config.projector().readyLag())));
            blocker.rollback();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> readiness().statusCode(200)
                .body(CHECK + ".status", equalTo("UP"))
                .body(CHECK + ".data.lag", lessThanOrEqualTo((int) config.projector().readyLag())));
    }
}
