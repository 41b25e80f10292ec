package org.memoria.common.contract.vocabulary;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A term of a managed vocabulary as an admin writes it (a SKOS concept): labels by language, a scope note, a broader
 * term of the same vocabulary, and the same concept elsewhere. The code is the path's.
 */
@Schema(name = "TermInput", description = "A vocabulary term (a SKOS concept) as an admin writes it; the code is in the path")
public record TermInput(
        @NotEmpty @Size(max = 20)
        @Schema(required = true, description = "skos:prefLabel by BCP 47 language tag; English (`en`) is required",
                example = "{\"en\": \"attack\", \"es\": \"ataque\"}")
        Map<@NotNull @Size(min = 2, max = 35) String, @NotNull @Size(min = 1, max = 200) String> labels,
        @Size(max = 20)
        @Schema(description = "skos:scopeNote by language: what the term covers and what it does not",
                example = "{\"en\": \"An armed assault on people or a building\"}")
        Map<@NotNull @Size(min = 2, max = 35) String, @NotNull @Size(min = 1, max = 2_000) String> scopeNotes,
        @Size(max = 30) @Schema(description = "skos:broader: the code of a broader term of the same vocabulary",
                example = "MURDER") String broader,
        @Size(max = 20)
        @Schema(description = "skos:exactMatch: the same concept in another vocabulary (Wikidata, Getty AAT), "
                + "absolute http(s) URIs")
        List<@NotNull URI> exactMatch,
        @Schema(description = "A deprecated term stays valid for the records that use it but is no longer offered "
                + "(never suggested for an unknown code); false when absent")
        Boolean deprecated,
        @Size(max = 20)
        @Schema(description = "Relation types only: the label read from the other end (\"handled by\" for HANDLER)",
                example = "{\"en\": \"handled by\"}")
        Map<@NotNull @Size(min = 2, max = 35) String, @NotNull @Size(min = 1, max = 200) String> inverseLabels) {

    public TermInput {
        labels = labels == null ? Map.of() : labels;
        scopeNotes = scopeNotes == null ? Map.of() : scopeNotes;
        exactMatch = exactMatch == null ? List.of() : exactMatch;
        inverseLabels = inverseLabels == null ? Map.of() : inverseLabels;
    }

    @jakarta.validation.constraints.AssertTrue(message = "must have an English (en) label")
    @Schema(hidden = true)
    public boolean isEnglishLabelled() {
        return labels.isEmpty() || labels.containsKey("en");
    }

    @jakarta.validation.constraints.AssertTrue(message = "every exactMatch must be an absolute http or https URI")
    @Schema(hidden = true)
    public boolean isExactMatchHttp() {
        return exactMatch.stream().allMatch(u -> u != null && u.isAbsolute() && u.getHost() != null
                && ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.toString().length() <= 500);
    }
}
