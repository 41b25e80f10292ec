package org.memoria.gateway.events;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.contract.events.EventState;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.contract.sources.SourceState;
import org.memoria.common.edtf.Edtf;
import org.memoria.common.edtf.EdtfDate;
import org.memoria.common.events.ChangeEvent;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Applies one change event to the read model, on the caller's connection and transaction. Each method parses
 * and validates the payload before its first statement, so a malformed event fails without touching the database. An event applies only
 * if its version is newer than the row's, so replays and duplicates change nothing.
 */
@ApplicationScoped
public class ReadModelWriter {

    private static final String UPSERT_PERSON = """
            insert into person_view as v (id, version, deleted, preferred_name, birth_edtf, birth_earliest,
                death_edtf, death_earliest, doc, projected_at)
            values (?, ?, false, ?, ?, ?, ?, ?, ?::jsonb, now())
            on conflict (id) do update set version = excluded.version, deleted = false,
                preferred_name = excluded.preferred_name, birth_edtf = excluded.birth_edtf,
                birth_earliest = excluded.birth_earliest, death_edtf = excluded.death_edtf,
                death_earliest = excluded.death_earliest, doc = excluded.doc, projected_at = now()
            where v.version < excluded.version""";
    private static final String UPSERT_EVENT = """
            insert into event_view as v (id, version, deleted, title, type, date_edtf, date_earliest, date_latest,
                place_name, doc, projected_at)
            values (?, ?, false, ?, ?, ?, ?, ?, ?, ?::jsonb, now())
            on conflict (id) do update set version = excluded.version, deleted = false, title = excluded.title,
                type = excluded.type, date_edtf = excluded.date_edtf, date_earliest = excluded.date_earliest,
                date_latest = excluded.date_latest, place_name = excluded.place_name, doc = excluded.doc,
                projected_at = now()
            where v.version < excluded.version""";
    private static final String UPSERT_SOURCE = """
            insert into source_view as v (id, version, deleted, title, type, date_edtf, date_earliest, doc, projected_at)
            values (?, ?, false, ?, ?, ?, ?, ?::jsonb, now())
            on conflict (id) do update set version = excluded.version, deleted = false, title = excluded.title,
                type = excluded.type, date_edtf = excluded.date_edtf, date_earliest = excluded.date_earliest,
                doc = excluded.doc, projected_at = now()
            where v.version < excluded.version""";
    private static final String TOMBSTONE = """
            insert into %1$s as v (id, version, deleted) values (?, ?, true)
            on conflict (id) do update set version = excluded.version, deleted = true, doc = null, projected_at = now()
            where v.version < excluded.version""";

    @Inject
    ObjectMapper mapper;

    /** @return true if the event changed the read model, false if it was not newer than what is held */
    public boolean apply(Connection connection, ChangeEvent event) throws SQLException, java.io.IOException {
        return switch (event.aggregate()) {
            case "person" -> event.deleted() ? tombstone(connection, "person_view", event, null, null)
                    : person(connection, event);
            case "event" -> event.deleted()
                    ? tombstone(connection, "event_view", event, "event_participant", "event_id")
                    : event(connection, event);
            case "source" -> event.deleted()
                    ? tombstone(connection, "source_view", event, "source_author", "source_id")
                    : source(connection, event);
            default -> throw new IllegalArgumentException("Unknown aggregate " + event.aggregate());
        };
    }

    private boolean person(Connection c, ChangeEvent event) throws SQLException, java.io.IOException {
        PersonState p = mapper.readValue(event.data(), PersonState.class);
        EdtfDate birth = date(p.birthDate());
        EdtfDate death = date(p.deathDate());
        try (PreparedStatement s = c.prepareStatement(UPSERT_PERSON)) {
            s.setObject(1, event.subject());
            s.setLong(2, event.entityVersion());
            s.setString(3, p.preferredName());
            s.setString(4, p.birthDate());
            s.setObject(5, earliest(birth));
            s.setString(6, p.deathDate());
            s.setObject(7, earliest(death));
            s.setString(8, json(event));
            return s.executeUpdate() == 1;
        }
    }

