package org.memoria.common.contract.sources;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.contract.SubjectRef;

/**
 * Payload of {@code org.memoria.claim.changed.v1}: the claim, its evidence (with each citation's source and that
 * source's EDTF date, so consumers can order it), its derived status and the history of that status.
 */
public record ClaimState(UUID id, long version, String statement, List<SubjectRef> subjects, List<Evidence> evidence,
        ClaimStatus status, List<StatusChange> history) {

    /**
     * One piece of evidence: {@code citationId} null when it names its source directly (then {@code locator} and
     * {@code quote} are its own; with a citation they are null here, the citation has them); {@code strength} null
     * when nobody has weighed it.
     */
    public record Evidence(UUID citationId, Stance stance, Strength strength, String note, UUID sourceId,
            String sourceDate, String locator, String quote) {

        public Evidence(UUID citationId, Stance stance, Strength strength, String note, UUID sourceId,
                String sourceDate) {
            this(citationId, stance, strength, note, sourceId, sourceDate, null, null);
        }
    }

    /**
     * The status the claim took when the evidence dated {@code asOf} (EDTF) became known: that evidence's source, and
     * its citation when it has one.
     */
    public record StatusChange(String asOf, ClaimStatus status,
            @Schema(description = "The citation of the evidence that changed the status; null when that evidence "
                    + "names its source directly") UUID citationId,
            @Schema(description = "The source of the evidence that changed the status") UUID sourceId) {
    }
}
