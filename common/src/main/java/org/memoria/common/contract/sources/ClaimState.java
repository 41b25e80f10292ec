package org.memoria.common.contract.sources;

import java.util.List;
import java.util.UUID;

import org.memoria.common.contract.SubjectRef;

/**
 * Payload of {@code org.memoria.claim.changed.v1}: the claim, its evidence (with each citation's source and that
 * source's EDTF date, so consumers can order it), its derived status and the history of that status.
 */
public record ClaimState(UUID id, long version, String statement, List<SubjectRef> subjects, List<Evidence> evidence,
        ClaimStatus status, List<StatusChange> history) {

    public record Evidence(UUID citationId, Stance stance, Strength strength, String note, UUID sourceId,
            String sourceDate) {
    }

    /** The status the claim took when the evidence dated {@code asOf} (EDTF) became known. */
    public record StatusChange(String asOf, ClaimStatus status, UUID citationId) {
    }
}
