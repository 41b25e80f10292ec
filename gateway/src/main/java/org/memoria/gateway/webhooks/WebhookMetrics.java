package org.memoria.gateway.webhooks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Webhook progress (docs/operations.md): attempts by outcome ({@code memoria_webhook_attempts_total}), subscriptions
 * by state ({@code memoria_webhook_subscriptions}) and how long the oldest change an active subscription still waits
 * for has waited ({@code memoria_webhook_oldest_pending_age_seconds}). The gauges come from one query, run when a
 * scrape asks and reused for a second; every gateway replica reports the same (take the max, not the sum).
 */
@Startup // registered at start, before any delivery creates the bean, so that a scrape always finds them
@ApplicationScoped
public class WebhookMetrics {

    static final List<String> OUTCOMES = List.of("delivered", "failed", "gone");
    private static final List<String> STATES = List.of("ACTIVE", "PAUSED", "DISABLED");

    @Inject
    MeterRegistry registry;
    @Inject
    DataSource dataSource;

    private final Map<String, Counter> attempts = new ConcurrentHashMap<>();
    private volatile long readAt;
    private volatile Map<String, Double> values = Map.of();

    @PostConstruct
    void meters() {
        for (String outcome : OUTCOMES) {
            attempts.put(outcome, Counter.builder("memoria.webhook.attempts").tag("outcome", outcome)
                    .description("Webhook delivery attempts by outcome: delivered (2xx), failed (retried), gone (410)")
                    .register(registry));
        }
        for (String state : STATES) {
            Gauge.builder("memoria.webhook.subscriptions", this, m -> m.value(state)).tag("state", state)
                    .description("Webhook subscriptions in this state").register(registry);
        }
        Gauge.builder("memoria.webhook.oldest.pending.age", this, m -> m.value("age")).baseUnit("seconds")
                .description("How long the oldest change an active subscription still waits for has waited; 0 if none")
                .register(registry);
    }

    void attempted(String outcome) {
        attempts.get(outcome).increment();
    }

    private double value(String name) {
        if (System.nanoTime() - readAt > 1_000_000_000L) {
            values = read();
            readAt = System.nanoTime();
        }
        return values.getOrDefault(name, 0.0);
    }

    private Map<String, Double> read() {
        Map<String, Double> read = new ConcurrentHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                select state, count(*), null from webhook_subscription group by state
                union all
                select 'age', null, coalesce(extract(epoch from now() - min(f.applied_at)), 0)
                from webhook_subscription w join change_feed f on f.position = w.cursor + 1
                where w.state = 'ACTIVE'""");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                read.put(rs.getString(1), rs.getString(1).equals("age") ? rs.getDouble(3) : rs.getDouble(2));
            }
        } catch (SQLException e) {
            return values; // the last values, until the database answers again
        }
        return read;
    }
}
