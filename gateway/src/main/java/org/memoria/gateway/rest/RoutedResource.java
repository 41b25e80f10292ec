package org.memoria.gateway.rest;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;
import org.memoria.common.api.ListFilter;
import org.memoria.common.api.Paging;
import org.memoria.common.api.ProblemResponses;
import org.memoria.common.api.Responses;
import org.memoria.common.json.MergePatch;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.common.revision.RevisionView;
import org.memoria.common.security.Roles;
import org.memoria.common.validation.Text;
import org.memoria.gateway.api.ArchiveViews.Versioned;
import org.memoria.gateway.config.GatewayConfig;
import org.memoria.gateway.linkeddata.Contexts;
import org.memoria.gateway.linkeddata.LinkedData;
import org.memoria.gateway.service.OwnerRouter;
import org.memoria.gateway.service.ViewDocuments;

/**
 * One routed collection of the archive: GET {@code /api/<collection>/<id>} answers the composed view from the read
 * model (a person's, event's, source's or claim's from its document, {@link ViewDocuments}), with a strong ETag and
 * {@code 304 Not Modified} for a client that has it; the list, an entity's revisions and its sub-resources are the owner's truth, read from the owning service
 * (docs/decisions/0017); POST, PUT, PATCH (JSON Merge Patch) and DELETE are routed to the owning service. The owner's
 * answer is relayed. A subclass names its path, its tag, its row in {@link RoutedCollection}, how its view is read,
 * and serves its list ({@link #listFromOwner}) from a method that takes its filters; {@link RoutedCollectionsDoc}
 * gives its operations their ids, summaries and schemas in the OpenAPI document.
 *
 * @param <V> the composed view its GET answers (SmallRye OpenAPI reads the response schema from it)
 */
@RolesAllowed({ Roles.ARCHIVIST, Roles.PARTNER, Roles.ADMIN })
public abstract class RoutedResource<V extends Versioned> {


    private final RoutedCollection collection;

    @Inject
    OwnerRouter router;
    @Inject
    GatewayConfig config;
    @Inject
    LinkedData linkedData;
    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;
    @Context
    Request request;
    @Inject
    ViewDocuments documents;

    protected RoutedResource(RoutedCollection collection) {
        this.collection = collection;
    }

    /** The composed view of the entity with this id, if the read model holds a live one of this collection's kind. */
    protected abstract Optional<V> view(UUID id);

