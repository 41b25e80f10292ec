package org.memoria.gateway.rest;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.memoria.common.problem.Problem;

/** OpenAPI responses shared by the gateway's operations. */
final class ApiDoc {

    private ApiDoc() {
    }

    /** A routed write: the owner's answer is relayed; 503/504 when the owner cannot be reached. */
    @Target({ METHOD, TYPE })
    @Retention(RUNTIME)
    @APIResponse(responseCode = "400", description = "Invalid request: the problem names each rejected field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The owning service is unreachable; nothing was written",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @interface RoutedWrite {
    }
}
