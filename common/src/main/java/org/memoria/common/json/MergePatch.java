package org.memoria.common.json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import org.memoria.common.problem.InvalidInputException;
import org.memoria.common.problem.Problem;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON Merge Patch (RFC 7396) on a write model: the patch is applied, with Jakarta JSON Processing's
 * {@link Json#createMergePatch}, to the input that would produce the entity's current state, and the result is read
 * and checked exactly as a request body of a {@code PUT} is (every rejected value named, then Bean Validation). A
 * member set to {@code null} removes it; an array is replaced as a whole.
 */
@ApplicationScoped
public class MergePatch {

    /** The media type of a merge patch. */
    public static final String MEDIA_TYPE = "application/merge-patch+json";

    @Inject
    ObjectMapper json;
    @Inject
    Validator validator;

    /**
     * The input after the patch.
     *
     * @throws InvalidInputException        when the patch is not a JSON object or makes a value of the wrong type
     * @throws ConstraintViolationException when the patched input breaks a rule (a required name removed)
     */
    @SuppressWarnings("unchecked")
    public <I> I apply(I current, byte[] patch) {
        JsonValue target;
        JsonValue changes;
        try (JsonReader currentReader = Json.createReader(new StringReader(json.writeValueAsString(current)));
                JsonReader patchReader = Json.createReader(new ByteArrayInputStream(patch))) {
            target = currentReader.readValue();
            changes = patchReader.readValue();
        } catch (JsonParsingException e) {
            throw invalid("is not JSON: " + e.getMessage());
        } catch (JsonException | IOException e) {
            throw invalid("cannot be read: " + e.getMessage());
        }
        if (changes.getValueType() != JsonValue.ValueType.OBJECT) {
            throw invalid("must be a JSON object naming the members to change (RFC 7396)");
        }
        String patched = Json.createMergePatch(changes).apply(target).toString();
        I result;
        try {
            result = InputProblems.collecting(() -> (I) json.readValue(patched, current.getClass()));
        } catch (IOException e) {
            throw invalid("cannot be applied: " + e.getMessage());
        }
        Set<ConstraintViolation<I>> violations = validator.validate(result);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return result;
    }

    private static InvalidInputException invalid(String reason) {
        return new InvalidInputException(null, java.util.List.of(new Problem.FieldError(JsonPaths.BODY, "the merge patch " + reason)));
    }
}
