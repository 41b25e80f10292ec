package org.memoria.gateway.linkeddata;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.api.DateView;
import org.memoria.common.contract.AuthorityIds;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.sources.OtherTitle;
import org.memoria.common.contract.sources.SourceType;
import org.memoria.common.contract.sources.SourceIdentifiers;
import org.memoria.gateway.api.ArchiveViews.Dossier;
import org.memoria.gateway.api.ArchiveViews.EventDetail;
import org.memoria.gateway.api.ArchiveViews.Name;
import org.memoria.gateway.api.ArchiveViews.OrganisationDetail;
import org.memoria.gateway.api.ArchiveViews.Participant;
import org.memoria.gateway.api.ArchiveViews.PlaceDetail;
import org.memoria.gateway.api.ArchiveViews.Ref;
import org.memoria.gateway.api.ArchiveViews.SourceDetail;
import org.memoria.gateway.service.ChangeFeed;
import org.memoria.gateway.service.DossierQuery;
import org.memoria.gateway.service.EventQuery;
import org.memoria.gateway.service.OrganisationQuery;
import org.memoria.gateway.service.PlaceQuery;
import org.memoria.gateway.service.SourceQuery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An entity of the archive as linked data: a JSON-LD document in schema.org terms, made from the same composed view
 * its JSON GET answers (docs/decisions/0016-linked-data.md). Every node has an IRI (the entity's URL in this API, or
 * that URL with a fragment for its dates, coordinates, publisher…), so that the documents of many entities can be
 * merged, as the export does, without blank nodes colliding.
 *
 * <p>Dates: the EDTF string is always kept, with its earliest and latest day, in an {@code EdtfDate} node of our own
 * context ({@code birthDateEdtf}, {@code dateEdtf}, …); the schema.org date ({@code birthDate}, {@code startDate}, …)
 * is given only where the EDTF is a plain calendar date, year-month or year, which schema.org's {@code Date} means
 * exactly. An uncertain, approximate, unspecified or seasonal date, or one of a set, gets no schema.org date.
 */
@ApplicationScoped
public class LinkedData {

    /** The kinds described as linked data; the others (claims, citations, memberships, relations) are not yet. */
    public static final Set<EntityKind> KINDS = EnumSet.of(EntityKind.PERSON, EntityKind.ORGANISATION,
            EntityKind.EVENT, EntityKind.PLACE, EntityKind.SOURCE);

    /** A plain ISO 8601 calendar date, year-month or year (four digits): what schema.org's {@code Date} says. */
    private static final Pattern PLAIN = Pattern.compile("\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?");

    /** A document and the version of the entity it describes (its ETag). */
    public record Description(long version, ObjectNode document) {
    }

    @Inject
    DossierQuery dossiers;
    @Inject
    OrganisationQuery organisations;
    @Inject
    EventQuery events;
    @Inject
    PlaceQuery places;
    @Inject
    SourceQuery sources;
    @Inject
    ObjectMapper json;

    /** The live entity of this kind with this id, described; empty if there is none or its kind is not described. */
    public Optional<Description> describe(EntityKind kind, UUID id, URI base) {
        return switch (kind) {
            case PERSON -> dossiers.find(id).map(d -> new Description(d.version(), person(d, base)));
            case ORGANISATION -> organisations.find(id).map(o -> new Description(o.version(), organisation(o, base)));
            case EVENT -> events.find(id).map(e -> new Description(e.version(), event(e, base)));
            case PLACE -> places.find(id).map(p -> new Description(p.version(), place(p, base)));
            case SOURCE -> sources.find(id).map(s -> new Description(s.version(), source(s, base)));
            default -> Optional.empty();
        };
    }

    /** The schema.org date of an EDTF string: itself when it is a plain date, year-month or year; else null. */
    static String plainDate(String edtf) {
        return edtf != null && PLAIN.matcher(edtf).matches() ? edtf : null;
    }

    /** The entity's IRI: its URL in this API. */
    static String iri(URI base, EntityKind kind, UUID id) {
        return ChangeFeed.entityUrl(base, kind, id).toString();
    }

