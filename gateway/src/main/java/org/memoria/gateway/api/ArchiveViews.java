package org.memoria.gateway.api;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.api.DateView;
import org.memoria.common.contract.AuthorityIds;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.sources.ClaimStatus;
import org.memoria.common.contract.sources.OtherTitle;
import org.memoria.common.contract.sources.SourceIdentifiers;
import org.memoria.common.contract.sources.Stance;
import org.memoria.common.contract.sources.Strength;

/** The gateway's composed views: what readers of the archive see. */
public final class ArchiveViews {

    private ArchiveViews() {
    }

    /** A view of one entity; its version is the ETag. */
    public interface Versioned {
        long version();
    }

    @Schema(name = "Ref", description = "A reference to an entity of the archive. `resolved` is false while the archive "
            + "has not seen the entity (or after it was deleted): the reference is shown, never dropped.")
    public record Ref(EntityKind kind, UUID id, @Schema(example = "Robert Sheldon Harte") String name, boolean resolved) {
    }

    @Schema(name = "Name")
    public record Name(@Schema(example = "Frank Jacson") String name, @Schema(example = "ALIAS", description = "A code of the name-types vocabulary (GET /api/vocabularies/name-types)") String type,
            DateView period, Ref source) {
    }

    @Schema(name = "Dossier", description = "A person composed across the archive: names and aliases with their periods, "
            + "life dates and places, memberships, relations (read from this person's side), the events they took part in "
            + "with their role (in date order), the sources they wrote, the passages about them, and the claims about them "
            + "with their status and the evidence for and against")
    public record Dossier(UUID id, long version, String preferredName, List<Name> names, DateView birth, Ref birthPlace,
            DateView death, Ref deathPlace, String description, AuthorityIds identifiers, List<Membership> memberships,
            List<Relation> relations, List<Participation> events, List<SourceSummary> sourcesAuthored,
            List<Passage> citedIn, List<Claim> claims) implements Versioned {
    }

    @Schema(name = "MembershipDetail")
    public record Membership(UUID id, long version, Ref person, Ref organisation, @Schema(example = "head of security") String role,
            DateView period) implements Versioned {
    }

    @Schema(name = "RelationDetail", description = "A relation read from one person's side")
    public record Relation(UUID id, long version, @Schema(description = "A code of the relation-types vocabulary (GET /api/vocabularies/relation-types)", example = "LIAISON") String type,
            @Schema(example = "had as liaison") String label, Ref other, DateView period, String note) implements Versioned {
    }

    @Schema(name = "Participation", description = "An event and the part played in it, with the note on that part")
    public record Participation(UUID id, String title, @Schema(description = "A code of the event-types vocabulary (GET /api/vocabularies/event-types); null when unknown") String type, DateView date, Ref place,
            @Schema(description = "A code of the participant-roles vocabulary (GET /api/vocabularies/participant-roles); null when the sources do not say", example = "ORGANISER") String role,
            @Schema(example = "let the attackers in", description = "The note on this participant's part, as written "
                    + "with the event; null when there is none") String note) {
    }

    @Schema(name = "Participant")
    public record Participant(Ref participant,
            @Schema(description = "A code of the participant-roles vocabulary (GET /api/vocabularies/participant-roles); null when the sources do not say", example = "ORGANISER") String role,
            @Schema(example = "let the attackers in", description = "The note on this participant's part") String note) {
    }

    @Schema(name = "PlaceSummary")
    public record PlaceSummary(UUID id, String name, @Schema(description = "A code of the place-types vocabulary (GET /api/vocabularies/place-types); null when unknown") String type, Double latitude, Double longitude,
            boolean resolved) {
    }

    @Schema(name = "EventSummary")
    public record EventSummary(UUID id, String title, @Schema(description = "A code of the event-types vocabulary (GET /api/vocabularies/event-types); null when unknown") String type, DateView date) {
    }

