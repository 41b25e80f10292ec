package org.memoria.common.contract.sources;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Another title a source goes by: a translation, the title in its original language, a later edition's title. The
 * source is found by each of them as by its title.
 */
@Schema(name = "OtherTitle", description = "Another title of the source (a translation, the original-language title, "
        + "another edition's), in its language when known")
public record OtherTitle(
        @NotBlank @Size(max = 500) @Schema(example = "Stalin busca mi muerte", required = true) String title,
        @Pattern(regexp = "[a-z]{2,3}", message = "must be an ISO 639 language code such as en")
        @Schema(example = "es", description = "ISO 639 code") String language) {
}
