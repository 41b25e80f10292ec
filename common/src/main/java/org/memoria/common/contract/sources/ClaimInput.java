package org.memoria.common.contract.sources;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.contract.SubjectRef;

/**
 * A statement about people or events, with the evidence for and against it. Its status is not written: it is
 * derived from the evidence (docs/claims.md).
 */
@Schema(name = "ClaimInput")
public record ClaimInput(
        @NotBlank @Size(max = 2_000) @Schema(example = "Robert Sheldon Harte was a GPU agent", required = true) String statement,
        @Size(max = 50) List<@Valid @NotNull SubjectRef> subjects,
        @Size(max = 200) List<@Valid @NotNull EvidenceInput> evidence) {

    public ClaimInput {
        subjects = subjects == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(subjects));
        evidence = evidence == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(evidence));
    }

    /** A citation (must exist in the sources service) that supports or disputes the claim. */
    @Schema(name = "EvidenceInput")
    public record EvidenceInput(
            @NotNull @Schema(required = true) UUID citationId,
            @NotNull @Schema(example = "SUPPORTS", required = true) Stance stance,
            @Schema(example = "CONCLUSIVE", description = "INDICATIVE when absent") Strength strength,
            @Size(max = 2_000) String note) {
    }
}
