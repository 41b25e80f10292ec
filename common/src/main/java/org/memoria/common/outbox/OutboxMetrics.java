package org.memoria.common.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.Startup;

/**
 * The outbox as Prometheus sees it (docs/operations.md): {@code memoria_outbox_unsent_events} (rows not yet
 * acknowledged by the broker), {@code memoria_outbox_oldest_unsent_age_seconds} (how long the oldest of them has
 * waited, 0 when there is none) and {@code memoria_outbox_published_events_total}, each tagged with the topic. The two
 * gauges come from one query on the partial index of unsent rows, run when a scrape asks and reused for
 * {@link #MAX_STALENESS_NANOS}, so that neither the scrapers nor the gauges multiply the queries.
 */
@Startup
@ApplicationScoped
@IfBuildProperty(name = "memoria.outbox.enabled", stringValue = "true")
public class OutboxMetrics {

    /** One query answers both gauges: the count over the unsent rows' index, the oldest by id through it. */
    static final String BACKLOG = "select count(*), coalesce(extract(epoch from clock_timestamp() - (select created_at "
            + "from outbox_event where sent_at is null order by id limit 1)), 0) from outbox_event where sent_at is null";
    /** A scrape within this long of the last query reuses its answer. */
    static final long MAX_STALENESS_NANOS = 1_000_000_000L;

    @Inject
    DataSource dataSource;
    @Inject
    OutboxConfig config;
    @Inject
    OutboxRelay relay;
    @Inject
    MeterRegistry registry;

    private record Backlog(long readAt, double unsent, double oldestAgeSeconds) {
    }

    private volatile Backlog last;

    @PostConstruct
    void register() {
        Tags tags = Tags.of("topic", config.topic().orElse(""));
        Gauge.builder("memoria.outbox.unsent", this, m -> m.backlog().unsent()).baseUnit("events").tags(tags)
                .description("Outbox rows the broker has not acknowledged yet").register(registry);
        Gauge.builder("memoria.outbox.oldest.unsent.age", this, m -> m.backlog().oldestAgeSeconds()).baseUnit("seconds")
                .tags(tags).description("How long the oldest unsent outbox row has waited (0: none waits)")
                .register(registry);
        FunctionCounter.builder("memoria.outbox.published", relay, OutboxRelay::published).baseUnit("events")
                .tags(tags).description("Change events this process published and the broker acknowledged")
                .register(registry);
    }

    /** The backlog, from the last query if it is recent enough; NaN while the database does not answer. */
    Backlog backlog() {
        Backlog known = last;
        long now = System.nanoTime();
        if (known != null && now - known.readAt() < MAX_STALENESS_NANOS) {
            return known;
        }
        Backlog fresh;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(BACKLOG);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            fresh = new Backlog(now, rs.getLong(1), rs.getDouble(2));
        } catch (SQLException e) {
            fresh = new Backlog(now, Double.NaN, Double.NaN);
        }
        last = fresh;
        return fresh;
    }
}
