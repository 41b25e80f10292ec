package org.memoria.common.contract;

import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Identifiers of the entity in authority files, each validated by its format. */
@Schema(name = "AuthorityIds")
public record AuthorityIds(
        @Pattern(regexp = "Q[1-9][0-9]{0,11}", message = "must be a Wikidata item id such as Q33391")
        @Schema(example = "Q33391") String wikidata,
        @Pattern(regexp = "[1-9][0-9]{0,21}", message = "must be a VIAF id (digits) such as 100177658")
        @Schema(example = "100177658") String viaf,
        @Pattern(regexp = "(1[0123]?\\d{7}[0-9X]|[47]\\d{6}-\\d|[1-9]\\d{0,7}-[0-9X]|3\\d{7}[0-9X])",
                message = "must be a GND id such as 118623761")
        @Schema(example = "118623761") String gnd) {
}
