package org.memoria.gateway.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The example of an import as one JSON document. Both forms of {@code createImport} share its request example file
 * (common's {@code createImport-request}, an NDJSON file), which the document form must not show: it gets its own
 * example, {@code ImportArchive}, whether the examples were put on before this filter or are put on after it.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ImportsDoc implements OASFilter {

    static final String EXAMPLE = "ImportArchive";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        PathItem imports = openAPI.getPaths() == null ? null : openAPI.getPaths().getPathItem("/api/imports");
        if (imports == null || imports.getPOST() == null || imports.getPOST().getRequestBody() == null) {
            return;
        }
        Content content = imports.getPOST().getRequestBody().getContent();
        var document = content == null ? null : content.getMediaType(MediaType.APPLICATION_JSON);
        if (document == null) {
            return;
        }
        if (openAPI.getComponents() == null) {
            openAPI.components(OASFactory.createComponents());
        }
        openAPI.getComponents().addExample(EXAMPLE, OASFactory.createExample()
                .summary("A small archive as one JSON document (docs/import.md)").value(value()));
        document.setExamples(null);
        document.addExample("sample", OASFactory.createExample().ref(EXAMPLE));
    }

    private static Map<String, Object> value() {
        Map<String, Object> place = record("place", "coyoacan", Map.of("name", "Coyoacán"));
        Map<String, Object> person = record("person", "siqueiros", ordered("preferredName", "David Alfaro Siqueiros",
                "birthDate", "1896-12-29"));
        Map<String, Object> event = record("event", "may-24-1940-attack", ordered("title",
                "Armed attack on Trotsky's house in Coyoacán", "type", "ATTACK", "date", "1940-05-24", "placeId",
                Map.of("key", "coyoacan"), "participants", List.of(ordered("personId", Map.of("key", "siqueiros"),
                        "role", "ORGANISER"))));
        return Map.of("records", List.of(place, person, event));
    }

    private static Map<String, Object> record(String kind, String key, Map<String, Object> data) {
        return ordered("kind", kind, "key", key, "data", data);
    }

    /** A map in the order given: the stored document is the same at every build. */
    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
