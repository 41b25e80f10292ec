package org.memoria.gateway.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;

import java.lang.reflect.Field;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.memoria.local.MemoriaTestResource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every composed view is read in a read-only, repeatable-read transaction, and only through {@link Snapshot}. */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class SnapshotTest {

    /** What reads the read model for a client: the composed views, the search, the anniversaries and the graph. */
    private static final List<Class<?>> VIEWS = List.of(DossierQuery.class,
            OrganisationQuery.class, MembershipQuery.class, RelationQuery.class, EventQuery.class, PlaceQuery.class,
            SourceQuery.class, CitationQuery.class, ClaimQuery.class, TimelineQuery.class, UnresolvedQuery.class,
            ArchiveSearch.class, Anniversaries.class, ArchiveGraph.class, ChangeFeed.class);

    @Inject
    Snapshot snapshot;

    @Test
    void aReadIsOneReadOnlyRepeatableReadTransaction() {
        List<String> settings = snapshot.read((c, m) -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select current_setting("
                    + "'transaction_isolation'), current_setting('transaction_read_only'), txid_current_if_assigned() is null")) {
                rs.next();
                return List.of(rs.getString(1), rs.getString(2), Boolean.toString(rs.getBoolean(3)));
            }
        });
        assertThat(settings, contains("repeatable read", "on", "true"));
        // and the statements after the first see the snapshot the first took: one transaction, not one per statement
        List<String> starts = snapshot.read((c, m) -> {
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("select transaction_timestamp()::text, pg_sleep(0.01)")) {
                    rs.next();
                    seen.add(rs.getString(1));
                }
            }
            return seen;
        });
        assertThat(starts, contains(starts.get(0), starts.get(0)));
    }

    @Test
    void everyViewReadsThroughTheSnapshot() {
        List<String> direct = new ArrayList<>();
        for (Class<?> view : VIEWS) {
            List<Class<?>> fields = new ArrayList<>();
            for (Class<?> c = view; c != Object.class; c = c.getSuperclass()) {
                Arrays.stream(c.getDeclaredFields()).map(Field::getType).forEach(fields::add);
            }
            assertThat(view.getSimpleName(), fields, hasItem(Snapshot.class));
            if (fields.contains(DataSource.class)) {
                direct.add(view.getSimpleName());
            }
        }
        assertThat("views with a connection of their own, outside any snapshot", direct, empty());
    }
}