    private ObjectNode person(Dossier d, URI base) {
        String self = iri(base, EntityKind.PERSON, d.id());
        ObjectNode doc = document(base, self, "Person");
        doc.put("name", d.preferredName());
        strings(doc, "alternateName", otherNames(d.preferredName(), d.names()));
        date(doc, self, "birthDate", d.birth());
        date(doc, self, "deathDate", d.death());
        refs(doc, "birthPlace", nonNull(d.birthPlace()), base);
        refs(doc, "deathPlace", nonNull(d.deathPlace()), base);
        refs(doc, "memberOf", d.memberships().stream().map(m -> m.organisation()).toList(), base);
        text(doc, "description", d.description());
        sameAs(doc, d.identifiers());
        return doc;
    }

    private ObjectNode organisation(OrganisationDetail o, URI base) {
        String self = iri(base, EntityKind.ORGANISATION, o.id());
        ObjectNode doc = document(base, self, "Organization");
        doc.put("name", o.preferredName());
        strings(doc, "alternateName", otherNames(o.preferredName(), o.names()));
        date(doc, self, "foundingDate", o.founded());
        date(doc, self, "dissolutionDate", o.dissolved());
        refs(doc, "member", o.members().stream().map(m -> m.person()).toList(), base);
        text(doc, "description", o.description());
        sameAs(doc, o.identifiers());
        return doc;
    }

    private ObjectNode event(EventDetail e, URI base) {
        String self = iri(base, EntityKind.EVENT, e.id());
        ObjectNode doc = document(base, self, "Event");
        doc.put("name", e.title());
        if (e.date() != null) {
            String edtf = e.date().edtf();
            // an interval's ends are EDTF dates themselves; a single date is both the start and the end
            String[] ends = edtf.contains("/") ? edtf.split("/", 2) : new String[] { edtf, edtf };
            text(doc, "startDate", plainDate(ends[0]));
            text(doc, "endDate", plainDate(ends[1]));
            doc.set("dateEdtf", edtf(self + "#date", e.date()));
        }
        if (e.place() != null) {
            doc.put("location", iri(base, EntityKind.PLACE, e.place().id()));
        } else if (e.placeName() != null) {
            ObjectNode place = doc.putObject("location").put("@id", self + "#location").put("@type", "Place");
            place.put("name", e.placeName());
        }
        List<Ref> organisers = new ArrayList<>();
        List<Ref> attendees = new ArrayList<>();
        ArrayNode participations = json.createArrayNode();
        for (int i = 0; i < e.participants().size(); i++) {
            Participant p = e.participants().get(i);
            ("ORGANISER".equals(p.role()) ? organisers : attendees).add(p.participant());
            ObjectNode participation = participations.addObject().put("@id", self + "#participant-" + i)
                    .put("@type", "Participation")
                    .put("participant", iri(base, p.participant().kind(), p.participant().id()))
                    .put("role", p.role());
            text(participation, "description", p.note());
        }
        refs(doc, "organizer", organisers, base);
        refs(doc, "attendee", attendees, base);
        if (!participations.isEmpty()) {
            doc.set("participation", participations);
        }
        refs(doc, "superEvent", nonNull(e.parent()), base);
        strings(doc, "subEvent", e.children().stream().map(c -> iri(base, EntityKind.EVENT, c.id())).toList());
        text(doc, "description", e.description());
        return doc;
    }

    private ObjectNode place(PlaceDetail p, URI base) {
        String self = iri(base, EntityKind.PLACE, p.id());
        ObjectNode doc = document(base, self, "Place");
        doc.put("name", p.name());
        strings(doc, "alternateName", p.alternateNames());
        if (p.latitude() != null && p.longitude() != null) {
            doc.putObject("geo").put("@id", self + "#geo").put("@type", "GeoCoordinates")
                    .put("latitude", p.latitude()).put("longitude", p.longitude());
        }
        refs(doc, "containedInPlace", nonNull(p.parent()), base);
        refs(doc, "containsPlace", p.children(), base);
        text(doc, "description", p.description());
        return doc;
    }

