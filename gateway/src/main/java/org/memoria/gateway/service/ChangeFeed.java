package org.memoria.gateway.service;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.contract.EntityKind;
import org.memoria.gateway.api.ChangeDiscovery;
import org.memoria.gateway.api.ChangeDiscovery.Activity;
import org.memoria.gateway.api.ChangeDiscovery.ChangedObject;
import org.memoria.gateway.api.ChangeDiscovery.Ref;

/**
 * Reads the change feed ({@code change_feed}, written by the projector) as IIIF Change Discovery documents, each in
 * one snapshot ({@link Snapshot}: a page and whether it is complete agree). Page
 * {@code n} holds the positions {@code n·SIZE+1} to {@code (n+1)·SIZE}: positions commit in order, so once a later
 * position exists a page is complete and never changes (it may hold fewer than {@code SIZE} activities where a
 * transaction that took a position rolled back).
 */
@ApplicationScoped
public class ChangeFeed {

    /** Activities per page. Fixed for good: a different size would change every page a partner has cached. */
    public static final int SIZE = 100;
    /** The columns of a {@code change_feed} row that {@link #activity} reads. */
    public static final String ACTIVITY_COLUMNS = "entity_id, kind, version, activity, changed_at, applied_at";
    private static final String COLLECTION = "OrderedCollection";
    private static final String PAGE = "OrderedCollectionPage";

    @Inject
    Snapshot snapshot;

    /** A page and whether it is complete (a later position exists, so it never changes). */
    public record PageAnswer(ChangeDiscovery.Page page, boolean complete) {
    }

    public ChangeDiscovery.Collection collection(URI base) {
        return snapshot.read((c, model) -> {
            try (PreparedStatement s = c.prepareStatement("select count(*), coalesce(max(position), 0) from change_feed");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                long total = rs.getLong(1);
                long last = lastPage(rs.getLong(2));
                return new ChangeDiscovery.Collection(ChangeDiscovery.CONTEXT, collectionUrl(base), COLLECTION, total,
                        pageRef(base, 0), pageRef(base, last));
            }
        });
    }

    /** Page {@code n}; empty if it lies past the last page. */
    public Optional<PageAnswer> page(URI base, long n) {
        return snapshot.read((c, model) -> {
            long max = maxPosition(c);
            long last = lastPage(max);
            if (n > last) {
                return Optional.empty();
            }
            List<Activity> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select " + ACTIVITY_COLUMNS
                    + " from change_feed where position between ? and ? order by position")) {
                s.setLong(1, n * SIZE + 1);
                s.setLong(2, (n + 1) * SIZE);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        items.add(activity(base, rs));
                    }
                }
            }
            ChangeDiscovery.Page page = new ChangeDiscovery.Page(ChangeDiscovery.CONTEXT, pageUrl(base, n), PAGE,
                    new Ref(collectionUrl(base), COLLECTION), n * SIZE, n > 0 ? pageRef(base, n - 1) : null,
                    n < last ? pageRef(base, n + 1) : null, items);
            return Optional.of(new PageAnswer(page, n < last));
        });
    }

    /** The page that holds the first change the archive applied at or after {@code since}; empty if none. */
    public OptionalLong pageSince(OffsetDateTime since) {
        return snapshot.read((c, model) -> {
            try (PreparedStatement s = c.prepareStatement("select min(position) from change_feed where applied_at >= ?")) {
                s.setObject(1, since);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    long position = rs.getLong(1);
                    return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of((position - 1) / SIZE);
                }
            }
        });
    }

    /** The last page's number (0 while the feed is empty). */
    public long lastPage() {
        return snapshot.read((c, model) -> lastPage(maxPosition(c)));
    }

    public static URI pageUrl(URI base, long n) {
        return base.resolve("api/changes/pages/" + n);
    }

    /** The feed's last position (0 while it is empty): every position up to it has committed. */
    public static long maxPosition(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select coalesce(max(position), 0) from change_feed");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long lastPage(long maxPosition) {
        return maxPosition == 0 ? 0 : (maxPosition - 1) / SIZE;
    }

    private static URI collectionUrl(URI base) {
        return base.resolve("api/changes");
    }

    private static Ref pageRef(URI base, long n) {
        return new Ref(pageUrl(base, n), PAGE);
    }

    /** The activity of a {@code change_feed} row read with {@link #ACTIVITY_COLUMNS}. */
    public static Activity activity(URI base, ResultSet rs) throws SQLException {
        EntityKind kind = EntityKind.valueOf(rs.getString("kind"));
        long version = rs.getLong("version");
        String type = rs.getString("activity");
        UUID id = rs.getObject("entity_id", UUID.class);
        return new Activity(type, new ChangedObject(entityUrl(base, kind, id), name(kind),
                version), rs.getObject("changed_at", OffsetDateTime.class), rs.getObject("applied_at",
                        OffsetDateTime.class));
    }

    /** The entity's URL in the archive API under {@code base} (the gateway's base URI). */
    public static URI entityUrl(URI base, EntityKind kind, UUID id) {
        return base.resolve("api/" + collection(kind) + "/" + id);
    }

    /** The API collection an entity of this kind is read from. */
    public static String collection(EntityKind kind) {
        return switch (kind) {
            case PERSON -> "people";
            case ORGANISATION -> "organisations";
            case MEMBERSHIP -> "memberships";
            case RELATION -> "relations";
            case EVENT -> "events";
            case PLACE -> "places";
            case SOURCE -> "sources";
            case CITATION -> "citations";
            case CLAIM -> "claims";
            case TERM -> "vocabularies/terms";
        };
    }

    private static String name(EntityKind kind) {
        String n = kind.name();
        return n.charAt(0) + n.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
