package org.memoria.gateway.service;

import static org.memoria.gateway.events.Links.ABOUT;
import static org.memoria.gateway.events.Links.AUTHOR;
import static org.memoria.gateway.events.Links.EVIDENCE;
import static org.memoria.gateway.events.Links.MEMBER;
import static org.memoria.gateway.events.Links.OF_ORGANISATION;
import static org.memoria.gateway.events.Links.PARENT;
import static org.memoria.gateway.events.Links.PARTICIPANT;
import static org.memoria.gateway.events.Links.PLACE;
import static org.memoria.gateway.events.Links.RELATION_FROM;
import static org.memoria.gateway.events.Links.RELATION_TO;
import static org.memoria.gateway.events.Links.SOURCE;
import static org.memoria.gateway.events.Links.SUBJECT;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.api.DateView;
import org.memoria.common.api.Page;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.SubjectRef;
import org.memoria.common.contract.events.EventState;
import org.memoria.common.contract.events.EventType;
import org.memoria.common.contract.events.PlaceState;
import org.memoria.common.contract.people.MembershipState;
import org.memoria.common.contract.people.OrganisationState;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.contract.people.RelationState;
import org.memoria.common.contract.sources.CitationState;
import org.memoria.common.contract.sources.ClaimState;
import org.memoria.common.contract.sources.SourceState;
import org.memoria.common.edtf.Edtf;
import org.memoria.gateway.api.ArchiveViews.*;
import org.memoria.gateway.service.ReadModel.Row;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the composed views from the gateway's own read model only; a read never calls an owning service. */
@ApplicationScoped
public class ArchiveQueries {

    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper mapper;

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection, ReadModel model) throws SQLException;
    }

    <T> T read(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            return work.run(connection, new ReadModel(connection, mapper));
        } catch (SQLException e) {
            throw new IllegalStateException("Read model query failed", e);
        }
    }

    // ---- people --------------------------------------------------------------------------------------------------

    public Page<PersonSummary> people(String name, int page, int size) {
        return read((c, m) -> {
            String filter = name == null || name.isBlank() ? "" : " and lower(label) like ?";
            List<PersonSummary> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select id, version, label, date_edtf, end_edtf from entity "
                    + "where kind = 'PERSON' and not deleted" + filter + " order by lower(left(label, 200)), id limit ? offset ?")) {
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
            return new Page<>(items, page, size, count(c, "kind = 'PERSON'" + filter, filter.isEmpty() ? null : like(name)));
        });
    }

    public Optional<Dossier> dossier(UUID id) {
        return read((c, m) -> {
            Row row = m.entity(id, EntityKind.PERSON);
            if (row == null) {
                return Optional.empty();
            }
            PersonState p = m.doc(row, PersonState.class);
            List<Row> membershipRows = m.linking(id, EntityKind.MEMBERSHIP, MEMBER);
            List<Row> relationRows = m.linking(id, EntityKind.RELATION, RELATION_FROM, RELATION_TO);
            List<Row> eventRows = m.linking(id, EntityKind.EVENT, PARTICIPANT);
            List<Row> authored = m.linking(id, EntityKind.SOURCE, AUTHOR);
            List<Row> citations = m.linking(id, EntityKind.CITATION, ABOUT);
            List<Row> claimRows = m.linking(id, EntityKind.CLAIM, SUBJECT);

            Set<UUID> refs = new HashSet<>();
            refs.add(p.birthPlaceId());
            refs.add(p.deathPlaceId());
            p.names().forEach(n -> refs.add(n.sourceId()));
            List<MembershipState> memberships = membershipRows.stream().map(r -> m.doc(r, MembershipState.class)).toList();
            memberships.forEach(ms -> refs.add(ms.organisationId()));
            List<RelationState> relations = relationRows.stream().distinct().map(r -> m.doc(r, RelationState.class)).toList();
            relations.forEach(r -> refs.add(r.fromPersonId().equals(id) ? r.toPersonId() : r.fromPersonId()));
            List<EventState> events = eventRows.stream().map(r -> m.doc(r, EventState.class)).toList();
            events.forEach(e -> refs.add(e.placeId()));
            m.fetch(refs);

            List<Participation> participations = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                EventState e = events.get(i);
                participations.add(new Participation(e.id(), e.title(), e.type(), DateView.of(e.date()),
                        m.ref(EntityKind.PLACE, e.placeId()), eventRows.get(i).role()));
            }
            return Optional.of(new Dossier(p.id(), row.version(), p.preferredName(), names(p.names(), m),
                    DateView.of(p.birthDate()), m.ref(EntityKind.PLACE, p.birthPlaceId()), DateView.of(p.deathDate()),
                    m.ref(EntityKind.PLACE, p.deathPlaceId()), p.description(), p.identifiers(),
                    memberships.stream().map(ms -> membership(ms, m)).toList(),
                    relations.stream().map(r -> relation(r, id, m)).toList(),
                    participations, authored.stream().map(r -> m.source(r.id())).toList(),
                    passages(citations, m), claims(claimRows, m)));
        });
    }

    // ---- organisations and places ---------------------------------------------------------------------------------

    public Optional<OrganisationDetail> organisation(UUID id) {
        return read((c, m) -> {
            Row row = m.entity(id, EntityKind.ORGANISATION);
            if (row == null) {
                return Optional.empty();
            }
            OrganisationState o = m.doc(row, OrganisationState.class);
            List<MembershipState> members = m.linking(id, EntityKind.MEMBERSHIP, OF_ORGANISATION).stream()
                    .map(r -> m.doc(r, MembershipState.class)).toList();
            List<Row> eventRows = m.linking(id, EntityKind.EVENT, PARTICIPANT);
            List<Row> authored = m.linking(id, EntityKind.SOURCE, AUTHOR);
            Set<UUID> refs = new HashSet<>();
            members.forEach(ms -> refs.add(ms.personId()));
            o.names().forEach(n -> refs.add(n.sourceId()));
            m.fetch(refs);
            return Optional.of(new OrganisationDetail(o.id(), row.version(), o.preferredName(), names(o.names(), m),
                    o.type(), DateView.of(o.founded()), DateView.of(o.dissolved()), o.description(), o.identifiers(),
                    members.stream().map(ms -> membership(ms, m)).toList(), participations(eventRows, m),
                    authored.stream().map(r -> m.source(r.id())).toList()));
        });
    }

    public Optional<PlaceDetail> place(UUID id) {
        return read((c, m) -> {
            Row row = m.entity(id, EntityKind.PLACE);
            if (row == null) {
                return Optional.empty();
            }
            PlaceState p = m.doc(row, PlaceState.class);
            List<Row> children = m.linking(id, EntityKind.PLACE, PARENT);
            List<Row> events = m.linking(id, EntityKind.EVENT, PLACE);
            m.fetch(java.util.Collections.singleton(p.parentPlaceId()));
            return Optional.of(new PlaceDetail(p.id(), row.version(), p.name(), p.alternateNames(), p.type(),
                    p.latitude(), p.longitude(), m.ref(EntityKind.PLACE, p.parentPlaceId()),
                    children.stream().map(r -> m.ref(EntityKind.PLACE, r.id())).toList(),
                    events.stream().map(ArchiveQueries::eventSummary).toList(), p.description()));
        });
    }

    // ---- events ---------------------------------------------------------------------------------------------------

    public Optional<EventDetail> event(UUID id) {
        return read((c, m) -> {
            Row row = m.entity(id, EntityKind.EVENT);
            if (row == null) {
                return Optional.empty();
            }
            EventState e = m.doc(row, EventState.class);
            List<Row> children = m.linking(id, EntityKind.EVENT, PARENT);
            List<Row> citations = m.linking(id, EntityKind.CITATION, ABOUT);
            List<Row> claimRows = m.linking(id, EntityKind.CLAIM, SUBJECT);
            Set<UUID> refs = new HashSet<>();
            refs.add(e.placeId());
            refs.add(e.parentEventId());
            e.participants().forEach(p -> refs.add(p.personId() != null ? p.personId() : p.organisationId()));
            m.fetch(refs);
            PlaceSummary place = null;
            if (e.placeId() != null) {
                Row placeRow = m.row(e.placeId());
                PlaceState ps = placeRow != null && placeRow.kind() == EntityKind.PLACE ? m.doc(placeRow, PlaceState.class) : null;
                place = ps == null ? new PlaceSummary(e.placeId(), null, null, null, null, false)
                        : new PlaceSummary(ps.id(), ps.name(), ps.type(), ps.latitude(), ps.longitude(), true);
            }
            List<Participant> participants = e.participants().stream().map(p -> new Participant(
                    p.personId() != null ? m.ref(EntityKind.PERSON, p.personId())
                            : m.ref(EntityKind.ORGANISATION, p.organisationId()),
                    p.role().name(), p.note())).toList();
            return Optional.of(new EventDetail(e.id(), row.version(), e.title(), e.type(), DateView.of(e.date()), place,
                    e.placeName(), e.description(), m.ref(EntityKind.EVENT, e.parentEventId()),
                    children.stream().map(ArchiveQueries::eventSummary).toList(), participants, passages(citations, m),
                    claims(claimRows, m)));
        });
    }

    // ---- sources and claims ---------------------------------------------------------------------------------------

    public Optional<SourceDetail> source(UUID id) {
        return read((c, m) -> {
            Row row = m.entity(id, EntityKind.SOURCE);
            if (row == null) {
                return Optional.empty();
            }
            SourceState s = m.doc(row, SourceState.class);
            List<Row> passages = m.linking(id, EntityKind.CITATION, SOURCE);
            Set<UUID> refs = new HashSet<>(s.authorIds());
            refs.addAll(s.organisationAuthorIds());
            m.fetch(refs);
            List<Ref> authors = new ArrayList<>();
            s.authorIds().forEach(a -> authors.add(m.ref(EntityKind.PERSON, a)));
            s.organisationAuthorIds().forEach(a -> authors.add(m.ref(EntityKind.ORGANISATION, a)));
            List<ClaimCitation> citedAsEvidence = new ArrayList<>();
            for (Row passage : passages) {
                for (Row claimRow : m.linking(passage.id(), EntityKind.CLAIM, EVIDENCE)) {
                    ClaimState claim = m.doc(claimRow, ClaimState.class);
                    claim.evidence().stream().filter(ev -> ev.citationId().equals(passage.id())).forEach(ev -> citedAsEvidence
                            .add(new ClaimCitation(claim.id(), claim.statement(), claim.status(), ev.stance(), passage.id())));
                }
            }
            return Optional.of(new SourceDetail(s.id(), row.version(), s.type(), s.title(), authors, DateView.of(s.date()),
                    s.publisher(), s.periodical(), s.language(), s.identifiers(), s.description(), passages(passages, m),
                    citedAsEvidence));
        });
    }

    public Optional<Claim> claim(UUID id) {
        return read((c, m) -> {
            Row row = m.entity(id, EntityKind.CLAIM);
            return row == null ? Optional.<Claim> empty() : Optional.of(claims(List.of(row), m).get(0));
        });
    }

    public Optional<Passage> citation(UUID id) {
        return read((c, m) -> {
            Row row = m.entity(id, EntityKind.CITATION);
            return row == null ? Optional.<Passage> empty() : Optional.of(passages(List.of(row), m).get(0));
        });
    }

    public Optional<Membership> membership(UUID id) {
        return read((c, m) -> {
            Row row = m.entity(id, EntityKind.MEMBERSHIP);
            if (row == null) {
                return Optional.empty();
            }
            MembershipState ms = m.doc(row, MembershipState.class);
            m.fetch(List.of(ms.personId(), ms.organisationId()));
            return Optional.of(membership(ms, m));
        });
    }

    public Optional<Relation> relation(UUID id) {
        return read((c, m) -> {
            Row row = m.entity(id, EntityKind.RELATION);
            if (row == null) {
                return Optional.empty();
            }
            RelationState r = m.doc(row, RelationState.class);
            m.fetch(List.of(r.fromPersonId(), r.toPersonId()));
            return Optional.of(relation(r, r.fromPersonId(), m));
        });
    }

    // ---- timeline and consistency ---------------------------------------------------------------------------------

    /** Filters of the timeline; null means "any". */
    public record TimelineFilter(java.time.LocalDate from, java.time.LocalDate to, UUID person, UUID organisation,
            UUID place, EventType type) {
    }

    public Page<TimelineEntry> timeline(TimelineFilter f, int page, int size) {
        return read((c, m) -> {
            StringBuilder where = new StringBuilder("e.kind = 'EVENT' and not e.deleted");
            List<Object> params = new ArrayList<>();
            if (f.from() != null || f.to() != null) {
                // overlap of the possible days with the range (GiST index entity_event_days); an open end is unbounded
                where.append(" and e.date_earliest is not null"
                        + " and daterange(e.date_earliest, e.date_latest, '[]') && daterange(?::date, ?::date, '[]')");
                params.add(f.from());
                params.add(f.to());
            }
            if (f.type() != null) {
                where.append(" and e.subtype = ?");
                params.add(f.type().name());
            }
            for (UUID participant : java.util.Arrays.asList(f.person(), f.organisation())) {
                if (participant != null) {
                    where.append(" and exists (select 1 from link l where l.from_id = e.id and l.link = 'PARTICIPANT' and l.to_id = ?)");
                    params.add(participant);
                }
            }
            if (f.place() != null) {
                // the place or any place inside it
                where.append(" and exists (with recursive inside(id) as (select ?::uuid union "
                        + "select l.from_id from link l join inside on l.to_id = inside.id where l.link = 'PARENT' and l.to_kind = 'PLACE') "
                        + "select 1 from link l join inside on l.to_id = inside.id where l.from_id = e.id and l.link = 'PLACE')");
                params.add(f.place());
            }
            List<Row> rows = new ArrayList<>();
            List<UUID> places = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select e.id, e.label, e.subtype, e.date_edtf, "
                    + "(select l.to_id from link l where l.from_id = e.id and l.link = 'PLACE' limit 1) from entity e where "
                    + where + " order by e.date_earliest nulls last, e.date_latest nulls last, left(e.label, 200), e.id limit ? offset ?")) {
                int i = bind(s, params);
                s.setInt(i++, size);
                s.setLong(i, (long) page * size);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        UUID place = rs.getObject(5, UUID.class);
                        places.add(place);
                        rows.add(new Row(rs.getObject(1, UUID.class), EntityKind.EVENT, 0, rs.getString(2),
                                rs.getString(3), rs.getString(4), null, null));
                    }
                }
            }
            m.fetch(places);
            List<TimelineEntry> items = new ArrayList<>();
            for (int k = 0; k < rows.size(); k++) {
                Row r = rows.get(k);
                DateView date = DateView.of(r.date());
                items.add(new TimelineEntry(r.id(), r.label(), EventType.valueOf(r.subtype()), date,
                        m.ref(EntityKind.PLACE, places.get(k)), date == null || uncertain(r.date())));
            }
            long total;
            try (PreparedStatement s = c.prepareStatement("select count(*) from entity e where " + where)) {
                bind(s, params);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            return new Page<>(items, page, size, total);
        });
    }

    public Page<UnresolvedReference> unresolved(int page, int size) {
        return read((c, m) -> {
            String from = " from link l join entity f on f.id = l.from_id and not f.deleted "
                    + "left join entity t on t.id = l.to_id and not t.deleted and t.kind = l.to_kind where t.id is null";
            List<UnresolvedReference> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select f.kind, f.id, f.label, l.link, l.to_kind, l.to_id" + from
                    + " order by f.kind, left(f.label, 200), f.id, l.position limit ? offset ?")) {
                s.setInt(1, size);
                s.setLong(2, (long) page * size);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        EntityKind kind = EntityKind.valueOf(rs.getString(1));
                        items.add(new UnresolvedReference(new Ref(kind, rs.getObject(2, UUID.class), rs.getString(3), true),
                                rs.getString(4), EntityKind.valueOf(rs.getString(5)), rs.getObject(6, UUID.class)));
                    }
                }
            }
            long total;
            try (PreparedStatement s = c.prepareStatement("select count(*)" + from); ResultSet rs = s.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            return new Page<>(items, page, size, total);
        });
    }

    // ---- composition helpers --------------------------------------------------------------------------------------

    private static List<Name> names(List<PersonState.Name> names, ReadModel m) {
        return names.stream().map(n -> new Name(n.name(), n.type(), DateView.of(n.period()),
                m.ref(EntityKind.SOURCE, n.sourceId()))).toList();
    }

    private static Membership membership(MembershipState ms, ReadModel m) {
        return new Membership(ms.id(), ms.version(), m.ref(EntityKind.PERSON, ms.personId()),
                m.ref(EntityKind.ORGANISATION, ms.organisationId()), ms.role(), DateView.of(ms.period()));
    }

    private static Relation relation(RelationState r, UUID side, ReadModel m) {
        boolean from = r.fromPersonId().equals(side);
        return new Relation(r.id(), r.version(), r.type().name(), from ? r.type().label : r.type().inverseLabel,
                m.ref(EntityKind.PERSON, from ? r.toPersonId() : r.fromPersonId()), DateView.of(r.period()), r.note());
    }

    private static List<Participation> participations(List<Row> eventRows, ReadModel m) throws SQLException {
        List<EventState> events = eventRows.stream().map(r -> m.doc(r, EventState.class)).toList();
        m.fetch(events.stream().map(EventState::placeId).toList());
        List<Participation> result = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            EventState e = events.get(i);
            result.add(new Participation(e.id(), e.title(), e.type(), DateView.of(e.date()),
                    m.ref(EntityKind.PLACE, e.placeId()), eventRows.get(i).role()));
        }
        return result;
    }

    private static EventSummary eventSummary(Row r) {
        return new EventSummary(r.id(), r.label(), r.subtype() == null ? null : EventType.valueOf(r.subtype()),
                DateView.of(r.date()));
    }

    private static List<Passage> passages(List<Row> citationRows, ReadModel m) throws SQLException {
        List<CitationState> citations = citationRows.stream().distinct().map(r -> m.doc(r, CitationState.class)).toList();
        Set<UUID> refs = new HashSet<>();
        citations.forEach(ct -> {
            refs.add(ct.sourceId());
            ct.about().forEach(a -> refs.add(a.id()));
        });
        m.fetch(refs);
        List<Passage> passages = new ArrayList<>();
        for (CitationState ct : citations) {
            passages.add(new Passage(ct.id(), ct.version(), m.source(ct.sourceId()), ct.locator(), ct.quote(),
                    ct.about().stream().map(a -> m.ref(a.kind(), a.id())).toList()));
        }
        passages.sort(Comparator.comparing((Passage p) -> earliest(p.source().date()),
                Comparator.nullsLast(Comparator.naturalOrder())));
        return passages;
    }

    private static List<Claim> claims(List<Row> claimRows, ReadModel m) throws SQLException {
        List<ClaimState> claims = claimRows.stream().distinct().map(r -> m.doc(r, ClaimState.class)).toList();
        Set<UUID> refs = new HashSet<>();
        for (ClaimState cl : claims) {
            cl.subjects().forEach(sr -> refs.add(sr.id()));
            cl.evidence().forEach(ev -> {
                refs.add(ev.citationId());
                refs.add(ev.sourceId());
            });
        }
        m.fetch(refs);
        List<Claim> result = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            ClaimState cl = claims.get(i);
            List<Evidence> evidence = new ArrayList<>();
            for (ClaimState.Evidence ev : cl.evidence()) {
                Row citationRow = m.row(ev.citationId());
                CitationState ct = citationRow == null ? null : m.doc(citationRow, CitationState.class);
                evidence.add(new Evidence(ev.citationId(), ev.stance(), ev.strength(), ev.note(), m.source(ev.sourceId()),
                        ct == null ? null : ct.locator(), ct == null ? null : ct.quote()));
            }
            evidence.sort(Comparator.comparing((Evidence ev) -> earliest(ev.source().date()),
                    Comparator.nullsLast(Comparator.naturalOrder())));
            long version = claimRows.stream().filter(r -> r.id().equals(cl.id())).findFirst().map(Row::version).orElse(cl.version());
            result.add(new Claim(cl.id(), version, cl.statement(), cl.status(),
                    cl.subjects().stream().map((SubjectRef sr) -> m.ref(sr.kind(), sr.id())).toList(), evidence,
                    cl.history().stream().map(h -> new StatusChange(DateView.of(h.asOf()), h.status(), h.citationId())).toList()));
        }
        return result;
    }

    private static java.time.LocalDate earliest(DateView date) {
        return date == null ? null : date.earliest();
    }

    private static boolean uncertain(String edtf) {
        var date = Edtf.parse(edtf);
        return date.uncertain() || date.approximate() || date.exactDay().isEmpty();
    }

    private static long count(Connection c, String where, String param) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select count(*) from entity where not deleted and " + where)) {
            if (param != null) {
                s.setString(1, param);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int bind(PreparedStatement s, List<Object> params) throws SQLException {
        int i = 1;
        for (Object p : params) {
            s.setObject(i++, p);
        }
        return i;
    }

    static String like(String text) {
        return "%" + text.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
