package org.memoria.common.rest;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.callbacks.Callback;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Encoding;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Drops the component schemas that nothing in the document reaches: no operation, webhook or other component refers to
 * them, directly or through another schema. SmallRye adds every {@code @Schema}-named class of the index (the shared
 * contracts of all three owners, a generic type's raw form), and a generated client would make a model of each.
 * SmallRye's own {@code remove-unused-schemas} cannot be used: it runs before the build-time filters that refer to
 * schemas no signature names (the gateway's routed inputs, the merge patches).
 */
final class UnusedSchemas {

    private static final String PREFIX = "#/components/schemas/";

    private final Map<String, Schema> schemas;
    private final Set<String> reached = new HashSet<>();
    private final Deque<Schema> todo = new ArrayDeque<>();

    private UnusedSchemas(Map<String, Schema> schemas) {
        this.schemas = schemas;
    }

    static void remove(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null || components.getSchemas() == null) {
            return;
        }
        UnusedSchemas walk = new UnusedSchemas(components.getSchemas());
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().values().forEach(walk::pathItem);
        }
        if (openAPI.getWebhooks() != null) {
            openAPI.getWebhooks().values().forEach(walk::pathItem);
        }
        values(components.getParameters()).forEach(walk::parameter);
        values(components.getHeaders()).forEach(walk::header);
        values(components.getRequestBodies()).forEach(walk::requestBody);
        values(components.getResponses()).forEach(walk::response);
        values(components.getCallbacks()).forEach(walk::callback);
        values(components.getPathItems()).forEach(walk::pathItem);
        while (!walk.todo.isEmpty()) {
            walk.schemaTree(walk.todo.pop());
        }
        for (String name : List.copyOf(components.getSchemas().keySet())) {
            if (!walk.reached.contains(name)) {
                components.removeSchema(name);
            }
        }
    }

    private static <T> Collection<T> values(Map<String, T> map) {
        return map == null ? List.of() : map.values();
    }

    private void pathItem(PathItem item) {
        if (item == null) {
            return;
        }
        if (item.getParameters() != null) {
            item.getParameters().forEach(this::parameter);
        }
        for (Operation o : item.getOperations().values()) {
            if (o.getParameters() != null) {
                o.getParameters().forEach(this::parameter);
            }
            requestBody(o.getRequestBody());
            if (o.getResponses() != null) {
                values(o.getResponses().getAPIResponses()).forEach(this::response);
            }
            values(o.getCallbacks()).forEach(this::callback);
        }
    }

    private void callback(Callback callback) {
        if (callback != null) {
            values(callback.getPathItems()).forEach(this::pathItem);
        }
    }

    private void parameter(Parameter parameter) {
        if (parameter != null) {
            schema(parameter.getSchema());
            content(parameter.getContent());
        }
    }

    private void header(Header header) {
        if (header != null) {
            schema(header.getSchema());
            content(header.getContent());
        }
    }

    private void requestBody(RequestBody body) {
        if (body != null) {
            content(body.getContent());
        }
    }

    private void response(APIResponse response) {
        if (response != null) {
            values(response.getHeaders()).forEach(this::header);
            content(response.getContent());
        }
    }

    private void content(Content content) {
        if (content == null) {
            return;
        }
        for (MediaType type : values(content.getMediaTypes())) {
            schema(type.getSchema());
            for (Encoding encoding : values(type.getEncoding())) {
                values(encoding.getHeaders()).forEach(this::header);
            }
        }
    }

    /** A schema met outside the components: it and every schema it refers to are reached. */
    private void schema(Schema schema) {
        if (schema != null) {
            todo.push(schema);
        }
    }

    /** Every schema inside this one (properties, items, allOf…), following references to components once each. */
    private void schemaTree(Schema schema) {
        String ref = schema.getRef();
        if (ref != null) {
            String name = ref.startsWith(PREFIX) ? ref.substring(PREFIX.length()) : ref.contains("/") ? null : ref;
            if (name != null && reached.add(name)) {
                Schema target = schemas.get(name);
                if (target != null) {
                    todo.push(target);
                }
            }
        }
        nested(schema.getAll());
    }

    private void nested(Object value) {
        if (value instanceof Schema s) {
            todo.push(s);
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(this::nested);
        } else if (value instanceof Collection<?> list) {
            list.forEach(this::nested);
        }
    }
}
