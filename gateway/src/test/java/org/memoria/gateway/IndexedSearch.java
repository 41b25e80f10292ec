package org.memoria.gateway;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.sql.DataSource;

import org.memoria.common.contract.EntityKind;
import org.memoria.gateway.api.ArchiveViews.SearchHit;
import org.memoria.gateway.api.ArchiveViews.SearchResult;
import org.memoria.gateway.service.ArchiveSearch;

import io.micrometer.core.instrument.MeterRegistry;

/** Searches as the API answers them, taken once this replica's search index answered rather than the database. */
@ApplicationScoped
class IndexedSearch {

    @Inject
    ArchiveSearch search;
    @Inject
    MeterRegistry registry;
    @Inject
    DataSource dataSource;

    /** The search, asked again until the index (not the database: it is behind, or being built) answered it. */
    SearchResult search(String q, EntityKind kind, int page, int size) {
        AtomicReference<SearchResult> result = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            double before = answeredByIndex();
            result.set(search.search(q, kind, page, size));
            return answeredByIndex() > before;
        });
        return result.get();
    }

    /** The same search answered by PostgreSQL's statements alone (what the index must answer too). */
    SearchResult byDatabase(String q, EntityKind kind, int page, int size) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return ArchiveSearch.search(c, q, kind, page, size);
        }
    }

    private double answeredByIndex() {
        return registry.get("memoria.search.queries").tag("answered.by", "index").counter().count();
    }

    /** The score of {@code id}'s hit; fails when it is not on the page. */
    static double scoreOf(SearchResult result, UUID id) {
        return result.items().stream().filter(hit -> hit.id().equals(id)).findFirst().orElseThrow(
                () -> new AssertionError(id + " not found by " + result.query() + ": " + result)).score();
    }

    static List<UUID> ids(SearchResult result) {
        return result.items().stream().map(SearchHit::id).toList();
    }
}
