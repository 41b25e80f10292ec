package org.memoria.gateway.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.memoria.common.api.DateView;
import org.memoria.common.contract.EntityKind;
import org.memoria.gateway.api.ArchiveViews.Ref;
import org.memoria.gateway.api.ArchiveViews.SourceSummary;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One read of the read model, on one connection: fetches entity rows (each at most once), and resolves references
 * to names in one batch. A reference whose entity is not (or no longer) in the read model is unresolved.
 */
final class ReadModel {

    /** A live entity row. */
    record Row(UUID id, EntityKind kind, long version, String label, String subtype, String date, String doc,
            String role) {
    }

    private static final String COLUMNS = "e.id, e.kind, e.version, e.label, e.subtype, e.date_edtf, e.doc::text";

    private final Connection connection;
    private final ObjectMapper mapper;
    private final Map<UUID, Row> rows = new HashMap<>();
    /** Every entity id this read asked for since {@link #shown()} was last called, found or not. */
    private Set<UUID> shown = new HashSet<>();
    /** Every entity whose incoming links this read listed since {@link #shown()} was last called. */
    private Set<UUID> listed = new HashSet<>();

    ReadModel(Connection connection, ObjectMapper mapper) {
        this.connection = connection;
        this.mapper = mapper;
    }

    /**
     * The term of a managed vocabulary as the owner last published it, or null when the read model has none (its code
     * unknown here, or not yet projected).
     */
    org.memoria.common.contract.vocabulary.TermView term(org.memoria.common.contract.vocabulary.ManagedVocabulary vocabulary,
            String code) throws SQLException {
        if (code == null) {
            return null;
        }
        Row row = entity(vocabulary.termId(code), EntityKind.TERM);
        return row == null ? null : doc(row, org.memoria.common.contract.vocabulary.TermView.class);
    }

    /** A relation type's English label, read from the first person, or from the second when {@code inverse}. */
    String relationLabel(String type, boolean inverse) throws SQLException {
        org.memoria.common.contract.vocabulary.TermView t = term(
                org.memoria.common.contract.vocabulary.ManagedVocabulary.RELATION_TYPES, type);
        if (t == null) {
            return type == null ? null : type.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
        String label = inverse ? t.inverseLabels().get("en") : null;
        return label != null ? label : t.labels().get("en");
    }

    /** The live entity of this kind, or null. */
    Row entity(UUID id, EntityKind kind) throws SQLException {
        fetch(List.of(id));
        Row row = rows.get(id);
        return row != null && row.kind() == kind ? row : null;
    }

    /** Makes the live entities among {@code ids} available to {@link #row} and {@link #ref}, in one query. */
    void fetch(Collection<UUID> ids) throws SQLException {
        ids.forEach(id -> {
            if (id != null) {
                shown.add(id);
            }
        });
        List<UUID> missing = ids.stream().filter(id -> id != null && !rows.containsKey(id)).distinct().toList();
        if (missing.isEmpty()) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement(
                "select " + COLUMNS + " from entity e where e.id = any(?) and not e.deleted")) {
            s.setArray(1, connection.createArrayOf("uuid", missing.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Row row = row(rs, null);
                    rows.put(row.id(), row);
                }
            }
        }
    }

    /** Live entities of {@code kind} that link to {@code target} by one of {@code links}, in date order. */
    List<Row> linking(UUID target, EntityKind kind, String... links) throws SQLException {
        listed.add(target);
        List<Row> result = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("select " + COLUMNS + ", l.role from link l "
                + "join entity e on e.id = l.from_id and not e.deleted "
                + "where l.to_id = ? and l.link = any(?) and e.kind = ? "
                + "order by e.date_earliest nulls last, e.date_latest nulls last, left(e.label, 200), e.id, l.position")) {
            s.setObject(1, target);
            s.setArray(2, connection.createArrayOf("varchar", links));
            s.setString(3, kind.name());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Row row = row(rs, rs.getString(8));
                    shown.add(row.id());
                    rows.putIfAbsent(row.id(), new Row(row.id(), row.kind(), row.version(), row.label(), row.subtype(),
                            row.date(), row.doc(), null));
                    result.add(row);
                }
            }
        }
        return result;
    }

    /** What a view read: the entities it read (found or not), and those whose incoming links it listed. */
    record Shown(Set<UUID> rows, Set<UUID> listed) {
    }

    /**
     * What was read since the last call: what a view composed meanwhile shows, and so what must compose it again
     * when it changes (an entity read changes, or an entity starts linking to one whose links it listed).
     */
    Shown shown() {
        Shown result = new Shown(shown, listed);
        shown = new HashSet<>();
        listed = new HashSet<>();
        return result;
    }

    Row row(UUID id) {
        return id == null ? null : rows.get(id);
    }

    Ref ref(EntityKind kind, UUID id) {
        if (id == null) {
            return null;
        }
        Row row = rows.get(id);
        boolean resolved = row != null && (kind == null || row.kind() == kind);
        return new Ref(kind != null ? kind : row != null ? row.kind() : null, id, resolved ? row.label() : null,
                resolved);
    }

    SourceSummary source(UUID id) {
        Row row = rows.get(id);
        if (row == null || row.kind() != EntityKind.SOURCE) {
            return id == null ? null : new SourceSummary(id, null, null, null, false);
        }
        return new SourceSummary(id, row.label(), row.subtype(),
                DateView.of(row.date()), true);
    }

    <T> T doc(Row row, Class<T> type) {
        try {
            return mapper.readValue(row.doc(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Row row(ResultSet rs, String role) throws SQLException {
        return new Row(rs.getObject(1, UUID.class), EntityKind.valueOf(rs.getString(2)), rs.getLong(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), role);
    }
}
