package org.memoria.common.rest;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.memoria.common.problem.Problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Names and describes the generic endpoints of a service's owned collections ({@link OwnedEntityResource}) from one
 * table, at build time: operation ids ({@code getPlace}, {@code createPlace}, …), summaries, descriptions, and the
 * answers SmallRye cannot tell from the Java signature (201 with the view, 204, 409). The request and response
 * schemas are what SmallRye infers from the resource's type arguments. A service lists its collections in a subclass
 * annotated {@code @OpenApiFilter(stages = BUILD)}; a row whose paths the document does not have fails the build.
 */
public abstract class OwnedCollectionDocs implements OASFilter {

    /** A revision history's description, in the owners' documents and the gateway's. */
    public static final String REVISIONS = "Every change, oldest first: when, by whom (the subject of the token that wrote "
            + "it), which fields, and the state it left.";
    static final String IDEMPOTENT = "Idempotent: a replace that changes nothing keeps the version and publishes "
            + "nothing.";
    static final String TOMBSTONE = "Publishes a tombstone.";
    static final String MERGE_PATCH = "JSON Merge Patch (RFC 7396, `application/merge-patch+json`) under `If-Match`: "
            + "the members the patch names replace the current ones (`null` removes one, an array is replaced whole), "
            + "and the result is checked as a replace's body is. A patch that changes nothing keeps the version.";

    static final String BATCH = "Up to " + org.memoria.common.api.Batch.MAX_ITEMS + " records `{id, data}`, each "
            + "written as its own PUT would be without a precondition (created under its id, or replaced: the last "
            + "writer wins), in the order given and in one transaction; each publishes its own change event, and one "
            + "that changes nothing keeps its version. A record refused for itself (its data invalid, a reference "
            + "missing, a partner's record of another's) is answered alone with the problem its PUT would have "
            + "answered, and the others are written. What the gateway's bulk import sends (docs/import.md); a write "
            + "with the `Memoria-Import` header names that import as its revisions' source.";

    private final List<OwnedCollection> collections;

