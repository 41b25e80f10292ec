package org.memoria.gateway.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.edtf.Edtf;
import org.memoria.common.edtf.EdtfDate;
import org.memoria.common.events.ChangeEvent;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Applies one change event to the read model, on the caller's connection and transaction. The payload is parsed
 * and validated (including its EDTF dates) before the first statement, so a malformed event fails without touching
 * the database. An event applies only if its version is newer than the row's: replays and duplicates change nothing.
 */
@ApplicationScoped
public class ReadModelWriter {

    private static final String UPSERT = """
            insert into entity as e (id, kind, version, deleted, label, subtype, date_edtf, date_earliest, date_latest,
                end_edtf, end_earliest, end_latest, doc, projected_at)
            values (?, ?, ?, false, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, now())
            on conflict (id) do update set kind = excluded.kind, version = excluded.version, deleted = false,
                label = excluded.label, subtype = excluded.subtype, date_edtf = excluded.date_edtf,
                date_earliest = excluded.date_earliest, date_latest = excluded.date_latest, end_edtf = excluded.end_edtf,
                end_earliest = excluded.end_earliest, end_latest = excluded.end_latest, doc = excluded.doc,
                projected_at = now()
            where e.version < excluded.version""";
    private static final String TOMBSTONE = """
            insert into entity as e (id, kind, version, deleted) values (?, ?, ?, true)
            on conflict (id) do update set version = excluded.version, deleted = true, doc = null, projected_at = now()
            where e.version < excluded.version""";
    private static final String DELETE_LINKS = "delete from link where from_id = ?";
    private static final String DELETE_TERMS = "delete from search_term where entity_id = ?";
    private static final String INSERT_TERM = "insert into search_term (entity_id, position, kind, field, weight, term) "
            + "values (?, ?, ?, ?, ?, ?)";
    private static final String INSERT_LINK = "insert into link (from_id, position, link, to_kind, to_id, role) "
            + "values (?, ?, ?, ?, ?, ?)";

    @Inject
    ObjectMapper mapper;

    /** @return true if the event changed the read model, false if it was not newer than what is held */
    public boolean apply(Connection connection, ChangeEvent event) throws SQLException, IOException {
        String kind = Projection.kindOf(event.aggregate()).name();
        if (event.deleted()) {
            boolean applied;
            try (PreparedStatement s = connection.prepareStatement(TOMBSTONE)) {
                s.setObject(1, event.subject());
                s.setString(2, kind);
                s.setLong(3, event.entityVersion());
                applied = s.executeUpdate() == 1;
            }
            if (applied) {
                delete(connection, DELETE_LINKS, event);
                delete(connection, DELETE_TERMS, event);
            }
            return applied;
        }
        Projection p = Projection.of(event.aggregate(), event.data(), mapper);
        EdtfDate date = parse(p.date());
        EdtfDate end = parse(p.end());
        boolean applied;
        try (PreparedStatement s = connection.prepareStatement(UPSERT)) {
            s.setObject(1, event.subject());
            s.setString(2, kind);
            s.setLong(3, event.entityVersion());
            s.setString(4, p.label());
            s.setString(5, p.subtype());
            s.setString(6, p.date());
            s.setObject(7, earliest(date));
            s.setObject(8, latest(date));
            s.setString(9, p.end());
            s.setObject(10, earliest(end));
            s.setObject(11, latest(end));
            s.setString(12, new String(event.data(), StandardCharsets.UTF_8));
            applied = s.executeUpdate() == 1;
        }
        if (applied) {
            delete(connection, DELETE_LINKS, event);
            delete(connection, DELETE_TERMS, event);
            if (!p.terms().isEmpty()) {
                try (PreparedStatement s = connection.prepareStatement(INSERT_TERM)) {
                    int position = 0;
                    for (Projection.Term term : p.terms()) {
                        s.setObject(1, event.subject());
                        s.setInt(2, position++);
                        s.setString(3, kind);
                        s.setString(4, term.field());
                        s.setInt(5, term.weight());
                        s.setString(6, term.text());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            }
            if (!p.links().isEmpty()) {
                try (PreparedStatement s = connection.prepareStatement(INSERT_LINK)) {
                    int position = 0;
                    for (Projection.Link link : p.links()) {
                        s.setObject(1, event.subject());
                        s.setInt(2, position++);
                        s.setString(3, link.link());
                        s.setString(4, link.toKind().name());
                        s.setObject(5, link.toId());
                        s.setString(6, link.role());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            }
        }
        return applied;
    }

    private static void delete(Connection connection, String sql, ChangeEvent event) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setObject(1, event.subject());
            s.executeUpdate();
        }
    }

    private static EdtfDate parse(String edtf) {
        return edtf == null || edtf.isBlank() ? null : Edtf.parse(edtf);
    }

    private static LocalDate earliest(EdtfDate date) {
        return date == null ? null : date.earliest();
    }

    private static LocalDate latest(EdtfDate date) {
        return date == null ? null : date.latest();
    }
}