    @PermitAll
    @GET
    @Path("{id}")
    @Produces({ MediaType.APPLICATION_JSON, Contexts.MEDIA_TYPE })
    @Operation(operationId = "get", summary = "", description = "") // RoutedCollectionsDoc says them per collection
    @APIResponse(responseCode = "200", description = "Found. The ETag is strong, `\"<version>.<digest>\"`: the "
            + "version of the entity (send the ETag back in If-Match to change it) and a digest of everything the view "
            + "shows, which changes when anything it shows changes")
    @APIResponse(responseCode = "304", description = "Not Modified: If-None-Match names the view's current ETag")
    @ProblemResponses.NotFound
    public RestResponse<V> get(@PathParam("id") UUID id) {
        if (Responses.prefersLinkedData(headers)) {
            return linkedData(id);
        }
        Optional<ViewDocuments.Document> view = documents.read(collection.kind, id, () -> view(id));
        if (view.isEmpty()) {
            return notTheView(Problems.notFound(collection.noun(), id, uri.getPath()));
        }
        EntityTag tag = new EntityTag(view.get().etag());
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notTheView(notModified.tag(tag).build());
        }
        return notTheView(Response.ok(view.get(), MediaType.APPLICATION_JSON_TYPE).tag(tag).build());
    }

    /**
     * The entity as JSON-LD (schema.org), when the client prefers {@code application/ld+json} to JSON: the same
     * entity, version and 404 as the JSON view. Collections without a linked-data description answer 406.
     */
    private RestResponse<V> linkedData(UUID id) {
        if (!LinkedData.KINDS.contains(collection.kind)) {
            return notTheView(Problems.response(new Problem(Problem.TYPE_BASE + Problems.slug(406), "Not Acceptable",
                    406, "JSON-LD is served for people, organisations, events, places and sources; ask for "
                            + "application/json", uri.getPath(), null)));
        }
        Optional<LinkedData.Description> description = linkedData.describe(collection.kind, id, uri.getBaseUri());
        if (description.isEmpty()) {
            return notTheView(Problems.notFound(collection.noun(), id, uri.getPath()));
        }
        return notTheView(Response.ok(description.get().document(), Contexts.MEDIA_TYPE)
                .tag(Responses.etag(description.get().version())).build());
    }

    /** A response whose body is not the view (a problem, a JSON-LD document), as this method's type. */
    @SuppressWarnings("unchecked")
    private RestResponse<V> notTheView(Response response) {
        return (RestResponse<V>) (RestResponse<?>) RestResponse.ResponseBuilder
                .create(response.getStatusInfo(), response.getEntity()).type(response.getMediaType())
                .replaceAll(response.getHeaders()).build();
    }

    /**
     * The owner's list, with the client's query as it came once its parameters are checked. A subclass serves it from a method that takes the
     * collection's filters ({@code @BeanParam}, which cannot be a type variable here), so the document declares them.
     * {@code @PermitAll} because ArC intercepts a call from the subclass too: the class's {@code @RolesAllowed} would
     * otherwise refuse an anonymous reader here, after the endpoint let them in.
     */
    @PermitAll
    protected Response listFromOwner(ListFilter filter, Paging paging) {
        filter.check(uri); // a bad parameter is the owner's 400, answered here: no hop, and the same while it is down
        paging.page();
        paging.size();
        return read("/" + collection.path);
    }

    @PermitAll
    @GET
    @Path("{id}/revisions")
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    @Operation(operationId = "revisions", summary = "", description = "")
    @APIResponse(responseCode = "200", description = "The revisions, oldest first", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
                    implementation = RevisionView.class)))
    @ProblemResponses.NotFound
    @ProblemResponses.RoutedRead
    public Response revisions(@PathParam("id") UUID id) {
        return read("/" + collection.path + "/" + id + "/revisions");
    }

    /**
     * A sub-resource of the owner's ({@code /events/{id}/children}, …); one method for all, which
     * {@link RoutedCollectionsDoc} writes out as one operation per row of {@link RoutedCollection#related}.
     */
    @PermitAll
    @GET
    @Path("{id}/{related}")
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    @Operation(operationId = "related", summary = "", description = "")
    @APIResponse(responseCode = "200", description = "A page")
    @ProblemResponses.InvalidParameter
    @ProblemResponses.NotFound
    @ProblemResponses.RoutedRead
    public Response related(@PathParam("id") UUID id, @PathParam("related") String related, @BeanParam Paging paging) {
        if (collection.related(related).isEmpty()) {
            return Problems.response(new Problem(Problem.TYPE_BASE + Problems.slug(404), "Not Found", 404, "/api/"
                    + collection.path + "/{id}/ serves " + Stream.concat(collection.related.stream()
                            .map(r -> r.text().path()), Stream.of("revisions")).collect(Collectors.joining(", "))
                    + "; not " + Text.quoted(related), uri.getPath(), null));
        }
        paging.page();
        paging.size();
        return read("/" + collection.path + "/" + id + "/" + related);
    }

    /** Reads from the owner: this path with the client's query as it came. */
    private Response read(String ownerPath) {
        String query = uri.getRequestUri().getRawQuery();
        return router.read(collection.owner.label(), owner(), query == null ? ownerPath : ownerPath + "?" + query,
                headers, uri);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    @Operation(operationId = "create", summary = "", description = "")
    @APIResponse(responseCode = "201", description = "Created; Location names the new entity in this API")
    @ProblemResponses.RoutedWrite
    public Response create(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(description = "the collection's input"))) byte[] body) {
        return router.forward(collection.owner.label(), owner(), "POST", "/" + collection.path, headers, body, uri);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    @Operation(operationId = "put", summary = "", description = "")
    @APIResponse(responseCode = "200", description = "Replaced, or unchanged")
    @APIResponse(responseCode = "201", description = "Created under this id")
    @ProblemResponses.RoutedWrite
    @ProblemResponses.Conditional
    @ProblemResponses.IdOfAnotherKind
    public Response put(@PathParam("id") UUID id, @RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(description = "the collection's input"))) byte[] body) {
        return router.forward(collection.kind, id, collection.owner.label(), owner(), "PUT",
                "/" + collection.path + "/" + id, headers, body, uri);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    @Operation(operationId = "patch", summary = "", description = "")
    @APIResponse(responseCode = "200", description = "Changed, or unchanged; the ETag is the new version")
    @ProblemResponses.NotFound
    @ProblemResponses.RoutedWrite
    @ProblemResponses.Conditional
    @ProblemResponses.IdOfAnotherKind
    public Response patch(@PathParam("id") UUID id, @RequestBody(required = true, content = @Content(
            mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(description = "the collection's input"))) byte[] body) {
        return router.forward(collection.kind, id, collection.owner.label(), owner(), "PATCH",
                "/" + collection.path + "/" + id, headers, body, uri);
    }

    @DELETE
    @Path("{id}")
    @Produces(Problem.MEDIA_TYPE)
    @Operation(operationId = "delete", summary = "", description = "")
    @APIResponse(responseCode = "204", description = "Deleted")
    @ProblemResponses.NotFound
    @ProblemResponses.RoutedWrite
    @ProblemResponses.Conditional
    @ProblemResponses.DeleteConflict
    public Response delete(@PathParam("id") UUID id) {
        return router.forward(collection.kind, id, collection.owner.label(), owner(), "DELETE",
                "/" + collection.path + "/" + id, headers, null, uri);
    }

    /** Where the owning service's replicas are reached. */
    private List<URI> owner() {
        return collection.replicas(config);
    }
}
