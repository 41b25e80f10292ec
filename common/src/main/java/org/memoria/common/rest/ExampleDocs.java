package org.memoria.common.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Puts an example on every request and response body of a document, from the sample archive: each lives once in
 * {@code components/examples} and every body refers to it. The examples are files on the class path,
 * {@code /openapi/examples/<name>.<ext>} (common's resources), most of them captured from a running stack by
 * {@code docs/openapi/capture-examples.mjs}. A body's example is found, first match wins, as
 * <ol>
 * <li>{@code <operationId>-<status>} (or {@code <operationId>-request}) with the media type's extension: what only
 * that operation answers (an iCalendar feed, an OAI-PMH response);</li>
 * <li>{@code Problem-<status>} for a problem;</li>
 * <li>the name of the body's schema ({@code Person}, {@code Dossier}), or of its items for an array of them (the
 * example is then a one-item array).</li>
 * </ol>
 * A body with no example file keeps none; the client tests list every body of the gateway's document and fail on one
 * without an example, or on an example a generated client cannot read.
 */
public final class ExampleDocs {

    private static final String FOLDER = "/openapi/examples/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> EXTENSIONS = Map.of("text/calendar", "ics", "text/xml", "xml",
            "application/xml", "xml", "application/n-quads", "nq", "text/plain", "txt", "application/x-www-form-urlencoded",
            "json");

    private ExampleDocs() {
    }

    public static void apply(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                if (operation.getRequestBody() != null) {
                    examples(openAPI, operation, "request", operation.getRequestBody().getContent());
                }
                if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
                    for (Map.Entry<String, APIResponse> answer : operation.getResponses().getAPIResponses().entrySet()) {
                        examples(openAPI, operation, answer.getKey(), answer.getValue().getContent());
                    }
                }
            }
        }
    }

    private static void examples(OpenAPI openAPI, Operation operation, String status, Content content) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        for (Map.Entry<String, MediaType> entry : content.getMediaTypes().entrySet()) {
            MediaType body = entry.getValue();
            if (body.getExample() != null || (body.getExamples() != null && !body.getExamples().isEmpty())) {
                continue;
            }
            String extension = extension(entry.getKey());
            String name = null;
            Object value = null;
            if (operation.getOperationId() != null) {
                name = operation.getOperationId() + "-" + status;
                value = read(name, extension);
            }
            if (value == null && status.matches("[45][0-9][0-9]") && "Problem".equals(schemaName(body.getSchema()))) {
                name = "Problem-" + status;
                value = read(name, extension);
            }
            if (value == null && schemaName(body.getSchema()) != null && json(extension)) {
                name = schemaName(body.getSchema());
                value = read(name, "json");
                if (value == null) {
                    value = page(openAPI, name);
                }
                if (value != null && isArray(body.getSchema())) {
                    name = name + "Array";
                    value = List.of(value);
                }
            }
            if (value != null) {
                body.addExample("sample", OASFactory.createExample().ref(register(openAPI, name, value)));
            }
        }
    }

    /**
     * A page of one item, for a {@code Page<X>} schema (an object whose {@code items} are X's, as SmallRye writes a
     * {@code Page}) without a file of its own: the item is X's example.
     */
    private static Object page(OpenAPI openAPI, String schema) {
        Schema page = openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null ? null
                : openAPI.getComponents().getSchemas().get(schema);
        Schema items = page == null || page.getProperties() == null ? null : page.getProperties().get("items");
        String item = items == null ? null : schemaName(items);
        if (!schema.startsWith("Page") || item == null || page.getProperties().get("total") == null) {
            return null;
        }
        Object example = read(item, "json");
        if (example == null) {
            return null;
        }
        Map<String, Object> value = new LinkedHashMap<>(); // in the order Page has them, the same at every build
        value.put("items", List.of(example));
        value.put("page", 0);
        value.put("size", 20);
        value.put("total", 1);
        return value;
    }

    /** The example under this name in the document's components, added on first use. */
    private static String register(OpenAPI openAPI, String name, Object value) {
        if (openAPI.getComponents() == null) {
            openAPI.components(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        if (components.getExamples() == null || !components.getExamples().containsKey(name)) {
            components.addExample(name, OASFactory.createExample()
                    .summary("From the sample archive (docs/openapi/capture-examples.mjs)").value(withoutNulls(value)));
        }
        return name;
    }

    /**
     * The example without its null members: the archive answers an unknown optional member as null, but the schemas
     * do not say null (a generated client reads a member left out and a null alike), and a linter checks an example
     * against its schema.
     */
    @SuppressWarnings("unchecked")
    private static Object withoutNulls(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> kept = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> {
                if (v != null) {
                    kept.put(k, withoutNulls(v));
                }
            });
            return kept;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ExampleDocs::withoutNulls).toList();
        }
        return value;
    }

    /** The component a schema names, or its items name when it is an array. */
    private static String schemaName(Schema schema) {
        if (schema == null) {
            return null;
        }
        if (schema.getRef() != null) {
            return schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
        }
        if (isArray(schema) && schema.getItems() != null && schema.getItems().getRef() != null) {
            return schemaName(schema.getItems());
        }
        return null;
    }

    private static boolean isArray(Schema schema) {
        return schema != null && schema.getType() != null && schema.getType().contains(Schema.SchemaType.ARRAY);
    }

    /**
     * The extension of an operation's own example file: {@code jsonld} for JSON-LD (so that a JSON and a JSON-LD
     * answer of one operation each have theirs), {@code json} for other JSON and for a form (an object of fields).
     */
    private static String extension(String mediaType) {
        String type = mediaType.split(";")[0].strip();
        if (type.equals("application/ld+json")) {
            return "jsonld";
        }
        return type.endsWith("json") ? "json" : EXTENSIONS.getOrDefault(type, "txt");
    }

    private static boolean json(String extension) {
        return extension.equals("json") || extension.equals("jsonld");
    }

    /** The file's content: JSON as maps and lists (the document writes them as JSON), anything else as text. */
    private static Object read(String name, String extension) {
        try (InputStream in = ExampleDocs.class.getResourceAsStream(FOLDER + name + "." + extension)) {
            if (in == null) {
                return null;
            }
            return json(extension) ? JSON.readValue(in, Object.class)
                    : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OpenAPI example " + name + "." + extension, e);
        }
    }
}
