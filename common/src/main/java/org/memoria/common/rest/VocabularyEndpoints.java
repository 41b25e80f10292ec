package org.memoria.common.rest;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.memoria.common.api.Responses;
import org.memoria.common.contract.vocabulary.ManagedVocabulary;
import org.memoria.common.contract.vocabulary.TermInput;
import org.memoria.common.contract.vocabulary.TermView;
import org.memoria.common.contract.vocabulary.VocabularyView;
import org.memoria.common.problem.Problem;
import org.memoria.common.security.Roles;
import org.memoria.common.vocabulary.Languages;
import org.memoria.common.vocabulary.Skos;
import org.memoria.common.vocabulary.Vocabularies;

/**
 * The managed vocabularies an owning service validates (docs/model.md). Reads are public, labels picked by
 * Accept-Language; an admin creates, changes, deprecates and deletes terms, each change published as a change event.
 * Every service's {@code rest/VocabularyResource} extends this at {@code /vocabularies}.
 */
@Tag(name = "Vocabularies", description = "Managed vocabularies (SKOS concept schemes): the codes records' types and roles come from")
@Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
public abstract class VocabularyEndpoints {

    @Inject
    protected Vocabularies vocabularies;
    @Context
    protected UriInfo uri;

    @PermitAll
    @GET
    @Operation(operationId = "listVocabularies", summary = "The vocabularies this service owns, without their terms")
    public List<VocabularyView> list() {
        return vocabularies.owned().stream().map(v -> describe(v, null)).toList();
    }

    @PermitAll
    @GET
    @Path("{vocabulary}")
    @Produces({ MediaType.APPLICATION_JSON, Skos.MEDIA_TYPE, Problem.MEDIA_TYPE })
    @Operation(operationId = "getVocabulary", summary = "A vocabulary with its terms",
            description = "Labels and scope notes in the language Accept-Language asks for (English when it has none of "
                    + "them). With `Accept: application/ld+json`, the vocabulary as a SKOS concept scheme in JSON-LD.")
    @APIResponse(responseCode = "200", description = "The vocabulary", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VocabularyView.class)),
            @Content(mediaType = Skos.MEDIA_TYPE, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT,
                    description = "SKOS in JSON-LD")) })
    @APIResponse(responseCode = "404", description = "No such vocabulary here",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response vocabulary(@PathParam("vocabulary") String name,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) @Parameter(description = "Preferred label languages") String language,
            @Context HttpHeaders headers) {
        ManagedVocabulary v = owned(name);
        VocabularyView view = describe(v, vocabularies.terms(v, Languages.ranges(language)));
        if (Responses.prefersLinkedData(headers)) {
            String scheme = uri.getBaseUriBuilder().path("vocabularies").path(v.path).build().toString();
            return Response.ok(Skos.document(view, scheme), Skos.MEDIA_TYPE).build();
        }
        return Response.ok(view, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @PermitAll
    @GET
    @Path("{vocabulary}/{code}")
    @Operation(operationId = "getTerm", summary = "A term; its code matches in any case",
            description = "The label and scope note in the language Accept-Language asks for, English when the term "
                    + "has none of those.")
    @APIResponse(responseCode = "200", description = "The term; the ETag is its version")
    @APIResponse(responseCode = "404", description = "No such vocabulary here, or no such term",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<TermView> term(@PathParam("vocabulary") String name, @PathParam("code") String code,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) @Parameter(description = "Preferred label languages") String language) {
        ManagedVocabulary v = owned(name);
        TermView term = vocabularies.term(v, code, Languages.ranges(language)).orElseThrow(() -> noTerm(v, code));
        return RestResponse.ResponseBuilder.ok(term).tag(Responses.etag(term.version())).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("{vocabulary}/{code}")
    @Operation(operationId = "putTerm", summary = "Create or replace a term (admin)",
            description = "A new code is created (201); an existing one, matched in any case, is replaced (200) and "
                    + "keeps its spelling. Deprecate a term that records use with `\"deprecated\": true`: it stays "
                    + "valid for them and is no longer suggested. Every change is a change event "
                    + "(`org.memoria.term.changed.v1`).")
    @APIResponse(responseCode = "200", description = "Replaced (or unchanged); the ETag is its version")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid term: the problem names each rejected field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such vocabulary here",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<TermView> put(@PathParam("vocabulary") String name, @PathParam("code") String code,
            @Valid @NotNull TermInput input,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) @Parameter(description = "Preferred label languages") String language) {
        ManagedVocabulary v = owned(name);
        String shape = Vocabularies.shapeProblem(code);
        if (shape != null) {
            throw new org.memoria.common.problem.InvalidReferenceException(
                    List.of(new Problem.FieldError("code", shape)));
        }
        Vocabularies.Written written = vocabularies.put(v, code, input, Languages.ranges(language));
        RestResponse.ResponseBuilder<TermView> response = written.created()
                ? RestResponse.ResponseBuilder.<TermView> created(uri.getBaseUriBuilder().path("vocabularies")
                        .path(v.path).path(written.term().code()).build()).entity(written.term())
                : RestResponse.ResponseBuilder.ok(written.term());
        return response.tag(Responses.etag(written.term().version())).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("{vocabulary}/{code}")
    @Operation(operationId = "deleteTerm", summary = "Delete a term no record uses (admin)",
            description = "A term that records use, or that is the broader term of another, cannot be deleted (409): "
                    + "deprecate it instead.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such vocabulary here, or no such term",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The term is in use; the detail says where, and to deprecate it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<Void> delete(@PathParam("vocabulary") String name, @PathParam("code") String code) {
        ManagedVocabulary v = owned(name);
        if (!vocabularies.delete(v, code)) {
            throw noTerm(v, code);
        }
        return RestResponse.noContent();
    }

    private ManagedVocabulary owned(String name) {
        return ManagedVocabulary.named(name).filter(vocabularies::owns).orElseThrow(() -> new NotFoundException(
                "No vocabulary " + org.memoria.common.validation.Text.quoted(name) + " here; this service has "
                        + String.join(", ", vocabularies.owned().stream().map(v -> v.path).toList())));
    }

    private static NotFoundException noTerm(ManagedVocabulary v, String code) {
        return new NotFoundException("No term " + org.memoria.common.validation.Text.quoted(code) + " in " + v.path);
    }

    private static VocabularyView describe(ManagedVocabulary v, List<TermView> terms) {
        return new VocabularyView(v.path, v.title, v.description, v.owner, terms);
    }
}
