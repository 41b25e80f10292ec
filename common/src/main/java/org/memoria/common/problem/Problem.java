package org.memoria.common.problem;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem detail, served as {@code application/problem+json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem detail")
public record Problem(
        @Schema(example = "https://memoria.example/problems/validation") String type,
        @Schema(example = "Invalid request") String title,
        @Schema(example = "400") int status,
        @Schema(example = "preferredName: must not be blank") String detail,
        @Schema(example = "/people") String instance,
        @Schema(description = "One entry per rejected field") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://memoria.example/problems/";

    /** The same problem, about this request path. */
    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    /** A rejected field: its path in the request and why. */
    public record FieldError(@Schema(example = "birthDate") String field,
            @Schema(example = "invalid EDTF date '1940-13' at position 5: month must be 01-12") String reason) {
    }
}
