package org.memoria.gateway.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.memoria.local.MemoriaTestResource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The first kind seen for an id keeps it, also when two projectors (two replicas, or a rebuild beside the live
 * projector) claim it at the same moment: the one that waited for the other's claim reads the other's kind.
 */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class EntityClaimsTest {

    @Inject
    DataSource dataSource;

    @Test
    void anIdClaimedByAnotherTransactionWhileThisOneWaitedKeepsTheOthersKind() throws Exception {
        UUID id = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            // the first claims the id as a place and has not committed yet
            assertEquals("PLACE", EntityClaims.claim(first, Map.of(id, "PLACE"), "entity").get(id).kind());
            // the second, claiming it as a person, waits for the first
            CompletableFuture<Map<UUID, EntityClaims.Claim>> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return EntityClaims.claim(second, Map.of(id, "PERSON", fresh, "SOURCE"), "entity");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitWaiting();
            first.commit();
            Map<UUID, EntityClaims.Claim> claims = waiting.get(30, TimeUnit.SECONDS);
            assertEquals("PLACE", claims.get(id).kind(), "the first kind seen keeps the id");
            assertNull(claims.get(id).version(), "the entity table holds no row of it");
            assertEquals("SOURCE", claims.get(fresh).kind());
            second.commit();
        }
    }

    /** Until a session waits for a lock on a claim (the second, for the first transaction's). */
    private void awaitWaiting() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            try (Connection c = dataSource.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%entity_claim%'")) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        });
    }
}
