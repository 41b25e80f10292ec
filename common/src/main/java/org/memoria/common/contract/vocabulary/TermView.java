package org.memoria.common.contract.vocabulary;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.api.Versioned;

/**
 * A term of a managed vocabulary: its stable code, its label and scope note in the language the caller asked for
 * (Accept-Language, English when none fits), all its labels, and its SKOS relations. The change event of a term
 * carries this shape with the English label.
 */
@Schema(name = "Term", description = "A term of a managed vocabulary (a SKOS concept)")
public record TermView(
        @Schema(description = "Stable id, derived from the vocabulary and the code") UUID id,
        long version,
        @Schema(example = "event-types") String vocabulary,
        @Schema(example = "ATTACK", description = "The stable code records use; matched in any case") String code,
        @Schema(example = "attack", description = "The label in the language picked by Accept-Language") String label,
        @Schema(example = "en", description = "The language of `label`") String language,
        Map<String, String> labels,
        String scopeNote,
        Map<String, String> scopeNotes,
        String broader,
        List<URI> exactMatch,
        boolean deprecated,
        @Schema(description = "Relation types: the label read from the other end") String inverseLabel,
        Map<String, String> inverseLabels) implements Versioned {
}