    private boolean event(Connection c, ChangeEvent event) throws SQLException, java.io.IOException {
        EventState e = mapper.readValue(event.data(), EventState.class);
        EdtfDate date = date(e.date());
        boolean applied;
        try (PreparedStatement s = c.prepareStatement(UPSERT_EVENT)) {
            s.setObject(1, event.subject());
            s.setLong(2, event.entityVersion());
            s.setString(3, e.title());
            s.setString(4, e.type() == null ? null : e.type().name());
            s.setString(5, e.date());
            s.setObject(6, earliest(date));
            s.setObject(7, date == null ? null : date.latest());
            s.setString(8, e.placeName());
            s.setString(9, json(event));
            applied = s.executeUpdate() == 1;
        }
        if (applied) {
            List<EventState.Participant> participants = e.participants() == null ? List.of() : e.participants();
            replaceChildren(c, "delete from event_participant where event_id = ?",
                    "insert into event_participant (event_id, position, person_id, role) values (?, ?, ?, ?)",
                    event.subject(), participants.size(), (s, i) -> {
                        s.setObject(3, participants.get(i).personId());
                        s.setString(4, participants.get(i).role().name());
                    });
        }
        return applied;
    }

    private boolean source(Connection c, ChangeEvent event) throws SQLException, java.io.IOException {
        SourceState src = mapper.readValue(event.data(), SourceState.class);
        EdtfDate date = date(src.date());
        boolean applied;
        try (PreparedStatement s = c.prepareStatement(UPSERT_SOURCE)) {
            s.setObject(1, event.subject());
            s.setLong(2, event.entityVersion());
            s.setString(3, src.title());
            s.setString(4, src.type() == null ? null : src.type().name());
            s.setString(5, src.date());
            s.setObject(6, earliest(date));
            s.setString(7, json(event));
            applied = s.executeUpdate() == 1;
        }
        if (applied) {
            List<UUID> authors = src.authorIds() == null ? List.of() : src.authorIds();
            replaceChildren(c, "delete from source_author where source_id = ?",
                    "insert into source_author (source_id, position, person_id) values (?, ?, ?)",
                    event.subject(), authors.size(), (s, i) -> s.setObject(3, authors.get(i)));
        }
        return applied;
    }

    private boolean tombstone(Connection c, String table, ChangeEvent event, String childTable, String childKey)
            throws SQLException {
        boolean applied;
        try (PreparedStatement s = c.prepareStatement(TOMBSTONE.formatted(table))) {
            s.setObject(1, event.subject());
            s.setLong(2, event.entityVersion());
            applied = s.executeUpdate() == 1;
        }
        if (applied && childTable != null) {
            try (PreparedStatement s = c.prepareStatement("delete from " + childTable + " where " + childKey + " = ?")) {
                s.setObject(1, event.subject());
                s.executeUpdate();
            }
        }
        return applied;
    }

    @FunctionalInterface
    private interface RowBinder {
        void bind(PreparedStatement statement, int index) throws SQLException;
    }

    private static void replaceChildren(Connection c, String delete, String insert, UUID parent, int count,
            RowBinder binder) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(delete)) {
            s.setObject(1, parent);
            s.executeUpdate();
        }
        if (count == 0) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(insert)) {
            for (int i = 0; i < count; i++) {
                s.setObject(1, parent);
                s.setInt(2, i);
                binder.bind(s, i);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static EdtfDate date(String edtf) {
        return edtf == null || edtf.isBlank() ? null : Edtf.parse(edtf);
    }

    private static LocalDate earliest(EdtfDate date) {
        return date == null ? null : date.earliest();
    }

    private static String json(ChangeEvent event) {
        return new String(event.data(), StandardCharsets.UTF_8);
    }
}
