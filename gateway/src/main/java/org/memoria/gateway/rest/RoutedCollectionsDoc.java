package org.memoria.gateway.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.memoria.common.contract.events.EventInput;
import org.memoria.common.contract.events.EventView;
import org.memoria.common.contract.events.PlaceInput;
import org.memoria.common.contract.events.PlaceView;
import org.memoria.common.contract.people.MembershipInput;
import org.memoria.common.contract.people.MembershipView;
import org.memoria.common.contract.people.OrganisationInput;
import org.memoria.common.contract.people.OrganisationView;
import org.memoria.common.contract.people.PersonInput;
import org.memoria.common.contract.people.PersonView;
import org.memoria.common.contract.people.RelationInput;
import org.memoria.common.contract.people.RelationView;
import org.memoria.common.contract.sources.CitationInput;
import org.memoria.common.contract.sources.CitationView;
import org.memoria.common.contract.sources.ClaimInput;
import org.memoria.common.contract.sources.ClaimView;
import org.memoria.common.contract.sources.SourceInput;
import org.memoria.common.contract.sources.SourceView;
import org.memoria.common.json.MergePatch;
import org.memoria.common.rest.HeaderDocs;
import org.memoria.common.rest.MergePatchDocs;
import org.memoria.gateway.linkeddata.Contexts;
import org.memoria.gateway.linkeddata.LinkedData;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Gives the operations that {@link RoutedResource} serves for every {@link RoutedCollection} their own ids, summaries,
 * descriptions and request schemas, from the table, at build time (so the stored document has them too). The
 * inputs are named here as components because no method signature names them: the gateway passes bodies on as bytes.
 */
