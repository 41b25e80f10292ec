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

    private static final String COLUMNS = "select f.position, f.entity_id, f.kind, f.version, f.applied_at, "
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
    public record Entry(long position, UUID id, EntityKind kind, long version, Instant datestamp, boolean deleted,
            String label, String subtype, String date, String end, String doc, List<Reference> references) {

        /** The names of a source's authors (people and organisations) the archive knows, in their order. */
        public List<String> creators() {
            return references.stream().filter(r -> r.link().equals(Links.AUTHOR) && r.name() != null)
                    .map(Reference::name).toList();
        }
    }

    /** A reference the entity's state makes to another entity; {@code name} null while that one is unresolved. */
    public record Reference(String link, String kind, UUID id, String role, String name) {
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
            return withReferences(c, entries);
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
                    return entry.kind() == kind ? Optional.of(withReferences(c, List.of(entry)).get(0))
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
                EntityKind.valueOf(rs.getString("kind")), rs.getLong("version"),
                rs.getObject("applied_at", OffsetDateTime.class).toInstant(),
                gone, gone ? null : rs.getString("label"), gone ? null : rs.getString("subtype"),
                gone ? null : rs.getString("date_edtf"), gone ? null : rs.getString("end_edtf"),
                gone ? null : rs.getString("doc"), List.of());
    }

    /** The entries, each live one with the references its state makes, in their order, named where resolved. */
    private static List<Entry> withReferences(Connection c, List<Entry> entries) throws SQLException {
        List<UUID> live = entries.stream().filter(e -> !e.deleted()).map(Entry::id).toList();
        if (live.isEmpty()) {
            return entries;
        }
        Map<UUID, List<Reference>> references = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("select l.from_id, l.link, l.to_kind, l.to_id, l.role, t.label "
                + "from link l left join entity t on t.id = l.to_id and not t.deleted "
                + "where l.from_id = any(?) order by l.from_id, l.position")) {
            s.setArray(1, c.createArrayOf("uuid", live.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    references.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new Reference(rs.getString(2), rs.getString(3), rs.getObject(4, UUID.class),
                                    rs.getString(5), rs.getString(6)));
                }
            }
        }
        return entries.stream().map(e -> references.containsKey(e.id())
                ? new Entry(e.position(), e.id(), e.kind(), e.version(), e.datestamp(), e.deleted(), e.label(),
                        e.subtype(), e.date(), e.end(), e.doc(), List.copyOf(references.get(e.id())))
                : e).toList();
    }
}