    @Schema(name = "EventDetail")
    public record EventDetail(UUID id, long version, String title, @Schema(description = "A code of the event-types vocabulary (GET /api/vocabularies/event-types); null when unknown") String type, DateView date, PlaceSummary place,
            String placeName, String description, Ref parent, List<EventSummary> children,
            List<Participant> participants, List<Passage> citedIn, List<Claim> claims) implements Versioned {
    }

    @Schema(name = "SourceSummary")
    public record SourceSummary(UUID id, String title, @Schema(description = "A code of the source-types vocabulary (GET /api/vocabularies/source-types); null when unknown") String type, DateView date, boolean resolved) {
    }

    @Schema(name = "Passage", description = "A cited passage: the source, where in it, and the quote")
    public record Passage(UUID id, long version, SourceSummary source, @Schema(example = "part 3") String locator, String quote,
            List<Ref> about) implements Versioned {
    }

    @Schema(name = "SourceDetail", description = "A source: its authors, its cited passages and what they are about, "
            + "and the claims whose evidence cites it")
    public record SourceDetail(UUID id, long version, @Schema(description = "A code of the source-types vocabulary (GET /api/vocabularies/source-types); null when unknown") String type, String title,
            @Schema(description = "Translations and other titles") List<OtherTitle> otherTitles, List<Ref> authors, DateView date,
            String publisher, String periodical, String language, SourceIdentifiers identifiers, String description,
            List<Passage> passages, List<ClaimCitation> citedAsEvidence) implements Versioned {
    }

    @Schema(name = "ClaimCitation", description = "A claim whose evidence cites a source (through one of its passages, "
            + "or naming the source directly), and how: its stance, strength and note")
    public record ClaimCitation(UUID claimId, String statement, ClaimStatus status, Stance stance,
            @Schema(description = "Null when nobody has weighed the evidence (it then counts like INDICATIVE)")
            Strength strength, String note,
            @Schema(description = "The passage cited; null when the evidence names the source directly") UUID citationId) {
    }

    @Schema(name = "EvidenceDetail", description = "One piece of evidence for or against a claim, with its source and "
            + "date, and the passage it rests on: a citation's, or its own when it names the source directly")
    public record Evidence(
            @Schema(description = "The citation it rests on; null when the evidence names its source directly")
            UUID citationId, Stance stance,
            @Schema(description = "Null when nobody has weighed it: it then counts like INDICATIVE (only CONCLUSIVE "
                    + "evidence establishes or refutes a claim)") Strength strength,
            String note,
            @Schema(description = "Always given: the citation's source, or the source named directly") UUID sourceId,
            SourceSummary source,
            @Schema(description = "The citation's locator, or the evidence's own") String locator,
            @Schema(description = "The citation's quote, or the evidence's own") String quote) {
    }

    @Schema(name = "StatusChangeDetail", description = "The status a claim took when the evidence dated `asOf` became "
            + "known: that evidence's source, and its citation when it has one")
    public record StatusChange(@Schema(example = "1975") DateView asOf, ClaimStatus status,
            @Schema(description = "Null when the evidence names its source directly") UUID citationId, UUID sourceId) {
    }

    @Schema(name = "ClaimDetail", description = "A statement, its status (derived from the evidence), the evidence in date "
            + "order, and how the status changed as the evidence appeared")
    public record Claim(UUID id, long version, @Schema(example = "Robert Sheldon Harte was a GPU agent") String statement,
            ClaimStatus status, List<Ref> subjects, List<Evidence> evidence, List<StatusChange> history) implements Versioned {
    }

    @Schema(name = "OrganisationDetail")
    public record OrganisationDetail(UUID id, long version, String preferredName, List<Name> names,
            @Schema(description = "A code of the organisation-types vocabulary (GET /api/vocabularies/organisation-types); null when unknown") String type, DateView founded, DateView dissolved, String description, AuthorityIds identifiers,
            List<Membership> members, List<Participation> events, List<SourceSummary> sourcesAuthored) implements Versioned {
    }

    @Schema(name = "PlaceDetail")
    public record PlaceDetail(UUID id, long version, String name, List<String> alternateNames, @Schema(description = "A code of the place-types vocabulary (GET /api/vocabularies/place-types); null when unknown") String type,
            Double latitude, Double longitude, Ref parent, List<Ref> children, List<EventSummary> events,
            String description) implements Versioned {
    }

