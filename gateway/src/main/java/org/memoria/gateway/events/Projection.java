package org.memoria.gateway.events;

import static org.memoria.gateway.events.Links.*;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.SubjectRef;
import org.memoria.common.contract.events.EventState;
import org.memoria.common.contract.events.PlaceState;
import org.memoria.common.contract.people.MembershipState;
import org.memoria.common.contract.people.OrganisationState;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.contract.people.RelationState;
import org.memoria.common.contract.sources.CitationState;
import org.memoria.common.contract.sources.ClaimState;
import org.memoria.common.contract.sources.OtherTitle;
import org.memoria.common.contract.sources.SourceState;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the read model keeps of one entity state: the columns views sort and filter on, and the references the
 * state makes to other entities. One place knows how each payload maps; everything else reads these rows.
 */
record Projection(EntityKind kind, String label, String subtype, String date, String end, List<Link> links,
        List<Term> terms) {

    /** Text the entity is found by: which field, how much it weighs (3 name or title, 2 other name, 1 text). */
    record Term(String field, int weight, String text) {
    }

    /** A reference from this entity to another, with the role it plays (a participant's role, a relation type…). */
    record Link(String link, EntityKind toKind, UUID toId, String role) {
    }

    static Projection of(String aggregate, byte[] data, ObjectMapper mapper) throws java.io.IOException {
        return switch (aggregate) {
            case "person" -> person(mapper.readValue(data, PersonState.class));
            case "organisation" -> organisation(mapper.readValue(data, OrganisationState.class));
            case "membership" -> membership(mapper.readValue(data, MembershipState.class));
            case "relation" -> relation(mapper.readValue(data, RelationState.class));
            case "event" -> event(mapper.readValue(data, EventState.class));
            case "place" -> place(mapper.readValue(data, PlaceState.class));
            case "source" -> source(mapper.readValue(data, SourceState.class));
            case "citation" -> citation(mapper.readValue(data, CitationState.class));
            case "claim" -> claim(mapper.readValue(data, ClaimState.class));
            case "term" -> term(mapper.readValue(data, org.memoria.common.contract.vocabulary.TermView.class));
            default -> throw new IllegalArgumentException("Unknown aggregate " + aggregate);
        };
    }

    static EntityKind kindOf(String aggregate) {
        return EntityKind.valueOf(aggregate.toUpperCase(java.util.Locale.ROOT));
    }

    /** A vocabulary term: found by its code within its vocabulary, never searched. */
    private static Projection term(org.memoria.common.contract.vocabulary.TermView t) {
        return new Projection(EntityKind.TERM, t.code(), t.vocabulary(), null, null, List.of(), List.of());
    }

    private static Projection person(PersonState p) {
        List<Link> links = new ArrayList<>();
        add(links, BIRTH_PLACE, EntityKind.PLACE, p.birthPlaceId(), null);
        add(links, DEATH_PLACE, EntityKind.PLACE, p.deathPlaceId(), null);
        if (p.names() != null) {
            p.names().forEach(n -> add(links, NAME_SOURCE, EntityKind.SOURCE, n.sourceId(), n.name()));
        }
        return new Projection(EntityKind.PERSON, p.preferredName(), null, p.birthDate(), p.deathDate(), links,
                terms(p.preferredName(), p.names() == null ? List.of() : p.names().stream().map(PersonState.Name::name).toList(),
                        p.description()));
    }

    private static Projection organisation(OrganisationState o) {
        List<Link> links = new ArrayList<>();
        if (o.names() != null) {
            o.names().forEach(n -> add(links, NAME_SOURCE, EntityKind.SOURCE, n.sourceId(), n.name()));
        }
        return new Projection(EntityKind.ORGANISATION, o.preferredName(), name(o.type()), o.founded(), o.dissolved(),
                links, terms(o.preferredName(), o.names() == null ? List.of() : o.names().stream().map(PersonState.Name::name).toList(),
                        o.description()));
    }

    private static Projection membership(MembershipState m) {
        List<Link> links = new ArrayList<>();
        add(links, MEMBER, EntityKind.PERSON, m.personId(), m.role());
        add(links, OF_ORGANISATION, EntityKind.ORGANISATION, m.organisationId(), m.role());
        add(links, SOURCE, EntityKind.SOURCE, m.sourceId(), null);
        return new Projection(EntityKind.MEMBERSHIP, m.role(), null, m.period(), null, links, List.of());
    }

    private static Projection relation(RelationState r) {
        List<Link> links = new ArrayList<>();
        add(links, RELATION_FROM, EntityKind.PERSON, r.fromPersonId(), name(r.type()));
        add(links, RELATION_TO, EntityKind.PERSON, r.toPersonId(), name(r.type()));
        add(links, SOURCE, EntityKind.SOURCE, r.sourceId(), null);
        return new Projection(EntityKind.RELATION, name(r.type()), name(r.type()), r.period(), null, links, List.of());
    }

    private static Projection event(EventState e) {
        List<Link> links = new ArrayList<>();
        add(links, PLACE, EntityKind.PLACE, e.placeId(), null);
        add(links, PARENT, EntityKind.EVENT, e.parentEventId(), null);
        if (e.participants() != null) {
            for (EventState.Participant p : e.participants()) {
                if (p.personId() != null) {
                    add(links, PARTICIPANT, EntityKind.PERSON, p.personId(), name(p.role()));
                } else {
                    add(links, PARTICIPANT, EntityKind.ORGANISATION, p.organisationId(), name(p.role()));
                }
            }
        }
        return new Projection(EntityKind.EVENT, e.title(), name(e.type()), e.date(), null, links,
                terms(e.title(), e.placeName() == null ? List.of() : List.of(e.placeName()), e.description()));
    }

    private static Projection place(PlaceState p) {
        List<Link> links = new ArrayList<>();
        add(links, PARENT, EntityKind.PLACE, p.parentPlaceId(), null);
        return new Projection(EntityKind.PLACE, p.name(), name(p.type()), null, null, links,
                terms(p.name(), p.alternateNames() == null ? List.of() : p.alternateNames(), p.description()));
    }

    private static Projection source(SourceState s) {
        List<Link> links = new ArrayList<>();
        if (s.authorIds() != null) {
            s.authorIds().forEach(a -> add(links, AUTHOR, EntityKind.PERSON, a, null));
        }
        if (s.organisationAuthorIds() != null) {
            s.organisationAuthorIds().forEach(a -> add(links, AUTHOR, EntityKind.ORGANISATION, a, null));
        }
        return new Projection(EntityKind.SOURCE, s.title(), name(s.type()), s.date(), null, links,
                terms(s.title(), s.otherTitles() == null ? List.of()
                        : s.otherTitles().stream().map(OtherTitle::title).toList(), s.description()));
    }

    private static Projection citation(CitationState c) {
        List<Link> links = new ArrayList<>();
        add(links, SOURCE, EntityKind.SOURCE, c.sourceId(), c.locator());
        if (c.about() != null) {
            for (SubjectRef ref : c.about()) {
                add(links, ABOUT, ref.kind(), ref.id(), null);
            }
        }
        List<Term> terms = new ArrayList<>();
        text(terms, "quote", c.quote());
        return new Projection(EntityKind.CITATION, c.quote(), null, null, null, links, terms);
    }

    private static Projection claim(ClaimState c) {
        List<Link> links = new ArrayList<>();
        if (c.subjects() != null) {
            for (SubjectRef ref : c.subjects()) {
                add(links, SUBJECT, ref.kind(), ref.id(), null);
            }
        }
        if (c.evidence() != null) {
            for (ClaimState.Evidence e : c.evidence()) {
                if (e.citationId() != null) {
                    add(links, EVIDENCE, EntityKind.CITATION, e.citationId(), name(e.stance()));
                } else {
                    add(links, EVIDENCE, EntityKind.SOURCE, e.sourceId(), name(e.stance()));
                }
            }
        }
        List<Term> terms = new ArrayList<>();
        text(terms, "statement", c.statement());
        return new Projection(EntityKind.CLAIM, c.statement(), name(c.status()), null, null, links, terms);
    }

    private static List<Term> terms(String name, List<String> otherNames, String description) {
        List<Term> terms = new ArrayList<>();
        if (name != null && !name.isBlank()) {
            terms.add(new Term("name", 3, name));
        }
        otherNames.stream().filter(n -> n != null && !n.isBlank() && !n.equals(name)).distinct()
                .forEach(n -> terms.add(new Term("other name", 2, n)));
        text(terms, "description", description);
        return terms;
    }

    private static void text(List<Term> terms, String field, String text) {
        if (text != null && !text.isBlank()) {
            terms.add(new Term(field, 1, text));
        }
    }

    private static void add(List<Link> links, String link, EntityKind kind, UUID id, String role) {
        if (id != null && kind != null) {
            links.add(new Link(link, kind, id, role));
        }
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** A code of a managed vocabulary, as the owner spelled it. */
    private static String name(String code) {
        return code;
    }
}
