package org.memoria.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The scan of PromQL for metric names that ArchiveEndToEndIT compares with what the running services export: what it
 * finds in the kinds of expressions the dashboard and the alerts use, and that a query of a metric nobody exports is
 * reported.
 */
class MonitoringQueriesTest {

    static final Path ROOT = Path.of(System.getProperty("memoria.root", "..")).toAbsolutePath().normalize();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "histogram_quantile(0.95, sum by (job, uri, le) (rate(http_server_requests_seconds_bucket{namespace=\"$namespace\", "
                    + "uri!~\"/q/.*\"}[$__rate_interval]))) | http_server_requests_seconds_bucket",
            "max by (namespace, topic) (memoria_outbox_unsent_events) > 1000 and max by (namespace, topic) "
                    + "(deriv(memoria_outbox_unsent_events[10m])) > 0 | memoria_outbox_unsent_events",
            "sum(rate(a_sum[5m] offset 1h)) / on (job) group_left (uri) sum(rate(b_count[5m])) | a_sum b_count",
            "x{le=\"0.5\", by=\"(y)\"} unless ignoring (pod) y_total * 1e3 | x y_total",
            "label_values(http_server_requests_seconds_count, namespace) | http_server_requests_seconds_count",
            "label_values(namespace) | ''",
            "sum without (instance) (increase(memoria_projector_dead_letters_total{pod=~\"gateway-.*\"}[1h])) | "
                    + "memoria_projector_dead_letters_total"})
    void findsTheMetricsAnExpressionReads(String expr, String names) {
        Set<String> expected = new LinkedHashSet<>(names.isBlank() ? List.of() : List.of(names.split(" ")));
        assertEquals(expected, MonitoringQueries.metricNames(expr));
    }

    @Test
    void readsEveryPanelVariableAndAlertOfTheRepository() {
        List<MonitoringQueries.Query> queries = MonitoringQueries.ofRepository(ROOT);
        assertTrue(queries.stream().anyMatch(q -> q.where().equals("alert MemoriaOutboxNotDraining")), queries::toString);
        assertTrue(queries.stream().anyMatch(q -> q.where().equals("panel \"Consumer lag per partition\"")));
        assertTrue(queries.stream().anyMatch(q -> q.where().equals("dashboard variable namespace")));
        for (MonitoringQueries.Query query : queries) {
            assertTrue(!MonitoringQueries.metricNames(query.expr()).isEmpty(), "no metric found in " + query);
        }
    }

    @Test
    void aQueryOfAMetricNobodyExportsIsReported() {
        List<MonitoringQueries.Query> queries = new ArrayList<>(MonitoringQueries.ofRepository(ROOT));
        Set<String> exported = new LinkedHashSet<>();
        queries.forEach(q -> exported.addAll(MonitoringQueries.metricNames(q.expr())));
        assertEquals(Map.of(), MonitoringQueries.missing(queries, exported));

        queries.add(new MonitoringQueries.Query("panel \"Lag\"", "max(memoria_projector_lag_records)"));
        exported.remove("memoria_outbox_oldest_unsent_age_seconds");
        Map<String, List<String>> missing = MonitoringQueries.missing(queries, exported);
        assertEquals(Set.of("memoria_projector_lag_records", "memoria_outbox_oldest_unsent_age_seconds"), missing.keySet());
        assertEquals(List.of("panel \"Lag\""), missing.get("memoria_projector_lag_records"));
        assertTrue(missing.get("memoria_outbox_oldest_unsent_age_seconds").contains("alert MemoriaOutboxNotDraining"));
    }
}
