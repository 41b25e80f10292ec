package org.memoria.common.json;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.memoria.common.validation.Text;
import org.memoria.common.validation.Uuids;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * How every Memoria service reads JSON, configured once on the application's ObjectMapper:
 * <ul>
 * <li>strict documents: one value and nothing after it, no field twice in an object, unknown fields refused;</li>
 * <li>no scalar coercion: text is a JSON string (not a number or a boolean), a number is a JSON number, a value of a
 * Memoria enum is exactly its constant's name (not an index, not padded), a UUID is in canonical form
 * ({@link Uuids});</li>
 * <li>every string, at any depth, is {@link Text#problem storable text};</li>
 * <li>problems of a request body are collected, all of them, by {@link InputProblems};</li>
 * <li>Jackson's own messages quote at most {@link Text#EXCERPT_LENGTH} characters of the input.</li>
 * </ul>
 */
@Singleton
public class JsonInput implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        configure(mapper);
    }

    /** Applies the configuration to any mapper (the application's, or a test's). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.getFactory().setErrorReportConfiguration(ErrorReportConfiguration.builder()
                .maxErrorTokenLength(Text.EXCERPT_LENGTH).maxRawContentLength(Text.EXCERPT_LENGTH).build());
        for (LogicalType type : new LogicalType[] { LogicalType.Integer, LogicalType.Float, LogicalType.Boolean }) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.registerModule(new SimpleModule("memoria-input")
                .addDeserializer(String.class, new TextDeserializer())
                .addDeserializer(UUID.class, new UuidDeserializer())
                .addDeserializer(Double.class, new DoubleDeserializer())
                .setDeserializerModifier(new StrictEnums()));
        mapper.addHandler(new InputProblems.Handler());
        return mapper;
    }

    /** A JSON string that can be stored; nothing else is text. */
    static final class TextDeserializer extends StdScalarDeserializer<String> {
        private static final long serialVersionUID = 1L;

        TextDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            String text = p.getText();
            String problem = Text.problem(text);
            return problem == null ? text : (String) ctxt.handleWeirdStringValue(String.class, text, problem);
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** A UUID in canonical form, as a JSON string. */
    static final class UuidDeserializer extends StdScalarDeserializer<UUID> {
        private static final long serialVersionUID = 1L;

        UuidDeserializer() {
            super(UUID.class);
        }

        @Override
        public UUID deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (UUID) ctxt.handleUnexpectedToken(UUID.class, p);
            }
            String text = p.getText();
            UUID id = Uuids.parse(text);
            return id != null ? id : (UUID) ctxt.handleWeirdStringValue(UUID.class, text, Uuids.REASON);
        }
    }

    /** Memoria's enums (the contract's vocabularies) read by exact constant name, nothing else. */
    static final class StrictEnums extends BeanDeserializerModifier {
        private static final long serialVersionUID = 1L;

        @Override
        public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
            Class<?> raw = type.getRawClass();
            return raw.getName().startsWith("org.memoria.") ? new EnumDeserializer(raw) : deserializer;
        }
    }

    static final class EnumDeserializer extends StdScalarDeserializer<Object> {
        private static final long serialVersionUID = 1L;
        private final Map<String, Object> byName = new HashMap<>();

        EnumDeserializer(Class<?> type) {
            super(type);
            for (Object constant : type.getEnumConstants()) {
                byName.put(((Enum<?>) constant).name(), constant);
            }
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return ctxt.handleUnexpectedToken(handledType(), p);
            }
            String text = p.getText();
            Object constant = byName.get(text);
            return constant != null ? constant
                    : ctxt.handleWeirdStringValue(handledType(), text, "not one of " + byName.keySet());
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Enum;
        }
    }

    /** A JSON number; text that looks like one is not. */
    static final class DoubleDeserializer extends StdScalarDeserializer<Double> {
        private static final long serialVersionUID = 1L;

        DoubleDeserializer() {
            super(Double.class);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_NUMBER_INT) || p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
                return p.getDoubleValue();
            }
            return (Double) ctxt.handleUnexpectedToken(Double.class, p);
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Float;
        }
    }
}
