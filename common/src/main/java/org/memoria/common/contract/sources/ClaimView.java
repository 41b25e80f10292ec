package org.memoria.common.contract.sources;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.api.DateView;
import org.memoria.common.api.Versioned;
import org.memoria.common.contract.SubjectRef;
import org.memoria.common.contract.sources.ClaimState;
import org.memoria.common.contract.sources.ClaimStatus;
import org.memoria.common.contract.sources.Stance;
import org.memoria.common.contract.sources.Strength;

/** A claim as the sources service answers it: its evidence in date order, its derived status and how it got there. */
@Schema(name = "Claim")
public record ClaimView(UUID id, @Schema(description = "Grows with every change; the ETag") long version,
        @Schema(example = "Robert Sheldon Harte was a GPU agent") String statement, List<SubjectRef> subjects,
        @Schema(description = "Ordered by the date of each evidence's source (undated last)") List<EvidenceView> evidence,
        @Schema(example = "ESTABLISHED", description = "Derived from the evidence (docs/claims.md); never written")
        ClaimStatus status,
        @Schema(description = "Each change of the status as the dated evidence accumulated, oldest first")
        List<ClaimState.StatusChange> history,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) implements Versioned {

    /** One piece of evidence with its source and the passage it rests on (a citation's, or its own). */
    @Schema(name = "ClaimEvidence")
    public record EvidenceView(
            @Schema(description = "The citation it rests on; null when the evidence names its source directly")
            UUID citationId, @Schema(example = "SUPPORTS") Stance stance,
            @Schema(example = "CONCLUSIVE", description = "Null when nobody has weighed it: it then counts like "
                    + "INDICATIVE (docs/claims.md)") Strength strength, String note,
            @Schema(description = "Always given: the citation's source, or the source named directly") UUID sourceId,
            @Schema(example = "Venona decrypted Soviet intelligence cables") String sourceTitle, DateView sourceDate,
            @Schema(description = "The citation's locator, or the evidence's own") String locator,
            @Schema(description = "The citation's quote, or the evidence's own") String quote) {
    }
}
