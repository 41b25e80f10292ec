package org.memoria.common.api;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.memoria.common.problem.Problem;

/**
 * The problem responses every service documents the same way, once (SmallRye OpenAPI reads these meta-annotations):
 * the owners' and the gateway's.
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    @Target({ METHOD, TYPE })
    @Retention(RUNTIME)
    @APIResponse(responseCode = "404", description = "No entity with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface NotFound {
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
    public @interface Conditional {
    }

    /** A create that a client may retry safely with an Idempotency-Key (the header: docs/api.md). */
    @Target({ METHOD, TYPE })
    @Retention(RUNTIME)
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used before for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface IdempotentCreate {
    }

    /** A write the gateway routes to the owning service: the owner's answer is relayed; 503 when it cannot be reached. */
    @Target({ METHOD, TYPE })
    @Retention(RUNTIME)
    @APIResponse(responseCode = "400", description = "Invalid request: the problem names each rejected field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The owning service is unreachable; nothing was written",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface RoutedWrite {
    }

    /**
     * A read the gateway routes to the owning service (a list, revisions, a sub-resource): the owner's answer is
     * relayed; 503 when no replica of it answers.
     */
    @Target({ METHOD, TYPE })
    @Retention(RUNTIME)
    @APIResponse(responseCode = "503", description = "The owning service is unreachable (no replica answered); "
            + "Retry-After says when to try again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface RoutedRead {
    }

    /** A list whose query parameters (filters, page, size) are checked: a bad one is named. */
    @Target({ METHOD, TYPE })
    @Retention(RUNTIME)
    @APIResponse(responseCode = "400", description = "Invalid request: the problem names each rejected parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface InvalidParameter {
    }

    /** A PUT through the gateway whose id names an entity of another kind in the read model is refused before it is routed. */
    @Target({ METHOD, TYPE })
    @Retention(RUNTIME)
    @APIResponse(responseCode = "409", description = "The id already names an entity of another kind in the archive "
            + "(ids are unique across kinds); nothing was written",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface IdOfAnotherKind {
    }

    /** A DELETE through the gateway refused: by the gateway for an id of another kind, or by the owner for an entity still referenced. */
    @Target({ METHOD, TYPE })
    @Retention(RUNTIME)
    @APIResponse(responseCode = "409", description = "The id names an entity of another kind in the archive, or the "
            + "owner keeps the entity because others still refer to it (the problem names them); nothing was deleted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface DeleteConflict {
    }
}