    protected OwnedCollectionDocs(OwnedCollection... collections) {
        this.collections = List.of(collections);
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        for (OwnedCollection c : collections) {
            String noun = c.operationNoun();
            PathItem list = path(openAPI, c.path());
            PathItem one = path(openAPI, c.path() + "/{id}");
            PathItem history = path(openAPI, c.path() + "/{id}/revisions");
            Operation listOperation = list.getGET();

            Operation create = describe(list.getPOST(), c, "create" + noun,
                    c.createSummary() != null ? c.createSummary() : "Record " + c.article() + " " + c.name(),
                    c.createDescription());
            Operation get = describe(one.getGET(), c, "get" + noun, "Get " + c.article() + " " + c.name(),
                    c.getDescription());
            Content view = success(get);
            answer(get, "200", "The " + c.name() + "; the ETag is its version", view);

            // SmallRye infers no body for a 201; a create answers the view a get answers
            Content created = success(create);
            answer(create, "201", "Created; Location names the new " + c.name(), created != null ? created : view);
            example(create, c);

            Operation put = describe(one.getPUT(), c, "put" + noun,
                    "Replace " + c.article() + " " + c.name() + ", or record it under this id",
                    join(IDEMPOTENT, c.putDescription()));
            Content replaced = success(put);
            answer(put, "200", "Replaced (or unchanged)", replaced);
            answer(put, "201", "Created under this id", replaced);
            example(put, c);

            Operation patch = describe(one.getPATCH(), c, "patch" + noun, "Change part of " + c.article() + " " + c.name(),
                    MERGE_PATCH);
            success(patch);
            answer(patch, "200", "Changed (or unchanged); the ETag is the new version", replaced);
            RequestBody input = put.getRequestBody();
            if (input != null && input.getContent() != null
                    && input.getContent().getMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON) != null) {
                String inputName = input.getContent().getMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
                        .getSchema().getRef().replace("#/components/schemas/", "");
                patch.requestBody(OASFactory.createRequestBody().required(true).description("The members to change, "
                        + "as in the replace's body; null removes a member").content(OASFactory.createContent()
                                .addMediaType(org.memoria.common.json.MergePatch.MEDIA_TYPE, OASFactory.createMediaType()
                                        .schema(OASFactory.createSchema()
                                                .ref(MergePatchDocs.patchSchema(openAPI, inputName))))));
            }

            Operation delete = describe(one.getDELETE(), c, "delete" + noun, "Delete " + c.article() + " " + c.name(),
                    join(TOMBSTONE, c.deleteDescription()));
            success(delete);
            answer(delete, "204", "Deleted", null);
            if (c.stillReferenced() != null) {
                answer(delete, "409", c.stillReferenced(), OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem"))));
            }

            String possessive = Character.toUpperCase(c.article().charAt(0)) + c.article().substring(1) + " "
                    + c.name() + "'s";
            Operation revisions = describe(history.getGET(), c, "get" + noun + "Revisions",
                    possessive + " revision history",
                    c.revisionsDescription() != null ? c.revisionsDescription() : REVISIONS);
            answer(revisions, "200", "The revisions", success(revisions));

            Operation batch = describe(path(openAPI, c.path() + "/batch").getPOST(), c, "put" + noun + "Batch",
                    "Write many " + c.name() + " records at once", BATCH);
            answer(batch, "200", "Each record's outcome, in the order given", success(batch));

            for (Operation write : List.of(create, put, patch, delete, batch)) {
                writers(write);
            }
            for (Operation o : List.of(create, put, patch, get, delete, revisions, batch)) {
                tidy(o);
            }
            list.setGET(null);
            list.setPOST(null);
            list.setGET(tidy(listOperation)); // the collection's own list, as it is
            list.setPOST(create);
            one.setPUT(null);
            one.setPATCH(null);
            one.setGET(null);
            one.setDELETE(null);
            one.setPUT(put);
            one.setPATCH(patch);
            one.setGET(get);
            one.setDELETE(delete);
            HeaderDocs.entityCollection(openAPI, c.path());
            publicReads(openAPI, c.path());
        }
        DocumentInfo.apply(openAPI);
    }

