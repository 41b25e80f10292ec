package org.memoria.gateway.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.memoria.common.problem.RepeatedFailures;
import org.memoria.gateway.api.ChangeDiscovery.Activity;
import org.memoria.gateway.api.Webhooks.Data;
import org.memoria.gateway.api.Webhooks.Payload;
import org.memoria.gateway.config.WebhookConfig;
import org.memoria.gateway.service.ChangeFeed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Delivers the change feed to the webhook subscriptions, signed as Standard Webhooks specifies (the reference
 * library's {@link Webhook#sign}).
 *
 * <p><b>At least once, in order, across restarts and replicas.</b> Each subscription has a cursor in the feed. One
 * delivery is one database transaction that holds the subscription's row ({@code for update skip locked}, so no two
 * gateway replicas deliver to the same subscription at once) while it POSTs the next wanted change and records the
 * attempt; the cursor moves past the change only in the transaction that records a 2xx. A gateway killed mid-delivery
 * leaves the cursor where it was, and the change is delivered again with the same {@code webhook-id}. A subscription
 * gets one change at a time, in feed order, so each entity's changes arrive in order.
 *
 * <p><b>Failures.</b> A failed attempt (no answer in time, a refused connection, a status other than 2xx) is retried
 * after the next wait of the retry schedule with jitter, or after the receiver's {@code Retry-After} if longer; when
 * the schedule is used up the subscription is paused until its owner resumes it. A 410 disables it. One subscription's
 * failures never hold up another's: deliveries to different subscriptions run side by side.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final RepeatedFailures FAILURES = new RepeatedFailures(LOG);

    @Inject
    DataSource dataSource;
    @Inject
    WebhookConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    WebhookMetrics metrics;

    private HttpClient http;
    private ExecutorService deliveries;
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private Thread loop;

    void start(@Observes StartupEvent event) {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        deliveries = Executors.newFixedThreadPool(config.concurrency(),
                Thread.ofPlatform().name("webhook-delivery-", 0).daemon().factory());
        running = true;
        loop = Thread.ofPlatform().name("webhook-dispatcher").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (loop != null) {
            loop.interrupt();
            loop.join(5_000);
        }
        if (deliveries != null) {
            deliveries.shutdownNow();
        }
    }

    private void run() {
        while (running) {
            try {
                for (UUID id : due()) {
                    if (inFlight.add(id)) {
                        deliveries.submit(() -> {
                            try {
                                deliverNext(id);
                            } catch (Exception e) {
                                FAILURES.warn(e.getClass().getName(), "Webhook delivery failed; it is retried: " + e);
                            } finally {
                                inFlight.remove(id);
                            }
                        });
                    }
                }
            } catch (Exception e) {
                FAILURES.warn(e.getClass().getName(), "Webhook dispatcher cannot read its subscriptions: " + e);
            }
            try {
                Thread.sleep(config.pollInterval().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Subscriptions with a change to deliver now, or a redelivery asked for. */
    private List<UUID> due() throws SQLException {
        List<UUID> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                select id from webhook_subscription where state = 'ACTIVE' and next_attempt_at <= now()
                    and cursor < (select coalesce(max(position), 0) from change_feed)
                union select subscription_id from webhook_redelivery
                limit ?""")) {
            s.setInt(1, config.concurrency() * 4);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    due.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return due;
    }

    /** The subscription's row, locked by this transaction. */
    private record Target(UUID id, String url, URI apiBase, String secret, String state, long cursor, int failures,
            boolean due, String[] kinds, java.time.LocalDate from, java.time.LocalDate to) {
    }

    /** One delivery (a redelivery first, else the next wanted change), in one transaction. */
    void deliverNext(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Target target = lock(c, id);
                if (target != null) {
                    if (!redeliver(c, target) && target.state().equals("ACTIVE") && target.due()) {
                        deliverNextChange(c, target);
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static Target lock(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select id, url, api_base, secret, state, cursor, failures, "
                + "next_attempt_at <= now(), kinds, date_from, date_to from webhook_subscription where id = ? "
                + "for update skip locked")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null; // gone, or another replica is delivering to it
                }
                return new Target(id, rs.getString(2), URI.create(rs.getString(3)), rs.getString(4), rs.getString(5),
                        rs.getLong(6), rs.getInt(7), rs.getBoolean(8), (String[]) rs.getArray(9).getArray(),
                        rs.getObject(10, java.time.LocalDate.class), rs.getObject(11, java.time.LocalDate.class));
            }
        }
    }

    private boolean redeliver(Connection c, Target target) throws SQLException {
        long position;
        try (PreparedStatement s = c.prepareStatement("delete from webhook_redelivery where (subscription_id, position) "
                + "= (select subscription_id, position from webhook_redelivery where subscription_id = ? "
                + "order by requested_at limit 1) returning position")) {
            s.setObject(1, target.id());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                position = rs.getLong(1);
            }
        }
        Change change = change(c, position, target.apiBase());
        if (change != null && !target.state().equals("DISABLED")) {
            send(c, target, change, true);
        }
        return true;
    }

    private void deliverNextChange(Connection c, Target target) throws SQLException {
        long end = ChangeFeed.maxPosition(c); // every position up to here has committed
        Change next = null;
        try (PreparedStatement s = c.prepareStatement("""
                select f.position, f.entity_id, f.kind, f.version, f.activity, f.changed_at, f.applied_at
                from change_feed f left join entity e on e.id = f.entity_id
                where f.position > ? and f.position <= ? and (cardinality(?::text[]) = 0 or f.kind = any(?::text[]))
                  and (f.activity = 'Delete' or (?::date is null or e.date_latest >= ?::date)
                       and (?::date is null or e.date_earliest <= ?::date)
                       and (?::date is null and ?::date is null or e.date_earliest is not null))
                order by f.position limit 1""")) {
            s.setLong(1, target.cursor());
            s.setLong(2, end);
            s.setArray(3, c.createArrayOf("text", target.kinds()));
            s.setArray(4, c.createArrayOf("text", target.kinds()));
            s.setObject(5, target.from());
            s.setObject(6, target.from());
            s.setObject(7, target.to());
            s.setObject(8, target.to());
            s.setObject(9, target.from());
            s.setObject(10, target.to());
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    next = new Change(rs.getLong(1), ChangeFeed.activity(target.apiBase(), rs));
                }
            }
        }
        if (next == null) {
            // nothing wanted up to the end: move past it all
            try (PreparedStatement s = c.prepareStatement("update webhook_subscription set cursor = ? where id = ?")) {
                s.setLong(1, end);
                s.setObject(2, target.id());
                s.executeUpdate();
            }
            return;
        }
        send(c, target, next, false);
    }

    private record Change(long position, Activity activity) {
    }

    private Change change(Connection c, long position, URI base) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select position, " + ChangeFeed.ACTIVITY_COLUMNS
                + " from change_feed where position = ?")) {
            s.setLong(1, position);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Change(position, ChangeFeed.activity(base, rs)) : null;
            }
        }
    }

    /** POSTs the change, records the attempt and, for a delivery in turn, what it means for the subscription. */
    private void send(Connection c, Target target, Change change, boolean redelivery) throws SQLException {
        String messageId = "msg_" + target.id().toString().replace("-", "") + "_" + change.position();
        String body;
        try {
            body = json.writeValueAsString(new Payload(change.activity().object().type().toLowerCase(Locale.ROOT) + "."
                    + switch (change.activity().type()) {
                        case "Create" -> "created";
                        case "Delete" -> "deleted";
                        default -> "updated";
                    }, change.activity().endTime(), new Data(change.position(),
                            ChangeFeed.pageUrl(target.apiBase(), (change.position() - 1) / ChangeFeed.SIZE),
                            change.activity())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int attempt = redelivery ? 1 : target.failures() + 1;
        Integer status = null;
        String error = null;
        Duration retryAfter = Duration.ZERO;
        long t0 = System.nanoTime();
        var refused = WebhookTargets.refusal(target.url(), config.allowLoopback());
        if (refused.isPresent()) {
            error = "not sent: the URL " + refused.get();
        } else {
            try {
                long timestamp = Instant.now().getEpochSecond();
                HttpRequest request = HttpRequest.newBuilder(URI.create(target.url())).timeout(config.requestTimeout())
                        .header("Content-Type", "application/json").header("User-Agent", "Memoria-Webhooks")
                        .header("webhook-id", messageId).header("webhook-timestamp", Long.toString(timestamp))
                        .header("webhook-signature", new Webhook(target.secret()).sign(messageId, timestamp, body))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                HttpResponse<Void> answer = http.send(request, HttpResponse.BodyHandlers.discarding());
                status = answer.statusCode();
                retryAfter = retryAfter(answer.headers().firstValue("Retry-After").orElse(null));
            } catch (IOException e) {
                error = e instanceof java.net.http.HttpTimeoutException ? "no answer within "
                        + config.requestTimeout().toMillis() + " ms" : "not delivered: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted: the gateway is stopping";
            } catch (com.standardwebhooks.exceptions.WebhookSigningException
                    | com.standardwebhooks.exceptions.EmptyWebhookSecretException e) {
                throw new IllegalStateException("Cannot sign a webhook for subscription " + target.id(), e);
            }
        }
        int duration = (int) ((System.nanoTime() - t0) / 1_000_000);
        try (PreparedStatement s = c.prepareStatement("insert into webhook_attempt (subscription_id, message_id, "
                + "position, attempt, redelivery, status, error, duration_ms) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, target.id());
            s.setString(2, messageId);
            s.setLong(3, change.position());
            s.setInt(4, attempt);
            s.setBoolean(5, redelivery);
            s.setObject(6, status);
            s.setString(7, error);
            s.setInt(8, duration);
            s.executeUpdate();
        }
        metrics.attempted(status != null && status >= 200 && status < 300 ? "delivered"
                : status != null && status == 410 ? "gone" : "failed");
        if (redelivery) {
            return; // sent once, whatever the answer; the subscription's own progress is untouched
        }
        if (status != null && status >= 200 && status < 300) {
            update(c, target, "cursor = ?, failures = 0, next_attempt_at = now()", change.position());
        } else if (status != null && status == 410) {
            update(c, target, "state = 'DISABLED', state_reason = ?", "the receiver answered 410 Gone to " + messageId);
            LOG.infof("Webhook subscription %s disabled: its receiver answered 410", target.id());
        } else if (attempt > config.retrySchedule().size()) {
            update(c, target, "state = 'PAUSED', state_reason = ?, failures = ?", attempt + " attempts at " + messageId
                    + " failed, the last: " + (status != null ? "HTTP " + status : error) + ". Resume it when the "
                    + "receiver is fixed", attempt);
            LOG.warnf("Webhook subscription %s paused after %d failed attempts", target.id(), attempt);
        } else {
            Duration wait = config.retrySchedule().get(attempt - 1);
            wait = wait.plusMillis(ThreadLocalRandom.current().nextLong(wait.toMillis() / 5 + 1));
            if (retryAfter.compareTo(wait) > 0) {
                wait = retryAfter;
            }
            update(c, target, "failures = ?, next_attempt_at = now() + ?::interval", attempt,
                    wait.toMillis() + " milliseconds");
        }
    }

    private static void update(Connection c, Target target, String set, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update webhook_subscription set " + set + " where id = ?")) {
            int i = 1;
            for (Object v : values) {
                s.setObject(i++, v);
            }
            s.setObject(i, target.id());
            s.executeUpdate();
        }
    }

    /** Retry-After as seconds or an HTTP date; zero when absent or unreadable; at most a day. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return Duration.ZERO;
        }
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            try {
                wait = Duration.between(Instant.now(), java.time.ZonedDateTime.parse(value.strip(),
                        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (java.time.format.DateTimeParseException unreadable) {
                return Duration.ZERO;
            }
        }
        return wait.isNegative() ? Duration.ZERO : wait.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : wait;
    }
}
