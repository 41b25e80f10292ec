package org.memoria.common.rest;

import java.util.LinkedHashMap;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The body of a JSON Merge Patch (RFC 7396) in the OpenAPI document: for an input {@code PersonInput}, a schema
 * {@code PersonPatch} with the same members, none of them required. A generated client sends every required member
 * of a model, even when it is null, and a null in a merge patch removes the member: typed with the input itself, a
 * patch of one member would remove the required ones.
 */
public final class MergePatchDocs {

    private MergePatchDocs() {
    }

    /** The name of the patch schema of the input schema {@code input}, added to the components once. */
    public static String patchSchema(OpenAPI openAPI, String input) {
        String name = input.endsWith("Input") ? input.substring(0, input.length() - "Input".length()) + "Patch"
                : input + "Patch";
        var schemas = openAPI.getComponents().getSchemas();
        if (schemas.containsKey(name)) {
            return name;
        }
        Schema source = schemas.get(input);
        if (source == null) {
            throw new IllegalStateException("No schema " + input + " to make a merge patch of");
        }
        Schema patch = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("A JSON Merge Patch (RFC 7396) of a `" + input + "`: the members to change, none "
                        + "required; `null` removes a member, an array replaces the whole array")
                .properties(new LinkedHashMap<>(source.getProperties()));
        openAPI.getComponents().addSchema(name, patch);
        return name;
    }
}
