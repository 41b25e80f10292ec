package org.memoria.gateway.webhooks;

import java.net.URI;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;

import org.memoria.common.api.QueryParameters;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.edtf.Edtf;
import org.memoria.common.edtf.EdtfDate;
import org.memoria.common.edtf.EdtfParseException;
import org.memoria.common.security.Caller;
import org.memoria.common.security.Roles;
import org.memoria.gateway.api.Webhooks.Attempt;
import org.memoria.gateway.api.Webhooks.Subscription;
import org.memoria.gateway.api.Webhooks.SubscriptionInput;
import org.memoria.gateway.config.WebhookConfig;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Webhook subscriptions: made, listed, removed, resumed by whoever owns them. A partner sees and manages only its
 * partner id's subscriptions, an admin all, anyone else those it made.
 */
@ApplicationScoped
public class WebhookSubscriptions {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, url, kinds, during, state, state_reason, cursor, failures, "
            + "next_attempt_at, created_at";

    @Inject
    DataSource dataSource;
    @Inject
    WebhookConfig config;
    @Inject
    Caller caller;
    @Inject
    SecurityIdentity identity;

    /** Makes a subscription that delivers the changes applied from now on; the answer carries its secret. */
    public Subscription create(SubscriptionInput input, UriInfo uri) throws SQLException {
        if (input == null) {
            throw QueryParameters.invalid(uri, "url", "is required: send {\"url\": ...}");
        }
        WebhookTargets.refusal(input.url(), config.allowLoopback()).ifPresent(reason -> {
            throw QueryParameters.invalid(uri, "url", reason);
        });
        List<String> kinds = new ArrayList<>();
        for (String kind : input.kinds() == null ? List.<String> of() : input.kinds()) {
            try {
                kinds.add(EntityKind.valueOf(kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT)).name());
            } catch (IllegalArgumentException e) {
                throw QueryParameters.invalid(uri, "kinds", "has " + kind + ", which is not one of "
                        + java.util.Arrays.toString(EntityKind.values()));
            }
        }
        EdtfDate during = null;
        if (input.during() != null && !input.during().isBlank()) {
            try {
                during = Edtf.parse(input.during().strip());
            } catch (EdtfParseException e) {
                throw QueryParameters.invalid(uri, "during", e.getMessage());
            }
        }
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // one at a time per owner, so that the limit holds
                try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
                    lock.setInt(1, 0x77686b);
                    lock.setString(2, owner());
                    lock.executeQuery().close();
                }
                try (PreparedStatement count = c.prepareStatement("select count(*) from webhook_subscription where "
                        + visible())) {
                    bindVisible(count, 1);
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        if (rs.getInt(1) >= config.maxPerOwner()) {
                            throw QueryParameters.invalid(uri, "url", "would be a subscription beyond the "
                                    + config.maxPerOwner() + " you may hold; delete one first");
                        }
                    }
                }
                try (PreparedStatement s = c.prepareStatement("insert into webhook_subscription (id, partner_id, "
                        + "created_by, url, api_base, kinds, during, date_from, date_to, secret, state, cursor) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', "
                        + "(select coalesce(max(position), 0) from change_feed))")) {
                    s.setObject(1, id);
                    s.setString(2, caller.partnerId().orElse(null));
                    s.setString(3, caller.subject());
                    s.setString(4, input.url().strip());
                    s.setString(5, uri.getBaseUri().toString());
                    s.setArray(6, c.createArrayOf("text", kinds.toArray()));
                    s.setString(7, during == null ? null : input.during().strip());
                    s.setObject(8, during == null ? null : during.earliest());
                    s.setObject(9, during == null ? null : during.latest());
                    s.setString(10, secret);
                    s.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        Subscription made = find(id).orElseThrow();
        return new Subscription(made.id(), made.url(), made.kinds(), made.during(), made.state(), made.stateReason(),
                made.deliveredThrough(), made.failures(), made.nextAttemptAt(), made.createdAt(), secret);
    }

    public List<Subscription> list() throws SQLException {
        List<Subscription> all = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("select " + COLUMNS
                + " from webhook_subscription where " + visible() + " order by created_at, id")) {
            bindVisible(s, 1);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    all.add(subscription(rs));
                }
            }
        }
        return all;
    }

    /** The subscription, if the caller may see it. */
    public Optional<Subscription> find(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("select " + COLUMNS
                + " from webhook_subscription where id = ? and " + visible())) {
            s.setObject(1, id);
            bindVisible(s, 2);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(subscription(rs)) : Optional.empty();
            }
        }
    }

    public boolean delete(UUID id) throws SQLException {
        return update(id, "delete from webhook_subscription where id = ? and " + visible());
    }

    /** Makes a paused subscription active again: its next attempt is due now, its failures forgotten. */
    public boolean resume(UUID id) throws SQLException {
        return update(id, "update webhook_subscription set state = 'ACTIVE', state_reason = null, failures = 0, "
                + "next_attempt_at = now() where id = ? and state <> 'DISABLED' and " + visible());
    }

    /** Asks for the change at this position to be delivered again (once); false if it was never delivered. */
    public boolean redeliver(UUID id, long position) throws SQLException {
        return update(id, "insert into webhook_redelivery (subscription_id, position) select s.id, " + position
                + " from webhook_subscription s where s.id = ? and s.cursor >= " + position + " and exists (select 1 "
                + "from webhook_attempt a where a.subscription_id = s.id and a.position = " + position + ") and "
                + visible() + " on conflict do nothing");
    }

    /** The attempts, newest first. */
    public Optional<List<Attempt>> attempts(UUID id, int page, int size) throws SQLException {
        if (find(id).isEmpty()) {
            return Optional.empty();
        }
        List<Attempt> attempts = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("select message_id, "
                + "position, attempt, redelivery, attempted_at, status, error, duration_ms from webhook_attempt "
                + "where subscription_id = ? order by id desc limit ? offset ?")) {
            s.setObject(1, id);
            s.setInt(2, size);
            s.setLong(3, (long) page * size);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    attempts.add(new Attempt(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getBoolean(4),
                            rs.getObject(5, OffsetDateTime.class), (Integer) rs.getObject(6), rs.getString(7),
                            rs.getInt(8)));
                }
            }
        }
        return Optional.of(attempts);
    }

    private boolean update(UUID id, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            bindVisible(s, 2);
            return s.executeUpdate() > 0;
        }
    }

    /** The caller's subscriptions: its partner id's, all for an admin, else those it made. */
    private String visible() {
        if (caller.partnerId().isPresent()) {
            return "partner_id = ?";
        }
        return identity.hasRole(Roles.ADMIN) ? "(cast(? as text) is not null or true)" : "(partner_id is null and created_by = ?)";
    }

    private void bindVisible(PreparedStatement s, int index) throws SQLException {
        s.setString(index, owner());
    }

    private String owner() {
        return caller.partnerId().orElse(caller.subject());
    }

    private static Subscription subscription(ResultSet rs) throws SQLException {
        Array kinds = rs.getArray("kinds");
        return new Subscription(rs.getObject("id", UUID.class), rs.getString("url"),
                List.of((String[]) kinds.getArray()), rs.getString("during"), rs.getString("state"),
                rs.getString("state_reason"), rs.getLong("cursor"), rs.getInt("failures"),
                rs.getObject("next_attempt_at", OffsetDateTime.class), rs.getObject("created_at", OffsetDateTime.class),
                null);
    }

    static URI base(String apiBase) {
        return URI.create(apiBase);
    }
}
