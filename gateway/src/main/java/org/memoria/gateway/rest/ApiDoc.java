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

    /** A write that needs the version the client read. */
    @Target({ METHOD, TYPE })
    @Retention(RUNTIME)
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version (or If-None-Match: * "
            + "and it exists); the ETag header has the current version. Of two writes sent with the same If-Match, "
            + "the one that commits second gets this",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "Changing or deleting an existing entity requires If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @interface Conditional {
    }

    /** A PUT whose id names an entity of another kind in the read model is refused before it is routed. */
    @Target({ METHOD, TYPE })
    @Retention(RUNTIME)
    @APIResponse(responseCode = "409", description = "The id already names an entity of another kind in the archive "
            + "(ids are unique across kinds); nothing was written",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @interface IdOfAnotherKind {
    }

    /** A DELETE refused: by the gateway for an id of another kind, or by the owner for an entity still referenced. */
    @Target({ METHOD, TYPE })
    @Retention(RUNTIME)
    @APIResponse(responseCode = "409", description = "The id names an entity of another kind in the archive, or the "
            + "owner keeps the entity because others still refer to it (the problem names them); nothing was deleted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @interface DeleteConflict {
    }

    /** The archive holds no such entity. */
    @Target({ METHOD, TYPE })
    @Retention(RUNTIME)
    @APIResponse(responseCode = "404", description = "No such entity",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @interface NotFound {
    }
}
