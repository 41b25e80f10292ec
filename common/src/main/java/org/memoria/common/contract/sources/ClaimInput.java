package org.memoria.common.contract.sources;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
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

    /**
     * A piece of evidence: a shared passage ({@code citationId}) or the source itself ({@code sourceId}, with an
     * optional locator and quote of its own), exactly one of the two; it supports or disputes the claim, weighed or
     * not (docs/claims.md).
     */
    @Schema(name = "EvidenceInput", description = "Exactly one of `citationId` (a passage recorded as a citation) and "
            + "`sourceId` (the source itself, with an optional `locator` and `quote` of its own)")
    @EvidenceInput.OneSource
    public record EvidenceInput(
            @Schema(description = "A citation of the sources service: the passage this evidence rests on. Not with "
                    + "`sourceId`, `locator` or `quote` (the citation has them)") UUID citationId,
            @Schema(description = "A source of the sources service, named directly without a citation. Not with "
                    + "`citationId`") UUID sourceId,
            @Size(max = 200) @Schema(example = "p. 4", description = "Where in the source, when `sourceId` is given")
            String locator,
            @Size(max = 2_000) @Schema(description = "What the source says, when `sourceId` is given") String quote,
            @NotNull @Schema(example = "SUPPORTS", required = true) Stance stance,
            @Schema(example = "CONCLUSIVE", description = "How much it weighs; absent when nobody has weighed it. "
                    + "Unweighed evidence counts like INDICATIVE: only CONCLUSIVE evidence establishes or refutes a "
                    + "claim (docs/claims.md)") Strength strength,
            @Size(max = 2_000) String note) {

        /** Evidence that cites a passage, as before direct evidence existed. */
        public EvidenceInput(UUID citationId, Stance stance, Strength strength, String note) {
            this(citationId, null, null, null, stance, strength, note);
        }

        /**
         * Exactly one of citationId and sourceId; a locator or quote only with sourceId. Each violation names its
         * field ({@code evidence[0].sourceId}).
         */
        @Documented
        @Constraint(validatedBy = OneSourceValidator.class)
        @Target(ElementType.TYPE)
        @Retention(RetentionPolicy.RUNTIME)
        public @interface OneSource {
            String message() default "exactly one of citationId and sourceId";

            Class<?>[] groups() default {};

            Class<? extends Payload>[] payload() default {};
        }

        public static class OneSourceValidator implements ConstraintValidator<OneSource, EvidenceInput> {
            @Override
            public boolean isValid(EvidenceInput e, ConstraintValidatorContext context) {
                if (e == null) {
                    return true;
                }
                context.disableDefaultConstraintViolation();
                boolean valid = true;
                if (e.citationId() != null && e.sourceId() != null) {
                    valid = violation(context, "sourceId", "give either citationId or sourceId, not both: the "
                            + "citation already names its source");
                } else if (e.citationId() == null && e.sourceId() == null) {
                    valid = violation(context, "citationId", "give either citationId (a citation) or sourceId "
                            + "(the source itself)");
                }
                if (e.citationId() != null && e.locator() != null) {
                    valid = violation(context, "locator", "only with sourceId: the citation already has its locator");
                }
                if (e.citationId() != null && e.quote() != null) {
                    valid = violation(context, "quote", "only with sourceId: the citation already has its quote");
                }
                return valid;
            }

            private static boolean violation(ConstraintValidatorContext context, String field, String reason) {
                context.buildConstraintViolationWithTemplate(reason).addPropertyNode(field).addConstraintViolation();
                return false;
            }
        }
    }
}
