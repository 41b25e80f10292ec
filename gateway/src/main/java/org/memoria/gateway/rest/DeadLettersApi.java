package org.memoria.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.security.Roles;
import org.memoria.common.api.Page;
import org.memoria.common.api.Paging;
import org.memoria.common.api.QueryParameters;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.gateway.events.DeadLetters;
import org.memoria.gateway.events.DeadLetters.DeadLetter;
import org.memoria.gateway.events.DeadLetters.Status;

/** /api/admin/dead-letters: the change events the read model could not apply, set aside so that the rest flows. */
@RolesAllowed(Roles.ADMIN)
@Path("/api/admin/dead-letters")
@Tag(name = "admin", description = "Operating the read model")
public class DeadLettersApi {

    private static final String WHAT = "dead letter";

    @Inject
    DeadLetters deadLetters;
    @Context
    UriInfo uri;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listDeadLetters", summary = "List dead letters",
            description = "Change events the projector could not apply (a payload that does not parse, a value the "
                    + "database cannot store such as a NUL character or an unpaired surrogate, an id that already "
                    + "names an entity of another kind…), with the reason, in the order they were set aside. Each was "
                    + "set aside in the transaction that moved past it, so every other event kept flowing.")
    @APIResponse(responseCode = "200", description = "A page of dead letters")
    @APIResponse(responseCode = "400", description = "Invalid query parameter: the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<DeadLetters.DeadLetterSummary> list(
            @Parameter(description = "Only dead letters with this status (all when absent)",
                    schema = @Schema(implementation = Status.class)) @QueryParam("status") String status,
            @Parameter(description = "Only dead letters about this entity id (the record's ce_subject)")
            @QueryParam("subject") String subject,
            @BeanParam Paging paging) {
        return deadLetters.list(QueryParameters.enumValue(uri, "status", status, Status.class),
                QueryParameters.text(uri, "subject", subject), paging.page(), paging.size());
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getDeadLetter", summary = "A dead letter",
            description = "The Kafka record as it came (topic, partition, offset, key, CloudEvents headers, value), why "
                    + "it could not be applied, how many times it was tried, and what became of it.")
    @APIResponse(responseCode = "200", description = "Found",
            content = @Content(schema = @Schema(implementation = DeadLetter.class)))
    @APIResponse(responseCode = "404", description = "No such dead letter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") long id) {
        return deadLetters.get(id).map(d -> Response.ok(d).build())
                .orElseGet(() -> Problems.notFound(WHAT, id, uri.getPath()));
    }

    @POST
    @Path("{id}/retry")
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    @Operation(operationId = "retryDeadLetter", summary = "Apply a dead letter again",
            description = "Applies the record to the read model now (after a fix, say), as the projector would: an id "
                    + "that names an entity of another kind is still refused, and the per-entity version guard holds, "
                    + "so an older event never overwrites a newer state. If it applies, or the read model already holds "
                    + "that version of the entity or a newer one, the dead letter is resolved (`resolution` says which); "
                    + "otherwise it stays open with the new reason and one more attempt. The answer is the dead letter "
                    + "after the attempt.")
    @APIResponse(responseCode = "200", description = "Tried: `status` is RESOLVED, or still OPEN with the new reason",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeadLetter.class)))
    @APIResponse(responseCode = "409", description = "The dead letter is already resolved or discarded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such dead letter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response retry(@PathParam("id") long id) {
        DeadLetter current = deadLetters.get(id).orElse(null);
        if (current == null) {
            return Problems.notFound(WHAT, id, uri.getPath());
        }
        if (current.status() != Status.OPEN) {
            return closed(current);
        }
        return deadLetters.retry(id).map(d -> Response.ok(d).build())
                .orElseGet(() -> Problems.notFound(WHAT, id, uri.getPath()));
    }

    @DELETE
    @Path("{id}")
    @Produces(Problem.MEDIA_TYPE)
    @Operation(operationId = "discardDeadLetter", summary = "Discard a dead letter",
            description = "Gives up on the record: the dead letter stays listed as DISCARDED (no longer open), and a "
                    + "rebuild that meets the record again leaves it so. A resolved or discarded one is left as it is.")
    @APIResponse(responseCode = "204", description = "Discarded")
    @APIResponse(responseCode = "404", description = "No such dead letter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response discard(@PathParam("id") long id) {
        return deadLetters.discard(id) ? Response.noContent().build() : Problems.notFound(WHAT, id, uri.getPath());
    }

    private Response closed(DeadLetter letter) {
        return Problems.response(new Problem(Problem.TYPE_BASE + "conflict", "Dead letter closed", 409,
                "Dead letter " + letter.id() + " is already " + letter.status().name().toLowerCase(java.util.Locale.ROOT)
                        + " (" + letter.resolution() + "); there is nothing to retry", uri.getPath(), null));
    }
}