    @Schema(name = "TimelineEntry", description = "An event on the timeline. `uncertain` is true when its date is "
            + "uncertain, approximate or not a single day")
    public record TimelineEntry(UUID id, String title, @Schema(description = "A code of the event-types vocabulary (GET /api/vocabularies/event-types); null when unknown") String type, DateView date, Ref place, boolean uncertain) {
    }

    @Schema(name = "UnresolvedReference", description = "A reference to an entity the archive has not seen")
    public record UnresolvedReference(Ref from, @Schema(example = "PARTICIPANT") String link, EntityKind toKind,
            UUID toId) {
    }

    @Schema(name = "SearchHit", description = "An entity that matched, with the field that matched best and why")
    public record SearchHit(EntityKind kind, UUID id, @Schema(example = "Ramón Mercader") String label,
            @Schema(example = "0.9", description = "The field's weight (name 1, other name 0.9, text 0.6) times the "
                    + "match: 2 when the whole name equals the query (case and accents aside), 1 for a matching word, "
                    + "else the similarity of the closest words (below 1)") double score,
            @Schema(example = "other name") String matchedField,
            @Schema(example = "Frank Jacson", description = "The matching text; long text is cut to the passage around "
                    + "the match, with matched words in «»") String snippet) {
    }

    /** How many of the names nearest to a query a search scores when nothing matched exactly or by whole words. */
    public static final int SEARCH_NEAREST = 100;

    @Schema(name = "SearchResult")
    public record SearchResult(String query, List<SearchHit> items, int page, int size,
            @Schema(description = "Matching entities: those named exactly or containing the query's words; when there "
                    + "are none, those with a similar name among the " + SEARCH_NEAREST
                    + " nearest to the query") long total,
            @Schema(description = "Matching entities per kind") java.util.Map<EntityKind, Long> facets) {
    }

    @Schema(name = "Anniversary", description = "An anniversary of a dated entity. When the day is known, `on` is the "
            + "anniversary day; when it is not (a month, a season, one of several days), `on` is null, "
            + "`possibleFrom`/`possibleTo` bound it and `caveat` says why.")
    public record Anniversary(@Schema(example = "2025-05-24") java.time.LocalDate on, java.time.LocalDate possibleFrom,
            java.time.LocalDate possibleTo, @Schema(example = "85") int years,
            @Schema(description = "A multiple of five years") boolean round, EntityKind kind, UUID id,
            @Schema(example = "Armed attack on Trotsky's house in Coyoacán") String title, DateView date,
            boolean dayKnown, String caveat,
            @Schema(example = "85 years since the Armed attack on Trotsky's house in Coyoacán (May 24, 1940)") String text) {
    }

    @Schema(name = "GraphNode", description = "A person, organisation or event; `resolved` is false for one the archive "
            + "has not seen, whose kind and label are then unknown")
    public record GraphNode(UUID id, EntityKind kind, String label, boolean resolved,
            @Schema(description = "Steps from the focus") int distance) {
    }

    @Schema(name = "GraphEdge", description = "MEMBERSHIP (person to organisation), RELATION (person to person, read "
            + "from `from`) or PARTICIPATION (person or organisation to event), with its role, period and note; `via` is "
            + "the membership, relation or event it comes from")
    public record GraphEdge(
            @Schema(enumeration = { "MEMBERSHIP", "RELATION", "PARTICIPATION" }, example = "MEMBERSHIP") String kind, UUID from, UUID to,
            @Schema(example = "head of security") String role, DateView period, UUID via,
            @Schema(description = "The note on a participant's part, or on a relation; null when there is none (and for "
                    + "a membership)") String note) {
    }

    @Schema(name = "Graph")
    public record Graph(UUID focus, int depth, List<GraphNode> nodes, List<GraphEdge> edges,
            @Schema(description = "true when the node bound stopped the walk") boolean truncated) {
    }
}
