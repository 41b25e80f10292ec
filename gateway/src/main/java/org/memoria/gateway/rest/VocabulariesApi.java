package org.memoria.gateway.rest;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.api.ProblemResponses;
import org.memoria.common.api.Responses;
import org.memoria.common.contract.vocabulary.ManagedVocabulary;
import org.memoria.common.contract.vocabulary.TermInput;
import org.memoria.common.contract.vocabulary.TermView;
import org.memoria.common.contract.vocabulary.VocabularyView;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.common.security.Roles;
import org.memoria.common.vocabulary.Skos;
import org.memoria.gateway.config.GatewayConfig;
import org.memoria.gateway.service.OwnerRouter;
import org.memoria.gateway.service.TermQuery;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The managed vocabularies of the whole archive (docs/model.md): each is owned and validated by one service, so reads
 * and an admin's writes are routed to it; the list of vocabularies and a term by id (what the change feed links to)
 * are answered here.
 */
@Path("/api/vocabularies")
@Tag(name = "vocabularies", description = "Managed vocabularies (SKOS concept schemes): the codes of types and roles")
@Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
public class VocabulariesApi {

    @Inject
    OwnerRouter router;
    @Inject
    GatewayConfig config;
    @Inject
    TermQuery terms;
    @Inject
    ObjectMapper mapper;
    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;

    @PermitAll
    @GET
    @Operation(operationId = "listVocabularies", summary = "Every managed vocabulary, without its terms",
            description = "Which service owns each: its codes are checked there, on every write that uses them.")
    @APIResponse(responseCode = "200", description = "The vocabularies")
    public List<VocabularyView> list() {
        return Arrays.stream(ManagedVocabulary.values())
                .map(v -> new VocabularyView(v.path, v.title, v.description, v.owner, null)).toList();
    }

    @PermitAll
    @GET
    @Path("{vocabulary}")
    @Produces({ MediaType.APPLICATION_JSON, Skos.MEDIA_TYPE, Problem.MEDIA_TYPE })
    @Operation(operationId = "getVocabulary", summary = "A vocabulary with its terms",
            description = "Every term, deprecated ones marked, with its label and scope note in the language "
                    + "Accept-Language asks for (English when the term has none of those). With "
                    + "`Accept: application/ld+json`, the vocabulary as a SKOS concept scheme in JSON-LD.")
    @APIResponse(responseCode = "200", description = "The vocabulary", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VocabularyView.class)),
            @Content(mediaType = Skos.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT,
                    description = "A SKOS concept scheme and its concepts, in JSON-LD with an inline context")) })
    @ProblemResponses.NotFound
    @ProblemResponses.RoutedRead
    public Response vocabulary(@PathParam("vocabulary") String name,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) @Parameter(description = "Preferred label languages") String language) {
        ManagedVocabulary v = ManagedVocabulary.named(name).orElse(null);
        if (v == null) {
            return noVocabulary(name);
        }
        Response answer = router.readJson(v.owner + " service", owner(v), "/vocabularies/" + v.path, headers, uri);
        if (answer.getStatus() != 200 || !Responses.prefersLinkedData(headers)) {
            return answer;
        }
        try {
            VocabularyView view = mapper.readValue((byte[]) answer.getEntity(), VocabularyView.class);
            String scheme = uri.getBaseUriBuilder().path("api").path("vocabularies").path(v.path).build().toString();
            return Response.ok(Skos.document(view, scheme), Skos.MEDIA_TYPE).build();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("The " + v.owner + " service answered an unreadable vocabulary", e);
        }
    }

    @PermitAll
    @GET
    @Path("terms/{id}")
    @Operation(operationId = "getTermById", summary = "A term by its id, as last published",
            description = "The change feed and webhooks name a term by this URL; labels are the English ones.")
    @APIResponse(responseCode = "200", description = "The term; the ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TermView.class)))
    @ProblemResponses.NotFound
    public Response termById(@PathParam("id") UUID id) {
        return terms.find(id).map(t -> Response.ok(t, MediaType.APPLICATION_JSON_TYPE).tag(Responses.etag(t.version())).build())
                .orElseGet(() -> Problems.notFound("term", id, uri.getPath()));
    }

    @PermitAll
    @GET
    @Path("{vocabulary}/{code}")
    @Operation(operationId = "getTerm", summary = "A term; its code matches in any case",
            description = "Routed to the service that owns the vocabulary; the label and scope note in the language "
                    + "Accept-Language asks for, English when the term has none of those.")
    @APIResponse(responseCode = "200", description = "The term; the ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TermView.class)))
    @ProblemResponses.NotFound
    @ProblemResponses.RoutedRead
    public Response term(@PathParam("vocabulary") String name, @PathParam("code") String code,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) @Parameter(description = "Preferred label languages") String language) {
        ManagedVocabulary v = ManagedVocabulary.named(name).orElse(null);
        if (v == null) {
            return noVocabulary(name);
        }
        return router.read(v.owner + " service", owner(v), termPath(v, code), headers, uri);
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("{vocabulary}/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putTerm", summary = "Create or replace a term (admin)",
            description = "Routed to the service that owns the vocabulary. A new code is created (201); an existing one, "
                    + "matched in any case, is replaced (200) and keeps its spelling. Deprecate a term records use with "
                    + "`\"deprecated\": true`: it stays valid for them and is no longer suggested. Every change is a "
                    + "change event (`org.memoria.term.changed.v1`) in the change feed and to webhooks.")
    @APIResponse(responseCode = "200", description = "Replaced (or unchanged)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TermView.class)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TermView.class)))
    @ProblemResponses.NotFound
    @ProblemResponses.RoutedWrite
    public Response put(@PathParam("vocabulary") String name, @PathParam("code") String code,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TermInput.class))) byte[] body) {
        ManagedVocabulary v = ManagedVocabulary.named(name).orElse(null);
        if (v == null) {
            return noVocabulary(name);
        }
        return router.forward(v.owner + " service", owner(v), "PUT", termPath(v, code), headers, body, uri);
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("{vocabulary}/{code}")
    @Produces(Problem.MEDIA_TYPE)
    @Operation(operationId = "deleteTerm", summary = "Delete a term no record uses (admin)",
            description = "A term records use, or the broader term of another, cannot be deleted (409): deprecate it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "The term is in use; the detail says where",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ProblemResponses.NotFound
    @ProblemResponses.RoutedWrite
    public Response delete(@PathParam("vocabulary") String name, @PathParam("code") String code) {
        ManagedVocabulary v = ManagedVocabulary.named(name).orElse(null);
        if (v == null) {
            return noVocabulary(name);
        }
        return router.forward(v.owner + " service", owner(v), "DELETE", termPath(v, code), headers, null, uri);
    }

    private static String termPath(ManagedVocabulary v, String code) {
        return "/vocabularies/" + v.path + "/" + java.net.URLEncoder.encode(code, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    private Response noVocabulary(String name) {
        return Problems.response(new Problem(Problem.TYPE_BASE + Problems.slug(404), "Not Found", 404,
                "No vocabulary " + org.memoria.common.validation.Text.quoted(name) + "; there are "
                        + String.join(", ", Arrays.stream(ManagedVocabulary.values()).map(v -> v.path).toList()),
                uri.getPath(), null));
    }

    private List<java.net.URI> owner(ManagedVocabulary v) {
        return switch (v.owner) {
            case "people" -> config.owners().people();
            case "events" -> config.owners().events();
            default -> config.owners().sources();
        };
    }
}