@OpenAPIDefinition(info = @Info(title = "Memoria archive API", version = "0.1.0"), components = @Components(schemas = {
        @Schema(name = "PersonInput", implementation = PersonInput.class),
        @Schema(name = "OrganisationInput", implementation = OrganisationInput.class),
        @Schema(name = "MembershipInput", implementation = MembershipInput.class),
        @Schema(name = "RelationInput", implementation = RelationInput.class),
        @Schema(name = "EventInput", implementation = EventInput.class),
        @Schema(name = "PlaceInput", implementation = PlaceInput.class),
        @Schema(name = "SourceInput", implementation = SourceInput.class),
        @Schema(name = "CitationInput", implementation = CitationInput.class),
        @Schema(name = "ClaimInput", implementation = ClaimInput.class),
        @Schema(name = "Person", implementation = PersonView.class),
        @Schema(name = "Organisation", implementation = OrganisationView.class),
        @Schema(name = "Membership", implementation = MembershipView.class),
        @Schema(name = "Relation", implementation = RelationView.class),
        @Schema(name = "Event", implementation = EventView.class),
        @Schema(name = "Place", implementation = PlaceView.class),
        @Schema(name = "Source", implementation = SourceView.class),
        @Schema(name = "Citation", implementation = CitationView.class),
        @Schema(name = "Claim", implementation = ClaimView.class) }))
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class RoutedCollectionsDoc implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        for (RoutedCollection c : RoutedCollection.values()) {
            String owner = c.owner.label();
            PathItem items = openAPI.getPaths().getPathItem("/api/" + c.path);
            PathItem item = openAPI.getPaths().getPathItem("/api/" + c.path + "/{id}");

            describe(item.getGET(), c.getOperationId, c.getSummary, c.getDescription);
            linkedData(item.getGET(), c);

            Operation create = describe(items.getPOST(), "create" + c.operationNoun(), "Record " + c.aNoun(),
                    "Routed to the " + owner + "; the archive's views show it once its change event is projected.");
            create.getResponses().getAPIResponse("201")
                    .setDescription("Created; Location names the new " + c.noun() + " in this API");
            input(create, c);

            input(describe(item.getPUT(), "put" + c.operationNoun(), "Replace " + c.aNoun() + ", or record it under this id",
                    "Routed to the " + owner + ". Replacing needs If-Match with the version read; creating accepts "
                            + "If-None-Match: *. An identical replace changes nothing."), c);

            Operation patch = describe(item.getPATCH(), "patch" + c.operationNoun(), "Change part of " + c.aNoun(),
                    "Routed to the " + owner + ". JSON Merge Patch (RFC 7396, `application/merge-patch+json`) under "
                            + "If-Match with the version read: the members the patch names replace the current ones "
                            + "(`null` removes one, an array is replaced whole); the result is checked as a replace's "
                            + "body is. A patch that changes nothing keeps the version.");
            patch.getRequestBody().getContent().getMediaType(MergePatch.MEDIA_TYPE).getSchema().description(null)
                    .ref(MergePatchDocs.patchSchema(openAPI, c.input.getSimpleName()));

            describe(item.getDELETE(), "delete" + c.operationNoun(), "Delete " + c.aNoun(),
                    "Routed to the " + owner + "; needs If-Match with the version read.");

            for (Operation write : List.of(items.getPOST(), item.getPUT(), patch, item.getDELETE())) {
                writers(openAPI, write);
            }
            written(items.getPOST(), "201", c);
            written(item.getPUT(), "200", c);
            written(item.getPUT(), "201", c);
            written(patch, "200", c);
            HeaderDocs.entityCollection(openAPI, "/api/" + c.path);
        }
    }

    /**
     * Who may write, as Quarkus documents a {@code @RolesAllowed} resource class: it reads the annotation on the
     * class that declares the path, not on {@link RoutedResource}, which declares the methods (the reads are open).
     */
    private static void writers(OpenAPI openAPI, Operation write) {
        String scheme = openAPI.getComponents().getSecuritySchemes().keySet().iterator().next();
        write.addSecurityRequirement(OASFactory.createSecurityRequirement()
                .addScheme(scheme, List.of(RoutedResource.class.getAnnotation(RolesAllowed.class).value())));
        write.getResponses().addAPIResponse("401", OASFactory.createAPIResponse().description("Not Authorized"));
        write.getResponses().addAPIResponse("403", OASFactory.createAPIResponse().description("Not Allowed"));
    }

    /**
     * The GET's JSON-LD answer: a schema.org document where {@link LinkedData} describes the collection's kind, none
     * otherwise (those answer 406 to a client that wants only JSON-LD).
     */
    private static void linkedData(Operation get, RoutedCollection c) {
        org.eclipse.microprofile.openapi.models.media.Content content = get.getResponses().getAPIResponse("200")
                .getContent();
        if (!LinkedData.KINDS.contains(c.kind)) {
            content.removeMediaType(Contexts.MEDIA_TYPE);
            get.description(get.getDescription() + " JSON only: no JSON-LD description yet.");
            return;
        }
        content.getMediaType(Contexts.MEDIA_TYPE).schema(OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("The " + c.noun() + " as linked data: a JSON-LD document in schema.org terms whose "
                        + "`@context` names the archive's bundled contexts (/api/contexts/schema-org.jsonld, "
                        + "/api/contexts/memoria.jsonld); see docs/partners.md"));
        get.description(get.getDescription() + " With `Accept: application/ld+json`, the same " + c.noun()
                + " as JSON-LD (schema.org).");
    }

    /**
     * A write's success answers the entity as its owner holds it (the owner's answer, relayed): JSON only, so that
     * a client asks for JSON.
     */
    private static void written(Operation operation, String code, RoutedCollection c) {
        String schema = c.written.getAnnotation(Schema.class).name();
        APIResponse answer = operation.getResponses().getAPIResponse(code);
        answer.content(OASFactory.createContent().addMediaType(MediaType.APPLICATION_JSON,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(schema))));
    }

    private static Operation describe(Operation operation, String id, String summary, String description) {
        return operation.operationId(id).summary(summary).description(description);
    }

    private static void input(Operation operation, RoutedCollection c) {
        operation.getRequestBody().getContent().getMediaType(MediaType.APPLICATION_JSON).getSchema()
                .description(null).ref(c.input.getSimpleName());
    }
}
