package org.memoria.gateway.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.api.DateView;
import org.memoria.common.api.Page;
import org.memoria.common.contract.events.EventState;
import org.memoria.common.contract.events.EventType;
import org.memoria.common.contract.events.ParticipantRole;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.contract.sources.SourceState;
import org.memoria.common.contract.sources.SourceType;
import org.memoria.gateway.rest.ArchiveViews.Dossier;
import org.memoria.gateway.rest.ArchiveViews.DossierEvent;
import org.memoria.gateway.rest.ArchiveViews.EventDetail;
import org.memoria.gateway.rest.ArchiveViews.Name;
import org.memoria.gateway.rest.ArchiveViews.Participant;
import org.memoria.gateway.rest.ArchiveViews.PersonRef;
import org.memoria.gateway.rest.ArchiveViews.PersonSummary;
import org.memoria.gateway.rest.ArchiveViews.SourceDetail;
import org.memoria.gateway.rest.ArchiveViews.SourceSummary;
import org.memoria.gateway.rest.ArchiveViews.TimelineEntry;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the composed views from the gateway's own read model only; a read never calls an owning service. */
@ApplicationScoped
public class ArchiveQueries {

    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper mapper;

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T read(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Read model query failed", e);
        }
    }

    public Page<PersonSummary> people(String name, int page, int size) {
        String filter = name == null || name.isBlank() ? "" : " and lower(preferred_name) like ?";
        return read(c -> {
            List<PersonSummary> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select id, version, preferred_name, birth_edtf, death_edtf "
                    + "from person_view where not deleted" + filter + " order by preferred_name, id limit ? offset ?")) {
                int i = 1;
                if (!filter.isEmpty()) {
                    s.setString(i++, like(name));
                }
                s.setInt(i++, size);
                s.setLong(i, (long) page * size);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        items.add(new PersonSummary(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3),
                                DateView.of(rs.getString(4)), DateView.of(rs.getString(5))));
                    }
                }
            }
            long total;
            try (PreparedStatement s = c.prepareStatement("select count(*) from person_view where not deleted" + filter)) {
                if (!filter.isEmpty()) {
                    s.setString(1, like(name));
                }
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            return new Page<>(items, page, size, total);
        });
    }

    public Optional<Dossier> dossier(UUID id) {
        return read(c -> {
            PersonState person = doc(c, "person_view", id, PersonState.class);
            if (person == null) {
                return Optional.empty();
            }
            List<DossierEvent> events = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    select e.id, e.title, e.type, e.date_edtf, e.place_name, p.role
                    from event_participant p join event_view e on e.id = p.event_id
                    where p.person_id = ? and not e.deleted
                    order by e.date_earliest nulls last, e.title, e.id, p.position""")) {
                s.setObject(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        events.add(new DossierEvent(rs.getObject(1, UUID.class), rs.getString(2),
                                EventType.valueOf(rs.getString(3)), DateView.of(rs.getString(4)), rs.getString(5),
                                ParticipantRole.valueOf(rs.getString(6))));
                    }
                }
            }
            List<SourceSummary> sources = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    select distinct s.id, s.title, s.type, s.date_edtf, s.date_earliest
                    from source_author a join source_view s on s.id = a.source_id
                    where a.person_id = ? and not s.deleted
                    order by s.date_earliest nulls last, s.title, s.id""")) {
                s.setObject(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        sources.add(new SourceSummary(rs.getObject(1, UUID.class), rs.getString(2),
                                SourceType.valueOf(rs.getString(3)), DateView.of(rs.getString(4))));
                    }
                }
            }
            return Optional.of(new Dossier(person.id(), person.version(), person.preferredName(),
                    person.names().stream().map(n -> new Name(n.name(), n.type())).toList(),
                    DateView.of(person.birthDate()), DateView.of(person.deathDate()), person.description(), events,
                    sources));
        });
    }

    public Optional<EventDetail> event(UUID id) {
        return read(c -> {
            EventState event = doc(c, "event_view", id, EventState.class);
            if (event == null) {
                return Optional.empty();
            }
            List<Participant> participants = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    select p.person_id, p.role, v.preferred_name
                    from event_participant p left join person_view v on v.id = p.person_id and not v.deleted
                    where p.event_id = ? order by p.position""")) {
                s.setObject(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        participants.add(new Participant(ref(rs.getObject(1, UUID.class), rs.getString(3)),
                                ParticipantRole.valueOf(rs.getString(2))));
                    }
                }
            }
            return Optional.of(new EventDetail(event.id(), event.version(), event.title(), event.type(),
                    DateView.of(event.date()), event.placeName(), event.description(), participants));
        });
    }

    public Optional<SourceDetail> source(UUID id) {
        return read(c -> {
            SourceState source = doc(c, "source_view", id, SourceState.class);
            if (source == null) {
                return Optional.empty();
            }
            List<PersonRef> authors = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    select a.person_id, v.preferred_name
                    from source_author a left join person_view v on v.id = a.person_id and not v.deleted
                    where a.source_id = ? order by a.position""")) {
                s.setObject(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        authors.add(ref(rs.getObject(1, UUID.class), rs.getString(2)));
                    }
                }
            }
            return Optional.of(new SourceDetail(source.id(), source.version(), source.type(), source.title(), authors,
                    DateView.of(source.date()), source.publisher(), source.url()));
        });
    }

    public Page<TimelineEntry> timeline(int page, int size) {
        return read(c -> {
            List<TimelineEntry> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    select id, title, type, date_edtf, place_name from event_view where not deleted
                    order by date_earliest nulls last, date_latest nulls last, title, id limit ? offset ?""")) {
                s.setInt(1, size);
                s.setLong(2, (long) page * size);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        items.add(new TimelineEntry(rs.getObject(1, UUID.class), rs.getString(2),
                                EventType.valueOf(rs.getString(3)), DateView.of(rs.getString(4)), rs.getString(5)));
                    }
                }
            }
            long total;
            try (PreparedStatement s = c.prepareStatement("select count(*) from event_view where not deleted");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            return new Page<>(items, page, size, total);
        });
    }

    private <T> T doc(Connection c, String table, UUID id, Class<T> type) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select doc from " + table + " where id = ? and not deleted")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return mapper.readValue(rs.getString(1), type);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PersonRef ref(UUID id, String name) {
        return new PersonRef(id, name, name != null);
    }

    private static String like(String name) {
        return "%" + name.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
