package org.memoria.common.rest;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.memoria.common.api.IdempotencyKey;
import org.memoria.common.problem.Problem;

/**
 * The HTTP headers of the API, modelled in the OpenAPI document instead of told in prose, so that a generated client
 * can read and send them: {@code ETag} on every answer that carries an entity (and on a 412, the current version),
 * {@code Location} on a 201, {@code If-Match} / {@code If-None-Match} on the writes that take them, and
 * {@code Retry-After} on 429 and 503. Every operation may answer 429 (every caller has a rate limit), and every
 * 4xx and 5xx answers a {@code Problem}.
 */
public final class HeaderDocs {

    public static final String ETAG = "ETag";
    public static final String LOCATION = "Location";
    public static final String RETRY_AFTER = "Retry-After";
    public static final String IF_MATCH = "IfMatch";
    public static final String IF_NONE_MATCH = "IfNoneMatch";
    public static final String IDEMPOTENCY_KEY = "IdempotencyKey";

    private HeaderDocs() {
    }

    /** The headers and parameters every document shares, as components. */
    public static void components(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components.getHeaders() != null && components.getHeaders().containsKey(ETAG)) {
            return;
        }
        Schema version = OASFactory.createSchema().addType(Schema.SchemaType.STRING).pattern("^\"[0-9]+\"$");
        components.addHeader(ETAG, OASFactory.createHeader().description("The entity's version, as a strong entity "
                + "tag: send it back in `If-Match` to change or delete the entity").schema(version).example("\"3\""));
        components.addHeader(LOCATION, OASFactory.createHeader().description("The URL of the entity")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri")));
        components.addHeader(RETRY_AFTER, OASFactory.createHeader().description("Seconds to wait before trying again")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.ZERO))
                .example(1));
        components.addParameter(IF_MATCH, OASFactory.createParameter().name("If-Match").in(Parameter.In.HEADER)
                .description("The version read (its ETag): required to change or delete an existing entity (428 "
                        + "without it, 412 when it is not the current one)")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)).example("\"3\""));
        components.addParameter(IF_NONE_MATCH, OASFactory.createParameter().name("If-None-Match")
                .in(Parameter.In.HEADER).description("`*`: record the entity under this id only if there is none "
                        + "(412 if it exists)")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).addEnumeration("*")));
        components.addParameter(IDEMPOTENCY_KEY, OASFactory.createParameter().name(IdempotencyKey.HEADER)
                .in(Parameter.In.HEADER).description("Makes a create safe to retry: a retry with the same key and "
                        + "body answers the entity the first attempt created (kept 24 hours); the same key with "
                        + "another body is a 422")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).minLength(1)
                        .maxLength(IdempotencyKey.MAX_LENGTH))
                .example("5f1e8c2a-7d3b-4f0e-9a61-2b4c8d7e9f10"));
    }

    /**
     * The headers of one entity collection's operations: {@code path} (its create) and {@code path/{id}} (get,
     * replace, patch, delete), where the document has them.
     */
    public static void entityCollection(OpenAPI openAPI, String path) {
        components(openAPI);
        PathItem items = openAPI.getPaths().getPathItem(path);
        PathItem one = openAPI.getPaths().getPathItem(path + "/{id}");
        if (items != null && items.getPOST() != null) {
            parameters(items.getPOST(), IDEMPOTENCY_KEY);
            headers(items.getPOST(), "201", ETAG, LOCATION);
            headers(items.getPOST(), "200", ETAG); // a create replayed with its Idempotency-Key
        }
        if (one == null) {
            return;
        }
        if (one.getGET() != null) {
            headers(one.getGET(), "200", ETAG);
        }
        if (one.getPUT() != null) {
            parameters(one.getPUT(), IF_MATCH, IF_NONE_MATCH);
            headers(one.getPUT(), "200", ETAG);
            headers(one.getPUT(), "201", ETAG, LOCATION);
            headers(one.getPUT(), "412", ETAG);
        }
        if (one.getPATCH() != null) {
            parameters(one.getPATCH(), IF_MATCH);
            headers(one.getPATCH(), "200", ETAG);
            headers(one.getPATCH(), "412", ETAG);
        }
        if (one.getDELETE() != null) {
            parameters(one.getDELETE(), IF_MATCH);
            headers(one.getDELETE(), "412", ETAG);
        }
    }

    /** What every operation may answer: 429 with Retry-After; 503 with Retry-After; every failure as a Problem. */
    public static void everyOperation(OpenAPI openAPI) {
        components(openAPI);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> e : item.getOperations().entrySet()) {
                Operation o = e.getValue();
                if (o.getResponses() == null) {
                    continue;
                }
                if (o.getResponses().getAPIResponse("429") == null) {
                    o.getResponses().addAPIResponse("429", OASFactory.createAPIResponse()
                            .description("Over the caller's rate limit; nothing was done"));
                }
                headers(o, "429", RETRY_AFTER);
                headers(o, "503", RETRY_AFTER);
                for (Map.Entry<String, APIResponse> answer : o.getResponses().getAPIResponses().entrySet()) {
                    problemOnlyOnFailure(answer.getKey(), answer.getValue());
                }
            }
        }
    }

    /**
     * A failure (4xx, 5xx) answers a {@code Problem}, and only a failure does: a resource that produces JSON and
     * problems lists both on its success too, where a generated client would then ask for either.
     */
    private static void problemOnlyOnFailure(String code, APIResponse answer) {
        if (answer.getRef() != null) {
            return;
        }
        if (code.startsWith("4") || code.startsWith("5")) {
            if (answer.getContent() == null || answer.getContent().getMediaTypes() == null
                    || answer.getContent().getMediaTypes().isEmpty()) {
                answer.content(problem());
            }
        } else if (answer.getContent() != null && answer.getContent().getMediaTypes() != null
                && answer.getContent().getMediaTypes().size() > 1) {
            answer.getContent().removeMediaType(Problem.MEDIA_TYPE);
        }
    }

    private static Content problem() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem")));
    }

    private static void headers(Operation operation, String code, String... names) {
        APIResponse answer = operation.getResponses() == null ? null : operation.getResponses().getAPIResponse(code);
        if (answer == null || answer.getRef() != null) {
            return;
        }
        for (String name : names) {
            if (answer.getHeaders() == null || !answer.getHeaders().containsKey(name)) {
                answer.addHeader(name, OASFactory.createHeader().ref(name));
            }
        }
    }

    private static void parameters(Operation operation, String... names) {
        for (String name : names) {
            String ref = "#/components/parameters/" + name;
            if (operation.getParameters() == null
                    || operation.getParameters().stream().noneMatch(p -> ref.equals(p.getRef()))) {
                operation.addParameter(OASFactory.createParameter().ref(name));
            }
        }
    }
}
