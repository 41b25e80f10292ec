package org.memoria.common.revision;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One revision of an entity: who changed it, when, which fields, and the state it left. */
@Schema(name = "Revision")
public record RevisionView(
        @Schema(example = "42") long revision,
        Instant at,
        @Schema(example = "Ada", description = "Who made the change: the subject of their token") String author,
        @Schema(description = "The bulk import that made the change (`GET /api/imports/{id}`); absent for a change "
                + "made by a request of its own") @JsonInclude(JsonInclude.Include.NON_NULL) UUID importId,
        @Schema(example = "UPDATED") Change change,
        @Schema(description = "Top-level fields that differ from the previous revision", example = "[\"names\"]") List<String> changed,
        @Schema(description = "The entity as it was after this revision; null for a deletion") Object state) {

    public enum Change {
        CREATED, UPDATED, DELETED
    }
}
