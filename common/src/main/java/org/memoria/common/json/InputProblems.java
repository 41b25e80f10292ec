package org.memoria.common.json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import org.memoria.common.problem.InvalidInputException;
import org.memoria.common.problem.Problem.FieldError;
import org.memoria.common.validation.Text;
import org.memoria.common.validation.Uuids;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;

/**
 * Collects every problem of a request body instead of stopping at the first: while {@link #collecting} reads, a value
 * of the wrong type, an unknown enum constant, a malformed UUID, text that cannot be stored or an unknown field is
 * recorded with its path and read as null (its tokens skipped), and reading goes on. Outside {@link #collecting}
 * (change events, stored documents) Jackson fails as usual.
 */
public final class InputProblems {

    private static final ThreadLocal<List<FieldError>> SINK = new ThreadLocal<>();

    private InputProblems() {
    }

    /** Something that reads a body. */
    @FunctionalInterface
    public interface Read<T> {
        T read() throws IOException;
    }

    /**
     * Reads, collecting problems.
     *
     * @throws InvalidInputException naming every rejected value, with what could be read
     */
    public static <T> T collecting(Read<T> read) throws IOException {
        List<FieldError> outer = SINK.get();
        List<FieldError> sink = new ArrayList<>();
        SINK.set(sink);
        try {
            T value = read.read();
            if (!sink.isEmpty()) {
                throw new InvalidInputException(value, sink);
            }
            return value;
        } finally {
            if (outer == null) {
                SINK.remove();
            } else {
                SINK.set(outer);
            }
        }
    }

    /** The handler registered once on the application's ObjectMapper (see {@link JsonInput}). */
    static final class Handler extends DeserializationProblemHandler {

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                Object beanOrClass, String propertyName) throws IOException {
            List<FieldError> sink = SINK.get();
            if (sink == null) {
                return false;
            }
            Collection<Object> known = deserializer.getKnownPropertyNames();
            sink.add(new FieldError(JsonPaths.property(ctxt.getParser(), propertyName), "unknown field"
                    + (known == null || known.isEmpty() ? "" : "; allowed: " + known.stream().map(Object::toString)
                            .sorted().collect(Collectors.joining(", ")))));
            p.skipChildren();
            return true;
        }

        @Override
        public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String value,
                String failureMsg) {
            List<FieldError> sink = SINK.get();
            if (sink == null) {
                return NOT_HANDLED;
            }
            String reason;
            if (targetType == String.class) {
                reason = failureMsg; // Text.problem: which character, where
            } else if (targetType == UUID.class) {
                reason = Text.quoted(value) + " " + Uuids.REASON;
            } else if (targetType.isEnum()) {
                reason = Text.quoted(value) + " is not one of " + constants(targetType);
            } else {
                reason = Text.quoted(value) + " is not a valid " + targetType.getSimpleName();
            }
            sink.add(new FieldError(JsonPaths.value(ctxt.getParser()), reason));
            return null;
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number value,
                String failureMsg) {
            List<FieldError> sink = SINK.get();
            if (sink == null) {
                return NOT_HANDLED;
            }
            sink.add(new FieldError(JsonPaths.value(ctxt.getParser()), "expected " + expected(targetType)
                    + ", found the number " + Text.excerpt(String.valueOf(value))));
            return null;
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
                String failureMsg) throws IOException {
            List<FieldError> sink = SINK.get();
            if (sink == null) {
                return NOT_HANDLED;
            }
            return skip(sink, p, targetType.getRawClass());
        }

        @Override
        public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass,
                ValueInstantiator valueInsta, JsonParser p, String msg) throws IOException {
            List<FieldError> sink = SINK.get();
            if (sink == null) {
                return NOT_HANDLED;
            }
            return skip(sink, p, instClass);
        }

        private static Object skip(List<FieldError> sink, JsonParser p, Class<?> target) throws IOException {
            sink.add(new FieldError(JsonPaths.value(p), "expected " + expected(target) + ", found "
                    + found(p.currentToken())));
            p.skipChildren();
            return null;
        }
    }

    /** What a client must send for a value of this type. */
    static String expected(Class<?> type) {
        if (type == String.class) {
            return "text";
        }
        if (type == UUID.class) {
            return "a UUID (text)";
        }
        if (type.isEnum()) {
            return "one of " + constants(type) + " (text)";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    static String found(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "text";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> Objects.toString(token.asString(), token.name());
        };
    }

    private static String constants(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                .collect(Collectors.joining(", "));
    }
}
