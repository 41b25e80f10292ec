package org.memoria.gateway.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.memoria.common.api.DateView;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.SubjectRef;
import org.memoria.common.contract.events.EventState;
import org.memoria.common.contract.people.MembershipState;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.contract.people.RelationState;
import org.memoria.common.contract.sources.CitationState;
import org.memoria.common.contract.sources.ClaimState;
import org.memoria.common.edtf.Edtf;
import org.memoria.gateway.api.ArchiveViews.Claim;
import org.memoria.gateway.api.ArchiveViews.EventSummary;
import org.memoria.gateway.api.ArchiveViews.Evidence;
import org.memoria.gateway.api.ArchiveViews.Membership;
import org.memoria.gateway.api.ArchiveViews.Name;
import org.memoria.gateway.api.ArchiveViews.Participation;
import org.memoria.gateway.api.ArchiveViews.Passage;
import org.memoria.gateway.api.ArchiveViews.Relation;
import org.memoria.gateway.api.ArchiveViews.StatusChange;
import org.memoria.gateway.service.ReadModel.Row;

/** How the composed views are put together from read-model rows: the parts several views share. */
final class Compose {

    private Compose() {
    }

    static List<Name> names(List<PersonState.Name> names, ReadModel m) {
        return names.stream().map(n -> new Name(n.name(), n.type(), DateView.of(n.period()),
                m.ref(EntityKind.SOURCE, n.sourceId()))).toList();
    }

    static Membership membership(MembershipState ms, ReadModel m) {
        return new Membership(ms.id(), ms.version(), m.ref(EntityKind.PERSON, ms.personId()),
                m.ref(EntityKind.ORGANISATION, ms.organisationId()), ms.role(), DateView.of(ms.period()));
    }

    static Relation relation(RelationState r, UUID side, ReadModel m) throws java.sql.SQLException {
        boolean from = r.fromPersonId().equals(side);
        return new Relation(r.id(), r.version(), r.type(), m.relationLabel(r.type(), !from),
                m.ref(EntityKind.PERSON, from ? r.toPersonId() : r.fromPersonId()), DateView.of(r.period()), r.note());
    }

    /**
     * The events {@code participant} (a person or an organisation) took part in, one per part played (the rows that
     * link the events to it, in date order), each with its role and the note on that part.
     */
    static List<Participation> participations(UUID participant, List<Row> eventRows, ReadModel m) throws SQLException {
        List<EventState> events = eventRows.stream().map(r -> m.doc(r, EventState.class)).toList();
        m.fetch(events.stream().map(EventState::placeId).toList());
        List<Participation> result = new ArrayList<>();
        Map<UUID, Set<Integer>> used = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            EventState e = events.get(i);
            String role = eventRows.get(i).role();
            result.add(new Participation(e.id(), e.title(), e.type(), DateView.of(e.date()),
                    m.ref(EntityKind.PLACE, e.placeId()), role,
                    note(e, participant, role, used.computeIfAbsent(e.id(), k -> new HashSet<>()))));
        }
        return result;
    }

    /**
     * The note of the participant's part with this role in the event: its first part with the role not yet shown
     * ({@code used}, the positions already taken), as the read model links one row per part.
     */
    static String note(EventState e, UUID participant, String role, Set<Integer> used) {
        if (e.participants() == null) {
            return null;
        }
        for (int i = 0; i < e.participants().size(); i++) {
            EventState.Participant p = e.participants().get(i);
            if ((participant.equals(p.personId()) || participant.equals(p.organisationId()))
                    && Objects.equals(p.role() == null ? null : String.valueOf(p.role()), role)
                    && used.add(i)) {
                return p.note();
            }
        }
        return null;
    }

    static EventSummary eventSummary(Row r) {
        return new EventSummary(r.id(), r.label(), r.subtype(),
                DateView.of(r.date()));
    }

    static List<Passage> passages(List<Row> citationRows, ReadModel m) throws SQLException {
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

    static List<Claim> claims(List<Row> claimRows, ReadModel m) throws SQLException {
        List<ClaimState> claims = claimRows.stream().distinct().map(r -> m.doc(r, ClaimState.class)).toList();
        Set<UUID> refs = new HashSet<>();
        for (ClaimState cl : claims) {
            cl.subjects().forEach(sr -> refs.add(sr.id()));
            cl.evidence().forEach(ev -> {
                if (ev.citationId() != null) {
                    refs.add(ev.citationId());
                }
                refs.add(ev.sourceId());
            });
        }
        m.fetch(refs);
        List<Claim> result = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            ClaimState cl = claims.get(i);
            List<Evidence> evidence = new ArrayList<>();
            for (ClaimState.Evidence ev : cl.evidence()) {
                // evidence that names its source directly carries its own locator and quote; a citation has them
                Row citationRow = m.row(ev.citationId());
                CitationState ct = citationRow == null ? null : m.doc(citationRow, CitationState.class);
                boolean direct = ev.citationId() == null;
                evidence.add(new Evidence(ev.citationId(), ev.stance(), ev.strength(), ev.note(), ev.sourceId(),
                        m.source(ev.sourceId()), direct ? ev.locator() : ct == null ? null : ct.locator(),
                        direct ? ev.quote() : ct == null ? null : ct.quote()));
            }
            evidence.sort(Comparator.comparing((Evidence ev) -> earliest(ev.source().date()),
                    Comparator.nullsLast(Comparator.naturalOrder())));
            long version = claimRows.stream().filter(r -> r.id().equals(cl.id())).findFirst().map(Row::version).orElse(cl.version());
            result.add(new Claim(cl.id(), version, cl.statement(), cl.status(),
                    cl.subjects().stream().map((SubjectRef sr) -> m.ref(sr.kind(), sr.id())).toList(), evidence,
                    cl.history().stream().map(h -> new StatusChange(DateView.of(h.asOf()), h.status(), h.citationId(),
                            h.sourceId())).toList()));
        }
        return result;
    }

    private static java.time.LocalDate earliest(DateView date) {
        return date == null ? null : date.earliest();
    }

    static boolean uncertain(String edtf) {
        var date = Edtf.parse(edtf);
        return date.uncertain() || date.approximate() || date.exactDay().isEmpty();
    }

    static long count(Connection c, String where, String param) throws SQLException {
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

    static int bind(PreparedStatement s, List<Object> params) throws SQLException {
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
