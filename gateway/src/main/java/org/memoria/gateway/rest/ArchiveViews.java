package org.memoria.gateway.rest;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.api.DateView;
import org.memoria.common.contract.events.EventType;
import org.memoria.common.contract.events.ParticipantRole;
import org.memoria.common.contract.people.NameType;
import org.memoria.common.contract.sources.SourceType;

/** The gateway's composed views: what readers of the archive see. */
public final class ArchiveViews {

    private ArchiveViews() {
    }

    @Schema(name = "PersonRef", description = "A reference to a person. `resolved` is false while the gateway has not "
            + "seen the person (or after the person was deleted): the reference is shown, never dropped.")
    public record PersonRef(UUID id, @Schema(example = "Robert Sheldon Harte") String name, boolean resolved) {
    }

    @Schema(name = "PersonSummary")
    public record PersonSummary(UUID id, long version, @Schema(example = "Leon Trotsky") String preferredName,
            DateView birth, DateView death) {
    }

    @Schema(name = "Name")
    public record Name(@Schema(example = "Frank Jacson") String name, @Schema(example = "ALIAS") NameType type) {
    }

    @Schema(name = "Dossier", description = "A person composed across the archive: names, life dates, the events they "
            + "took part in (with their role, in date order) and the sources they wrote")
    public record Dossier(UUID id, long version, String preferredName, List<Name> names, DateView birth,
            DateView death, String description, List<DossierEvent> events, List<SourceSummary> sourcesAuthored) {
    }

    @Schema(name = "DossierEvent")
    public record DossierEvent(UUID id, String title, EventType type, DateView date, String placeName,
            ParticipantRole role) {
    }

    @Schema(name = "Participant")
    public record Participant(PersonRef person, @Schema(example = "GUARD_ON_DUTY") ParticipantRole role) {
    }

    @Schema(name = "EventDetail")
    public record EventDetail(UUID id, long version, String title, EventType type, DateView date, String placeName,
            String description, List<Participant> participants) {
    }

    @Schema(name = "SourceSummary")
    public record SourceSummary(UUID id, String title, SourceType type, DateView date) {
    }

    @Schema(name = "SourceDetail")
    public record SourceDetail(UUID id, long version, SourceType type, String title, List<PersonRef> authors,
            DateView date, String publisher, String url) {
    }

    @Schema(name = "TimelineEntry", description = "An event on the timeline; undated events come last")
    public record TimelineEntry(UUID id, String title, EventType type, DateView date, String placeName) {
    }
}
