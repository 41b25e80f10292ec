package org.memoria.gateway.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.contract.EntityKind;
import org.memoria.gateway.events.Links;

/**
 * What OAI-PMH harvests: the entities of the change feed ({@code change_feed}), each once, at its latest change. The
 * position of that change orders the records and is what a resumption token carries; its {@code applied_at} is the
 * record's datestamp (it never decreases along the positions, so position order is datestamp order); whether it is a
 * deletion says whether the record is deleted. Deletions stay in the feed for good, so they are harvested for good
 * (OAI-PMH {@code deletedRecord} = persistent). The metadata come from the read model, in the same snapshot.
 */
@ApplicationScoped
public class OaiRecords {

    /** The kinds harvested, one set each; memberships, relations, citations and claims are not. */
    public static final List<EntityKind> KINDS = List.of(EntityKind.PERSON, EntityKind.ORGANISATION, EntityKind.EVENT,
            EntityKind.PLACE, EntityKind.SOURCE);

    private static final String COLUMNS = "select f.position, f.entity_id, f.kind, f.applied_at, "
            + "(f.deleted or e.id is null or e.deleted) as gone, e.label, e.subtype, e.date_edtf, e.end_edtf, "
            + "e.doc::text as doc from change_feed f left join entity e on e.id = f.entity_id ";
    /** The change is the entity's latest (change_feed_entity_position answers it). */
    private static final String LATEST = "not exists (select 1 from change_feed later "
            + "where later.entity_id = f.entity_id and later.position > f.position)";

    @Inject
    Snapshot snapshot;

    /**
     * One harvested entity at its latest change. {@code deleted}: the change deleted it (or the read model no longer
     * holds it); then it has no metadata.
     */
    public record Entry(long position, UUID id, EntityKind kind, Instant datestamp, boolean deleted, String label,
            String subtype, String date, String end, String doc, List<String> creators) {
    }

    /**
     * Which entries a list request selects: after a position, of some kinds, applied at or after {@code from} and
     * before {@code until} (exclusive: xoai has already moved a request's inclusive until to the next second).
     */
    public record Selection(long after, Collection<EntityKind> kinds, Instant from, Instant until) {
    }

    /** Up to {@code limit} entries of the selection, in position order. */
    public List<Entry> page(Selection selection, int limit) {
        StringBuilder sql = new StringBuilder(COLUMNS).append("where f.position > ? and f.kind = any(?) and ")
                .append(LATEST);
        if (selection.from() != null) {
            sql.append(" and f.applied_at >= ?");
        }
        if (selection.until() != null) {
            sql.append(" and f.applied_at < ?");
        }
        sql.append(" order by f.position limit ?");
        return snapshot.read((c, model) -> {
            List<Entry> entries = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                int i = 1;
                s.setLong(i++, selection.after());
                s.setArray(i++, c.createArrayOf("varchar",
                        selection.kinds().stream().map(EntityKind::name).toArray()));
                if (selection.from() != null) {
                    s.setObject(i++, OffsetDateTime.ofInstant(selection.from(), java.time.ZoneOffset.UTC));
                }
                if (selection.until() != null) {
                    s.setObject(i++, OffsetDateTime.ofInstant(selection.until(), java.time.ZoneOffset.UTC));
                }
                s.setInt(i, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        entries.add(entry(rs));
                    }
                }
            }
            return withCreators(c, entries);
        });
    }

    /** The entity at its latest change, if the feed holds it and it is of {@code kind}. */
    public Optional<Entry> entry(EntityKind kind, UUID id) {
        return snapshot.read((c, model) -> {
            try (PreparedStatement s = c.prepareStatement(COLUMNS
                    + "where f.entity_id = ? order by f.position desc limit 1")) {
                s.setObject(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Entry entry = entry(rs);
                    return entry.kind() == kind ? Optional.of(withCreators(c, List.of(entry)).get(0))
                            : Optional.<Entry>empty();
                }
            }
        });
    }

    /** The datestamp of the feed's first change; empty while the feed is empty. */
    public Optional<Instant> earliestDatestamp() {
        return snapshot.read((c, model) -> {
            try (PreparedStatement s = c.prepareStatement("select min(applied_at) from change_feed");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                OffsetDateTime first = rs.getObject(1, OffsetDateTime.class);
                return Optional.ofNullable(first).map(OffsetDateTime::toInstant);
            }
        });
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        boolean gone = rs.getBoolean("gone");
        return new Entry(rs.getLong("position"), rs.getObject("entity_id", UUID.class),
                EntityKind.valueOf(rs.getString("kind")), rs.getObject("applied_at", OffsetDateTime.class).toInstant(),
                gone, gone ? null : rs.getString("label"), gone ? null : rs.getString("subtype"),
                gone ? null : rs.getString("date_edtf"), gone ? null : rs.getString("end_edtf"),
                gone ? null : rs.getString("doc"), List.of());
    }

    /** The entries, each live source with the names of its authors (people and organisations) in their order. */
    private static List<Entry> withCreators(Connection c, List<Entry> entries) throws SQLException {
        List<UUID> sources = entries.stream().filter(e -> !e.deleted() && e.kind() == EntityKind.SOURCE)
                .map(Entry::id).toList();
        if (sources.isEmpty()) {
            return entries;
        }
        Map<UUID, List<String>> creators = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("select l.from_id, a.label from link l "
                + "join entity a on a.id = l.to_id and not a.deleted "
                + "where l.from_id = any(?) and l.link = ? order by l.from_id, l.position")) {
            s.setArray(1, c.createArrayOf("uuid", sources.toArray()));
            s.setString(2, Links.AUTHOR);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    creators.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return entries.stream().map(e -> creators.containsKey(e.id())
                ? new Entry(e.position(), e.id(), e.kind(), e.datestamp(), e.deleted(), e.label(), e.subtype(),
                        e.date(), e.end(), e.doc(), List.copyOf(creators.get(e.id())))
                : e).toList();
    }
}
