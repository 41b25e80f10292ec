package org.memoria.common.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.memoria.common.api.Batch;
import org.memoria.common.api.IdempotencyKey;
import org.memoria.common.api.Preconditions;
import org.memoria.common.api.ProblemResponses;
import org.memoria.common.api.Responses;
import org.memoria.common.api.Versioned;
import org.memoria.common.json.InputProblems;
import org.memoria.common.json.JsonPaths;
import org.memoria.common.json.MergePatch;
import org.memoria.common.persistence.OwnedEntity;
import org.memoria.common.problem.InvalidInputException;
import org.memoria.common.problem.InvalidReferenceException;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.ProblemMappers;
import org.memoria.common.problem.Problems;
import org.memoria.common.problem.StillReferencedException;
import org.memoria.common.revision.RevisionView;
import org.memoria.common.security.Roles;
import org.memoria.common.service.OwnedEntityCommands;
import org.memoria.common.service.OwnedEntityService;
import org.memoria.common.validation.Text;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The endpoints every owned collection answers the same way, said once: get (the ETag is the version), revisions,
 * create (Idempotency-Key; 201, Location, body, ETag), put (If-Match or If-None-Match: *; 200, or 201 when it records
 * the entity), patch (JSON Merge Patch under If-Match; 200) and delete (If-Match; 204). A collection's resource extends this with its {@code @Path}, {@code @Tag},
 * its list and its own sub-resources; its operation ids, summaries and descriptions come from its row of the
 * service's {@link OwnedCollectionDocs} table. Reads are public ({@code @PermitAll}); writes need an archivist, a
 * partner or an admin (each write's {@code @RolesAllowed}, which SmallRye OpenAPI documents as 401 and 403). Neither
 * this class nor a subclass carries a class-level {@code @RolesAllowed}: Quarkus applies a subclass's to the methods it
 * inherits, over their {@code @PermitAll} (an anonymous read of one entity answered 401). A subclass's own reads say
 * {@code @PermitAll} each, and anything unannotated is denied.
 *
 * @param <E> the entity
 * @param <I> the write model (the request body)
 * @param <V> the view a client sees (the response body)
 */
public abstract class OwnedEntityResource<E extends OwnedEntity, I, V extends Versioned> {

    @Context
    protected UriInfo uri;
    /** To spell a list filter's vocabulary code as the vocabulary does (a code matches in any case). */
    @Inject
    protected org.memoria.common.vocabulary.Vocabularies vocabularies;
    @Inject
    MergePatch mergePatch;
    @Inject
    ObjectMapper json;
    @Inject
    Validator validator;

    private static final Logger LOG = Logger.getLogger(OwnedEntityResource.class);

    /** The service of this collection. */
    protected abstract OwnedEntityService<E, I, ?, V> service();

    @PermitAll
    @GET
    @Path("{id}")
    @APIResponse(responseCode = "200", description = "The entity; the ETag is its version")
    @ProblemResponses.NotFound
    public RestResponse<V> get(@PathParam("id") UUID id) {
        V view = service().find(id).orElseThrow(() -> notFound(id));
        return RestResponse.ResponseBuilder.ok(view).tag(Responses.etag(view.version())).build();
    }

    @PermitAll
    @GET
    @Path("{id}/revisions")
    @APIResponse(responseCode = "200", description = "The revisions")
    @ProblemResponses.NotFound
    public RestResponse<List<RevisionView>> revisions(@PathParam("id") UUID id) {
        var history = service().revisions(id);
        if (history.isEmpty()) {
            throw notFound(id);
        }
        return RestResponse.ok(history);
    }

    @RolesAllowed({ Roles.ARCHIVIST, Roles.PARTNER, Roles.ADMIN })
    @POST
    @APIResponse(responseCode = "201", description = "Created; Location names the new entity")
    @ProblemResponses.IdempotentCreate
    public RestResponse<V> create(@Valid @NotNull I input, @Context HttpHeaders headers) {
        E entity = service().create(input, IdempotencyKey.of(headers)).entity();
        return created(entity.id, service().view(entity));
    }

    @RolesAllowed({ Roles.ARCHIVIST, Roles.PARTNER, Roles.ADMIN })
    @PUT
    @Path("{id}")
    @APIResponse(responseCode = "200", description = "Replaced (or unchanged)")
    @APIResponse(responseCode = "201", description = "Created under this id")
    @ProblemResponses.Conditional
    public RestResponse<V> put(@PathParam("id") UUID id, @Valid @NotNull I input, @Context HttpHeaders headers) {
        var result = service().put(id, input, Preconditions.of(headers));
        V view = service().view(result.entity());
        return result.created() ? created(id, view)
                : RestResponse.ResponseBuilder.ok(view).tag(Responses.etag(view.version())).build();
    }

    /**
     * Writes up to {@link Batch#MAX_ITEMS} records of this collection in one transaction, each as its own {@code PUT}
     * would without a precondition, each answered alone (a refused one leaves the others written): what a bulk import
     * sends. The answer lists every record's outcome in the order given.
     */
    @RolesAllowed({ Roles.ARCHIVIST, Roles.PARTNER, Roles.ADMIN })
    @POST
    @Path("batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "Each record's outcome, in order")
    public List<Batch.Result> batch(List<Batch.Item> items) {
        if (items == null) {
            throw new jakarta.ws.rs.BadRequestException(Problems.badRequest(uri, JsonPaths.BODY,
                    "must be an array of {id, data}"));
        }
        if (items.size() > Batch.MAX_ITEMS) {
            throw new jakarta.ws.rs.BadRequestException(Problems.badRequest(uri, JsonPaths.BODY, "holds "
                    + items.size() + " records; a batch holds at most " + Batch.MAX_ITEMS));
        }
        Batch.Result[] results = new Batch.Result[items.size()];
        List<OwnedEntityCommands.BatchItem<I>> valid = new ArrayList<>(items.size());
        List<Integer> positions = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Batch.Item item = items.get(i);
            UUID id = item == null ? null : item.id();
            List<Problem.FieldError> errors;
            I input = null;
            if (id == null || item.data() == null || !item.data().isObject()) {
                errors = List.of(new Problem.FieldError("[" + i + "]." + (id == null ? "id" : "data"),
                        id == null ? "must be the id to write the record under" : "must be an object"));
            } else {
                try {
                    input = InputProblems.collecting(() -> json.treeToValue(item.data(), inputClass()));
                    errors = ProblemMappers.fieldErrors(validator, input, List.of());
                } catch (InvalidInputException e) {
                    errors = ProblemMappers.fieldErrors(validator, e.value(), e.errors());
                } catch (java.io.IOException e) {
                    String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                            ? j.getOriginalMessage() : e.getMessage();
                    errors = List.of(new Problem.FieldError(JsonPaths.BODY, Text.excerpt(reason, 200)));
                }
            }
            if (errors.isEmpty()) {
                valid.add(new OwnedEntityCommands.BatchItem<>(id, input));
                positions.add(i);
            } else {
                results[i] = new Batch.Result(id, Batch.Outcome.REJECTED, null,
                        Problems.invalid(errors, uri.getPath()));
            }
        }
        var outcomes = valid.isEmpty() ? List.<OwnedEntityCommands.BatchOutcome<E>> of() : service().putAll(valid);
        for (int k = 0; k < outcomes.size(); k++) {
            var outcome = outcomes.get(k);
            results[positions.get(k)] = outcome.refused() != null
                    ? new Batch.Result(outcome.id(), Batch.Outcome.REJECTED, null, refusal(outcome.refused()))
                    : new Batch.Result(outcome.id(), outcome.written().created() ? Batch.Outcome.CREATED
                            : outcome.written().changed() ? Batch.Outcome.REPLACED : Batch.Outcome.UNCHANGED,
                            outcome.written().entity().version, null);
        }
        return List.of(results);
    }

    /** The problem a record's own PUT would have answered for what refused it in a batch. */
    private Problem refusal(RuntimeException e) {
        String path = uri.getPath();
        if (e instanceof InvalidReferenceException invalid) {
            return Problems.invalid(invalid.errors(), path);
        }
        if (e instanceof jakarta.validation.ConstraintViolationException violations) {
            return Problems.invalid(violations.getConstraintViolations().stream()
                    .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage())).toList(), path);
        }
        if (e instanceof io.quarkus.security.ForbiddenException) {
            return new Problem(Problem.TYPE_BASE + "forbidden", "Forbidden", 403, e.getMessage(), path, null);
        }
        if (e instanceof StillReferencedException) {
            return new Problem(Problem.TYPE_BASE + "still-referenced", "Still referenced", 409, e.getMessage(), path,
                    null);
        }
        if (e instanceof jakarta.ws.rs.WebApplicationException web
                && web.getResponse().getEntity() instanceof Problem p) {
            return p.instance() == null ? p.withInstance(path) : p;
        }
        LOG.errorf(e, "A record of a batch to %s failed unexpectedly", path);
        return new Problem(Problem.TYPE_BASE + "http-500", "Internal error", 500, "This record could not be written "
                + "(" + e.getClass().getSimpleName() + "); the others were", path, null);
    }

    /** The write model's class: this resource's second type argument. */
    @SuppressWarnings("unchecked")
    private Class<I> inputClass() {
        for (Class<?> c = getClass(); c != null; c = c.getSuperclass()) {
            if (c.getGenericSuperclass() instanceof java.lang.reflect.ParameterizedType type
                    && type.getRawType() == OwnedEntityResource.class) {
                return (Class<I>) type.getActualTypeArguments()[1];
            }
        }
        throw new IllegalStateException(getClass() + " names no input type");
    }

    @RolesAllowed({ Roles.ARCHIVIST, Roles.PARTNER, Roles.ADMIN })
    @PATCH
    @Path("{id}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @APIResponse(responseCode = "200", description = "Changed (or unchanged); the ETag is the new version")
    @ProblemResponses.NotFound
    @ProblemResponses.Conditional
    public RestResponse<V> patch(@PathParam("id") UUID id, byte[] patch, @Context HttpHeaders headers) {
        var result = service().patch(id, input -> mergePatch.apply(input, patch), Preconditions.of(headers))
                .orElseThrow(() -> notFound(id));
        V view = service().view(result.entity());
        return RestResponse.ResponseBuilder.ok(view).tag(Responses.etag(view.version())).build();
    }

    @RolesAllowed({ Roles.ARCHIVIST, Roles.PARTNER, Roles.ADMIN })
    @DELETE
    @Path("{id}")
    // a 204 has no body, and its errors are problems: a client that asks only for problem+json is served (not 406)
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    @APIResponse(responseCode = "204", description = "Deleted")
    @ProblemResponses.NotFound
    @ProblemResponses.Conditional
    public RestResponse<Void> delete(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        if (!service().delete(id, Preconditions.of(headers))) {
            throw notFound(id);
        }
        return RestResponse.noContent();
    }

    /** 404: no entity of this collection with this id. */
    protected NotFoundException notFound(UUID id) {
        return new NotFoundException(Problems.notFound(service().aggregate(), id, uri.getPath()));
    }

    private RestResponse<V> created(UUID id, V view) {
        return RestResponse.ResponseBuilder.<V> created(Responses.location(uri, id)).entity(view)
                .tag(Responses.etag(view.version())).build();
    }
}
