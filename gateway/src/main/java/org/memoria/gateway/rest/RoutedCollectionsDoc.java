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
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.memoria.common.api.Page;
import org.memoria.common.contract.events.EventInput;
import org.memoria.common.contract.events.EventView;
import org.memoria.common.contract.events.PlaceInput;
import org.memoria.common.contract.events.PlaceView;
import org.memoria.common.contract.people.MembershipInput;
import org.memoria.common.contract.people.MembershipView;
import org.memoria.common.contract.people.OrganisationInput;
import org.memoria.common.contract.people.OrganisationView;
import org.memoria.common.contract.people.PersonInput;
import org.memoria.common.contract.people.PersonRelationView;
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
import org.memoria.common.rest.OwnedCollectionDocs;
import org.memoria.common.rest.MergePatchDocs;
import org.memoria.gateway.linkeddata.Contexts;
import org.memoria.gateway.linkeddata.LinkedData;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Gives the operations that {@link RoutedResource} serves for every {@link RoutedCollection} their own ids, summaries,
 * descriptions, request schemas and the schemas of the owners' answers it relays (pages, revisions), from the table,
 * and writes out one operation per sub-resource, at build time (so the stored document has them too). The
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
        @Schema(name = "Claim", implementation = ClaimView.class),
        @Schema(name = "PersonRelation", implementation = PersonRelationView.class) }))
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class RoutedCollectionsDoc implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        for (RoutedCollection c : RoutedCollection.values()) {
            String owner = c.owner.label();
            PathItem items = openAPI.getPaths().getPathItem("/api/" + c.path);
            PathItem item = openAPI.getPaths().getPathItem("/api/" + c.path + "/{id}");

            describe(item.getGET(), c.getOperationId, c.getSummary, c.getDescription);
            item.getGET().addParameter(OASFactory.createParameter().name("If-None-Match")
                    .in(org.eclipse.microprofile.openapi.models.parameters.Parameter.In.HEADER)
                    .description("The ETag of the view the client holds: 304 Not Modified while it is still current")
                    .schema(OASFactory.createSchema().addType(SchemaType.STRING)).example("\"3.5f0c1e2d9a7b4c6e\""));
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

            Operation list = describe(items.getGET(), "list" + c.pluralNoun(), c.listSummary, c.listDescription
                    + " Read from the " + owner + " (the owner's list, with its filters), so it may show "
                    + c.aNoun() + " a moment before its composed view is projected.");
            page(openAPI, list, "A page of " + c.path, c.written);

            describe(openAPI.getPaths().getPathItem("/api/" + c.path + "/{id}/revisions").getGET(),
                    "get" + c.operationNoun() + "Revisions", capitalised(c.aNoun()) + "'s revision history",
                    OwnedCollectionDocs.REVISIONS + " Read from the " + owner + ".");

            related(openAPI, c);
        }
    }

    /**
     * Writes out the one method that routes every sub-resource ({@code /api/<collection>/{id}/{related}}) as one
     * operation per sub-resource of the collection's row, named and described as the owner does.
     */
    private static void related(OpenAPI openAPI, RoutedCollection c) {
        String template = "/api/" + c.path + "/{id}/{related}";
        Operation shared = openAPI.getPaths().getPathItem(template).getGET();
        openAPI.getPaths().removePathItem(template);
        for (RoutedCollection.Related r : c.related) {
            APIResponses answers = OASFactory.createAPIResponses();
            shared.getResponses().getAPIResponses().forEach((code, answer) -> answers.addAPIResponse(code,
                    OASFactory.createAPIResponse().description(answer.getDescription()).content(answer.getContent())));
            Operation operation = OASFactory.createOperation().operationId(r.text().operationId())
                    .summary(r.text().summary()).description(r.text().description() + " Read from the "
                            + c.owner.label() + ".")
                    .tags(shared.getTags()).security(shared.getSecurity()).responses(answers)
                    .parameters(shared.getParameters().stream().filter(p -> !"related".equals(p.getName())).toList());
            page(openAPI, operation, r.text().answer(), r.items());
            openAPI.getPaths().addPathItem("/api/" + c.path + "/{id}/" + r.text().path(),
                    OASFactory.createPathItem().GET(operation));
        }
    }

    /**
     * A 200 that answers one page of the owner's entities, under the name the owner's document gives the same
     * schema ({@code PageEventView}), declared here because the gateway relays the owner's bytes.
     */
    private static void page(OpenAPI openAPI, Operation operation, String description, Class<?> view) {
        String name = "Page" + view.getSimpleName();
        if (openAPI.getComponents().getSchemas() == null || !openAPI.getComponents().getSchemas().containsKey(name)) {
            openAPI.getComponents().addSchema(name, OASFactory.createSchema().description(
                    Page.class.getAnnotation(Schema.class).description()).addType(SchemaType.OBJECT)
                    .addProperty("items", OASFactory.createSchema().addType(SchemaType.ARRAY).items(
                            OASFactory.createSchema().ref(view.getAnnotation(Schema.class).name())))
                    .addProperty("page", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32"))
                    .addProperty("size", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32"))
                    .addProperty("total", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int64")));
        }
        operation.getResponses().addAPIResponse("200", OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(MediaType.APPLICATION_JSON,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(name)))));
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
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