    /**
     * A write needs a bearer token with one of the writers' roles ({@link OwnedEntityResource}'s {@code @RolesAllowed}
     * on each write, which SmallRye does not see on a method a resource inherits): said as the requirement SmallRye
     * writes for a class's roles ({@link SecurityDocs} moves them into {@code x-roles}), with its 401 and 403.
     */
    private static void writers(Operation write) {
        if (write.getSecurity() == null) {
            write.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer",
                    List.of(org.memoria.common.security.Roles.ARCHIVIST, org.memoria.common.security.Roles.PARTNER,
                            org.memoria.common.security.Roles.ADMIN)));
        }
        problem(write, "401", "Not Authorized");
        problem(write, "403", "Not Allowed");
    }

    /**
     * The collection's reads (list, one, revisions, sub-resources) are {@code @PermitAll}: they need no token (but take
     * one: {@link SecurityDocs} says so for an operation without a requirement, and a bad one is a 401), and a read is
     * never a 403.
     */
    private static void publicReads(OpenAPI openAPI, String path) {
        openAPI.getPaths().getPathItems().forEach((p, item) -> {
            if ((p.equals(path) || p.startsWith(path + "/")) && item.getGET() != null) {
                item.getGET().setSecurity(null);
                if (item.getGET().getResponses() != null) {
                    item.getGET().getResponses().removeAPIResponse("403");
                }
                problem(item.getGET(), "401", "Not Authorized");
            }
        });
    }

    private static void problem(Operation operation, String status, String description) {
        if (operation.getResponses() != null && operation.getResponses().getAPIResponse(status) == null) {
            operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref("Problem")))));
        }
    }

    /**
     * Puts an operation's parts, and its answers, in the order the document always had (summary and description
     * first; 400, then the successes, then the other problems, 401 and 403 last), so that moving an endpoint into
     * the shared resource does not reshuffle the stored document.
     */
    private static Operation tidy(Operation o) {
        if (o == null) {
            return null;
        }
        var summary = o.getSummary();
        var description = o.getDescription();
        var id = o.getOperationId();
        var tags = o.getTags();
        var parameters = o.getParameters();
        var body = o.getRequestBody();
        var responses = o.getResponses();
        var security = o.getSecurity();
        o.setSummary(null);
        o.setDescription(null);
        o.setOperationId(null);
        o.setTags(null);
        o.setParameters(null);
        o.setRequestBody(null);
        o.setResponses(null);
        o.setSecurity(null);
        o.setSummary(summary);
        o.setDescription(description);
        o.setOperationId(id);
        o.setTags(tags);
        o.setParameters(parameters);
        o.setRequestBody(body);
        if (responses != null) {
            Map<String, APIResponse> all = new LinkedHashMap<>(responses.getAPIResponses());
            all.keySet().forEach(responses::removeAPIResponse);
            all.entrySet().stream().sorted(Comparator.comparingInt(e -> rank(e.getKey())))
                    .forEach(e -> responses.addAPIResponse(e.getKey(), e.getValue()));
        }
        o.setResponses(responses);
        o.setSecurity(security);
        return o;
    }

    private static int rank(String code) {
        return switch (code) {
            case "400" -> 0;
            case "401" -> 9001;
            case "403" -> 9003;
            default -> code.startsWith("2") ? 100 + Integer.parseInt(code) : 1000 + Integer.parseInt(code);
        };
    }

    private static PathItem path(OpenAPI openAPI, String path) {
        PathItem item = openAPI.getPaths() == null ? null : openAPI.getPaths().getPathItem(path);
        if (item == null) {
            throw new IllegalStateException("The OpenAPI table names " + path + ", which no resource serves");
        }
        return item;
    }

    private static Operation describe(Operation operation, OwnedCollection c, String id, String summary,
            String description) {
        if (operation == null) {
            throw new IllegalStateException("No operation " + id + " under " + c.path());
        }
        return operation.operationId(id).summary(summary).description(description);
    }

    /**
     * Takes out the success answers SmallRye inferred from the method's return type (their code and description are
     * the table's to say) and gives back the body they had: the view's schema, or none.
     */
    private static Content success(Operation operation) {
        APIResponses answers = operation.getResponses();
        Content body = null;
        for (String code : List.copyOf(answers.getAPIResponses().keySet())) {
            if (code.startsWith("2")) {
                if (body == null) {
                    body = answers.getAPIResponse(code).getContent();
                }
                answers.removeAPIResponse(code);
            }
        }
        return body;
    }

    private static void answer(Operation operation, String code, String description, Content body) {
        APIResponse answer = OASFactory.createAPIResponse().description(description);
        if (body != null) {
            Content copy = OASFactory.createContent();
            body.getMediaTypes().forEach((type, media) -> copy.addMediaType(type,
                    OASFactory.createMediaType().schema(media.getSchema())));
            answer.content(copy);
        }
        operation.getResponses().addAPIResponse(code, answer);
    }

    private static void example(Operation operation, OwnedCollection c) {
        if (c.example() == null) {
            return;
        }
        RequestBody body = operation.getRequestBody();
        MediaType json = body.getContent().getMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON);
        try {
            json.addExample(c.exampleName(),
                    OASFactory.createExample().value(new ObjectMapper().readValue(c.example(), Object.class)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The example of " + c.path() + " is not JSON", e);
        }
    }

    private static String join(String shared, String own) {
        return own == null ? shared : shared + " " + own;
    }
}