    private ObjectNode source(SourceDetail s, URI base) {
        String self = iri(base, EntityKind.SOURCE, s.id());
        String type = s.type() == null ? null : switch (s.type()) {
            case SourceType.ARTICLE -> "Article";
            case SourceType.BOOK -> "Book";
            case SourceType.REPORT -> "Report";
            default -> null;
        };
        ObjectNode doc = document(base, self, "CreativeWork");
        if (type != null) {
            doc.putArray("@type").add("CreativeWork").add(type);
        }
        doc.put("name", s.title());
        if (!s.otherTitles().isEmpty()) { // in their language, where it is known
            ArrayNode titles = doc.putArray("alternateName");
            for (OtherTitle t : s.otherTitles()) {
                if (t.language() == null) {
                    titles.add(t.title());
                } else {
                    titles.addObject().put("@value", t.title()).put("@language", t.language());
                }
            }
        }
        text(doc, "genre", s.type() == null ? null : s.type().toLowerCase().replace('_', ' '));
        refs(doc, "author", s.authors(), base);
        date(doc, self, "datePublished", s.date());
        if (s.publisher() != null) {
            doc.putObject("publisher").put("@id", self + "#publisher").put("@type", "Organization")
                    .put("name", s.publisher());
        }
        if (s.periodical() != null) {
            doc.putObject("isPartOf").put("@id", self + "#periodical").put("@type", "Periodical")
                    .put("name", s.periodical());
        }
        text(doc, "inLanguage", s.language());
        SourceIdentifiers ids = s.identifiers();
        if (ids != null) {
            text(doc, "url", ids.url());
            text(doc, "isbn", ids.isbn());
            text(doc, "sameAs", ids.doi() == null ? null : "https://doi.org/" + ids.doi());
            text(doc, "identifier", ids.archiveReference());
        }
        refs(doc, "about", s.passages().stream().flatMap(p -> p.about().stream()).toList(), base);
        text(doc, "description", s.description());
        return doc;
    }

    private ObjectNode document(URI base, String self, String type) {
        ObjectNode doc = json.createObjectNode();
        ArrayNode context = doc.putArray("@context");
        Contexts.urls(base).forEach(context::add);
        return doc.put("@id", self).put("@type", type);
    }

    /**
     * {@code <property>}, the schema.org date, where the EDTF is plain; always {@code <property>Edtf}, the EDTF string
     * with its bounds.
     */
    private void date(ObjectNode doc, String self, String property, DateView date) {
        if (date == null) {
            return;
        }
        text(doc, property, plainDate(date.edtf()));
        doc.set(property + "Edtf", edtf(self + "#" + property, date));
    }

    private ObjectNode edtf(String id, DateView date) {
        ObjectNode node = json.createObjectNode().put("@id", id).put("@type", "EdtfDate").put("edtf", date.edtf());
        text(node, "earliest", date.earliest() == null ? null : date.earliest().toString());
        text(node, "latest", date.latest() == null ? null : date.latest().toString());
        text(node, "display", date.display());
        node.put("uncertain", date.uncertain()).put("approximate", date.approximate());
        return node;
    }

    /** Authority files' ids as the entity URIs those files publish. */
    private static void sameAs(ObjectNode doc, AuthorityIds ids) {
        if (ids == null) {
            return;
        }
        List<String> uris = new ArrayList<>();
        if (ids.wikidata() != null) {
            uris.add("http://www.wikidata.org/entity/" + ids.wikidata());
        }
        if (ids.viaf() != null) {
            uris.add("http://viaf.org/viaf/" + ids.viaf());
        }
        if (ids.gnd() != null) {
            uris.add("https://d-nb.info/gnd/" + ids.gnd());
        }
        strings(doc, "sameAs", uris);
    }

    private static List<String> otherNames(String preferred, List<Name> names) {
        return names.stream().map(Name::name).filter(n -> n != null && !n.equals(preferred)).toList();
    }

    private static List<Ref> nonNull(Ref ref) {
        return ref == null ? List.of() : List.of(ref);
    }

    private static void refs(ObjectNode doc, String property, Collection<Ref> refs, URI base) {
        strings(doc, property, refs.stream().filter(r -> r != null && r.kind() != null).map(r -> iri(base, r.kind(), r.id())).toList());
    }

    /** One value as a string, several as an array, none: nothing (duplicates said once). */
    private static void strings(ObjectNode doc, String property, Collection<String> values) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(values));
        if (distinct.size() == 1) {
            doc.put(property, distinct.get(0));
        } else if (!distinct.isEmpty()) {
            ArrayNode array = doc.putArray(property);
            distinct.forEach(array::add);
        }
    }

    private static void text(ObjectNode doc, String property, String value) {
        if (value != null && !value.isBlank()) {
            doc.put(property, value);
        }
    }
}
