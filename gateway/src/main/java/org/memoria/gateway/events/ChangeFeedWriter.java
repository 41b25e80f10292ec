package org.memoria.gateway.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Adds the changes the projector applies to the change feed ({@code change_feed}, served as {@code /api/changes}), in
 * the transaction that applies them.
 *
 * <p><b>Positions commit in order.</b> Before it adds anything, the transaction takes a transaction-level advisory
 * lock that it holds until it commits: no two transactions add to the feed at once, whichever gateway replica or
 * rebuild runs them, so a position is never committed after a higher one. A partner that read up to a position has
 * therefore seen everything below it, and a page of the feed, once a later position exists, never changes.
 *
 * <p><b>Each entity's versions only go up.</b> A change is added unless the feed already holds that version of the
 * entity or a newer one: a record delivered again, or replayed by a rebuild, adds nothing, and a rebuild adds the
 * changes the live projector never applied (those it drained at the swap) without repeating the others. A partner
 * that applies the activities in feed order ends with every entity at its current version.
 */
final class ChangeFeedWriter {

    /** The advisory lock that orders the feed's positions ("memoriaF"). */
    static final long FEED_LOCK = 0x6d656d6f72696146L;
    private static final String APPEND = """
            insert into change_feed (entity_id, kind, version, deleted, activity, changed_at, applied_at)
            select ?, ?, ?, ?, case when ? then 'Delete' when coalesce((select not deleted from change_feed
                where entity_id = ? order by version desc limit 1), false) then 'Update' else 'Create' end,
                ?, clock_timestamp()
            where not exists (select 1 from change_feed where entity_id = ? and version >= ?)""";

    private ChangeFeedWriter() {
    }

    /**
     * The changes the feed does not hold yet (neither that version of the entity nor a newer one), in one read without
     * the feed's lock: what the feed holds it keeps, since an entity's versions there only go up and no row is ever
     * deleted. For a rebuild's replay, whose changes the feed nearly all holds: {@link #append} then has only the few
     * others to lock the feed for.
     */
    static List<ReadModelWriter.Parsed> unseen(Connection connection, List<ReadModelWriter.Parsed> changes)
            throws SQLException {
        if (changes.isEmpty()) {
            return changes;
        }
        Map<UUID, Long> held = new HashMap<>();
        try (PreparedStatement s = connection.prepareStatement("select entity_id, max(version) from change_feed "
                + "where entity_id = any(?) group by entity_id")) {
            s.setArray(1, connection.createArrayOf("uuid",
                    changes.stream().map(p -> p.event().subject()).distinct().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    held.put(rs.getObject(1, UUID.class), rs.getLong(2));
                }
            }
        }
        return changes.stream().filter(p -> {
            Long version = held.get(p.event().subject());
            return version == null || version < p.event().entityVersion();
        }).toList();
    }

    static void append(Connection connection, List<ReadModelWriter.Parsed> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, FEED_LOCK);
            lock.executeQuery().close();
        }
        try (PreparedStatement s = connection.prepareStatement(APPEND)) {
            for (ReadModelWriter.Parsed p : changes) {
                s.setObject(1, p.event().subject());
                s.setString(2, p.kind());
                s.setLong(3, p.event().entityVersion());
                s.setBoolean(4, p.projection() == null);
                s.setBoolean(5, p.projection() == null);
                s.setObject(6, p.event().subject());
                s.setObject(7, p.event().time());
                s.setObject(8, p.event().subject());
                s.setLong(9, p.event().entityVersion());
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
