package org.memoria.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The examples of the gateway's committed document, as a partner's generated client meets them: every request and
 * response body has one, and every JSON example is read by this module's generated client into the body's type with
 * no field it does not know, no enum value it does not have and no value of the wrong type. An example left behind by a
 * renamed field or a removed enum value fails here.
 */
class DocumentExamplesTest {

    private static final Path DOCUMENT = Path.of("../../docs/openapi/gateway/openapi.json");

    private final ObjectMapper strict = new ApiClient().getObjectMapper().copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);

    @Test
    void everyBodyHasAnExampleThatTheGeneratedClientReadsAsItsType() throws IOException {
        JsonNode document = new ObjectMapper().readTree(DOCUMENT.toFile());
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext();) {
                Map.Entry<String, JsonNode> operation = operations.next();
                if (!operation.getValue().has("responses")) {
                    continue; // path-level parameters
                }
                String where = operation.getKey().toUpperCase() + " " + path.getKey();
                JsonNode request = operation.getValue().path("requestBody").path("content");
                checked += check(document, where + " request", request, problems);
                for (Iterator<Map.Entry<String, JsonNode>> answers = operation.getValue().get("responses").fields();
                        answers.hasNext();) {
                    Map.Entry<String, JsonNode> answer = answers.next();
                    checked += check(document, where + " " + answer.getKey(), answer.getValue().path("content"), problems);
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(checked > 300, "the document's bodies were all looked at: " + checked);
    }

    /** The bodies of one request or response: each has an example, and a JSON one reads as its schema's type. */
    private int check(JsonNode document, String where, JsonNode content, List<String> problems) {
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> media = content.fields(); media.hasNext();) {
            Map.Entry<String, JsonNode> body = media.next();
            checked++;
            JsonNode reference = body.getValue().path("examples").path("sample").path("$ref");
            if (reference.isMissingNode()) {
                problems.add(where + " " + body.getKey() + ": no example");
                continue;
            }
            String name = reference.asText().substring("#/components/examples/".length());
            JsonNode value = document.path("components").path("examples").path(name).path("value");
            if (value.isMissingNode()) {
                problems.add(where + " " + body.getKey() + ": its example " + name + " is not in the components");
                continue;
            }
            String type = modelOf(body.getValue().path("schema"));
            if (type == null) {
                continue; // text, XML, JSON-LD or an untyped object: the example is only shown
            }
            try {
                Class<?> model = Class.forName("org.memoria.client.model." + type);
                if (body.getValue().path("schema").path("type").asText().equals("array")) {
                    for (JsonNode item : value) {
                        strict.treeToValue(item, model);
                    }
                } else {
                    strict.treeToValue(value, model);
                }
            } catch (ClassNotFoundException e) {
                problems.add(where + " " + body.getKey() + ": the generated client has no model " + type);
            } catch (IOException e) {
                problems.add(where + " " + body.getKey() + ": example " + name + " is not a " + type + ": "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        return checked;
    }

    /** The generated model a body's schema names (directly or as its items), or null for an inline schema. */
    private static String modelOf(JsonNode schema) {
        JsonNode named = schema.path("type").asText().equals("array") ? schema.path("items") : schema;
        return named.has("$ref") ? named.get("$ref").asText().substring("#/components/schemas/".length()) : null;
    }
}
