package org.memoria.local;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The classes of bad input every Memoria service must refuse with a 400 problem naming the field, derived from a
 * service's OpenAPI document: for a request body, its schema and one valid body give one bad body per field and per
 * class its type admits (text PostgreSQL, JSON or XML cannot hold, too long, a value of another JSON type, an unknown
 * enum constant, a malformed UUID, a number out of range, too many items, a missing required field, an unknown field),
 * plus bad documents (malformed, trailing content, duplicate key, not an object, not UTF-8) and one body with three
 * bad fields at once. For operations, bad path and query parameters. Shared by the services' tests and the fuzz test.
 */
public final class BadInput {

    /** Text PostgreSQL, JSON (UTF-8) or XML 1.0 cannot hold, one of each kind. */
    public static final Map<String, String> UNSTORABLE = unstorable();

    /** A bad body and the fields a correct service names in its 400. */
    public record Case(String fault, List<String> fields, byte[] body) {
        @Override
        public String toString() {
            return fault + " -> " + fields;
        }
    }

    /** A request with a bad path or query parameter, and the parameter a correct service names in its 400. */
    public record ParameterCase(String fault, String method, String path, String field, String contentType) {
        @Override
        public String toString() {
            return method + " " + path + " (" + fault + ")";
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Writes JSON in ASCII only: an unpaired surrogate survives as its escape. */
    private static final ObjectMapper ASCII = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final String VALID_UUID = "599d5dc6-a390-3f2e-8484-4b1c1c5c59a4";
    /** The format the contract gives EDTF strings. */
    private static final String EDTF = "edtf";
    /** A valid EDTF date of 199 characters: one of 18 days. */
    private static final String LONGEST_EDTF = "[" + "1940-05-24,".repeat(17) + "1940-05-25]";

    private final JsonNode openapi;
    private final JsonNode schemas;

    public BadInput(JsonNode openapi) {
        this.openapi = openapi;
        this.schemas = openapi.path("components").path("schemas");
    }

    private static Map<String, String> unstorable() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("NUL", "Mor\u0000nard");
        m.put("unpaired surrogate", "Mor\uD800nard");
        m.put("noncharacter", "Mor\uFFFFnard");
        m.put("control character", "Mor\u0007nard");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The JSON of a body, ASCII only (unstorable characters escaped, as a client would send them). */
    public static byte[] json(JsonNode body) {
        try {
            return ASCII.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every bad body of the schema ({@code PersonInput}), each one mutation of the valid body. */
    public List<Case> bodyCases(String schema, JsonNode valid) {
        List<Case> cases = new ArrayList<>();
        object(resolve(ref(schema)), "", valid, valid, cases);
        cases.addAll(documentCases(valid));
        Case three = threeAtOnce(cases, valid);
        if (three != null) {
            cases.add(three);
        }
        return cases;
    }

    /**
     * The valid body with every free-text field present in it filled to its {@code maxLength} with characters of three
     * UTF-8 bytes (CJK, from a fixed seed), and every EDTF field with a valid date of 199 characters: what the
     * contract allows must fit the columns and indexes behind it.
     */
    public JsonNode longestValid(String schema, JsonNode valid) {
        java.util.Random random = new java.util.Random(1940);
        return rewriteText(schema, valid, (field, current) -> {
            if (EDTF.equals(field.path("format").asText())) {
                return LONGEST_EDTF;
            }
            if (!freeText(field) || !field.has("maxLength")) {
                return current;
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < field.get("maxLength").asInt(); i++) {
                sb.append((char) (0x4E00 + random.nextInt(0x9FFF - 0x4E00)));
            }
            return sb.toString();
        });
    }

    /**
     * The valid body with a marker in every free-text field present in it (appended where the field's limit allows,
     * else in its place), so that whatever a service stores of the body can be found by the marker.
     */
    public JsonNode withMarker(String schema, JsonNode valid, String marker) {
        return rewriteText(schema, valid, (field, current) -> {
            if (!freeText(field)) {
                return current;
            }
            String marked = current + " " + marker;
            return !field.has("maxLength") || marked.length() <= field.get("maxLength").asInt() ? marked : marker;
        });
    }

    /** Text a client writes freely: no format (UUID, EDTF, date), no enum, no pattern but "not blank". */
    private static boolean freeText(JsonNode field) {
        return "string".equals(field.path("type").asText()) && !field.has("format") && !field.has("enum")
                && (!field.has("pattern") || "\\S".equals(field.get("pattern").asText()));
    }

    private interface TextRewrite {
        String apply(JsonNode fieldSchema, String current);
    }

    private JsonNode rewriteText(String schema, JsonNode valid, TextRewrite rewrite) {
        JsonNode body = valid.deepCopy();
        rewrite(resolve(ref(schema)), body, rewrite);
        return body;
    }

    private void rewrite(JsonNode schema, JsonNode value, TextRewrite rewrite) {
        if (value == null || value.isNull()) {
            return;
        }
        if (value.isArray()) {
            JsonNode items = resolveKeepingLimits(schema.path("items"));
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                if (item.isTextual()) {
                    ((ArrayNode) value).set(i, NODES.textNode(rewrite.apply(items, item.asText())));
                } else {
                    rewrite(items, item, rewrite);
                }
            }
        } else if (value.isObject()) {
            schema.path("properties").properties().forEach(p -> {
                JsonNode property = resolveKeepingLimits(p.getValue());
                JsonNode current = value.get(p.getKey());
                if (current != null && current.isTextual()) {
                    ((ObjectNode) value).put(p.getKey(), rewrite.apply(property, current.asText()));
                } else if (current != null) {
                    rewrite(property, current, rewrite);
                }
            });
        }
    }

    /** Bad documents: not JSON, JSON with more after it, a key twice, not an object, not UTF-8, nothing. */
    public static List<Case> documentCases(JsonNode valid) {
        String text = new String(json(valid), StandardCharsets.US_ASCII);
        String body = "(body)";
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("truncated JSON", List.of(body), bytes(text.substring(0, text.length() / 2))));
        cases.add(new Case("trailing content", List.of(body), bytes(text + " {}")));
        cases.add(new Case("trailing garbage", List.of(body), bytes(text + "x")));
        cases.add(new Case("an array, not an object", List.of(body), bytes("[" + text + "]")));
        cases.add(new Case("text, not an object", List.of(body), bytes("\"Ramón\"")));
        cases.add(new Case("null", List.of(body), bytes("null")));
        cases.add(new Case("empty body", List.of(body), new byte[0]));
        cases.add(new Case("single quotes", List.of(body), bytes(text.replace('"', '\''))));
        Iterator<String> names = valid.fieldNames();
        if (names.hasNext()) {
            String first = names.next();
            String repeated = "{\"" + first + "\":" + new String(json(valid.get(first)), StandardCharsets.US_ASCII)
                    + "," + text.substring(1);
            cases.add(new Case("duplicate key", List.of(first), bytes(repeated)));
            byte[] invalidUtf8 = bytes("{\"" + first + "\":\"Mor__nard\"}");
            int at = indexOf(invalidUtf8, (byte) '_');
            invalidUtf8[at] = (byte) 0xC3; // a lead byte followed by an ASCII byte: not UTF-8
            invalidUtf8[at + 1] = (byte) 0x28;
            cases.add(new Case("not UTF-8", List.of(body), invalidUtf8));
        }
        return cases;
    }

    /**
     * For every operation of the document: a path id that is not a UUID, and each query parameter with a value of
     * the wrong kind (not a whole number, out of range, not a UUID, not one of the enum's constants, text that cannot
     * be stored). Path ids are filled with {@code id} where a valid one is needed.
     */
    public List<ParameterCase> parameterCases(UUID id) {
        List<ParameterCase> cases = new ArrayList<>();
        openapi.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            String method = op.getKey().toUpperCase(Locale.ROOT);
            if (!List.of("GET", "PUT", "DELETE", "POST").contains(method)) {
                return;
            }
            List<JsonNode> parameters = new ArrayList<>();
            path.getValue().path("parameters").forEach(parameters::add);
            op.getValue().path("parameters").forEach(parameters::add);
            String template = path.getKey();
            // a body of the type the operation takes, so that the answer is about the parameter, not a 415
            String contentType = op.getValue().path("requestBody").path("content").properties().stream()
                    .map(Map.Entry::getKey).findFirst().orElse("application/json");
            String concrete = template.replaceAll("\\{[^}]+}", id.toString());
            for (JsonNode p : parameters) {
                String name = p.path("name").asText();
                JsonNode schema = resolve(p.path("schema"));
                // the other required query parameters valid, so that the answer is about this one
                StringBuilder others = new StringBuilder();
                for (JsonNode q : parameters) {
                    if ("query".equals(q.path("in").asText()) && q.path("required").asBoolean()
                            && !q.path("name").asText().equals(name)) {
                        others.append(encode(q.path("name").asText())).append('=')
                                .append(encode(validValue(q, id))).append('&');
                    }
                }
                if ("path".equals(p.path("in").asText())) {
                    for (Map.Entry<String, String> bad : badPathValues(schema).entrySet()) {
                        String at = template.replace("{" + name + "}", encode(bad.getValue()))
                                .replaceAll("\\{[^}]+}", id.toString());
                        cases.add(new ParameterCase(name + " " + bad.getKey(), method,
                                others.isEmpty() ? at : at + "?" + others.substring(0, others.length() - 1), name,
                                contentType));
                    }
                } else if ("query".equals(p.path("in").asText())) {
                    for (Map.Entry<String, String> bad : badQueryValues(schema).entrySet()) {
                        cases.add(new ParameterCase(name + " " + bad.getKey(), method,
                                concrete + "?" + others + encode(name) + "=" + encode(bad.getValue()), name, contentType));
                    }
                }
            }
        }));
        return cases;
    }

    /** A value the parameter accepts: its example, the id for a UUID, an enum's first constant, a number's minimum. */
    private String validValue(JsonNode parameter, UUID id) {
        JsonNode schema = resolve(parameter.path("schema"));
        if ("uuid".equals(schema.path("format").asText())) {
            return id.toString();
        }
        if (parameter.has("example")) {
            return parameter.get("example").asText();
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0).asText();
        }
        if ("integer".equals(schema.path("type").asText())) {
            return schema.has("minimum") ? schema.get("minimum").asText() : "1";
        }
        return schema.path("examples").path(0).asText("x");
    }

    private Map<String, String> badPathValues(JsonNode schema) {
        Map<String, String> bad = new LinkedHashMap<>();
        if ("uuid".equals(schema.path("format").asText())) {
            bad.put("not a UUID", "abc");
            bad.put("a shortened UUID", "1-1-1-1-1");
            bad.put("35 characters", VALID_UUID.substring(1));
        }
        bad.put("NUL", "a\u0000");
        bad.put("noncharacter", "a\uFFFF");
        return bad;
    }

    private Map<String, String> badQueryValues(JsonNode schema) {
        Map<String, String> bad = new LinkedHashMap<>();
        String type = schema.path("type").asText();
        if (schema.has("enum")) {
            bad.put("not a constant", "NOPE");
        } else if ("uuid".equals(schema.path("format").asText())) {
            bad.put("not a UUID", "1-1-1-1-1");
        } else if ("integer".equals(type)) {
            bad.put("not a number", "abc");
            bad.put("a fraction", "1.5");
            if (schema.has("maximum")) {
                bad.put("above the maximum", Long.toString(schema.get("maximum").asLong() + 1));
            }
            if (schema.has("minimum")) {
                bad.put("below the minimum", Long.toString(schema.get("minimum").asLong() - 1));
            }
            bad.put("beyond a long", "99999999999999999999");
        } else if ("date".equals(schema.path("format").asText())) {
            bad.put("not a day", "1940-02-30");
        }
        bad.put("NUL", "a\u0000b");
        bad.put("noncharacter", "a\uFFFFb");
        return bad;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // --- bodies, field by field

    private void object(JsonNode schema, String pointer, JsonNode validObject, JsonNode root, List<Case> cases) {
        JsonNode properties = schema.path("properties");
        properties.properties().forEach(p -> {
            String at = pointer + "/" + p.getKey();
            field(resolveKeepingLimits(p.getValue()), at, validObject == null ? null : validObject.get(p.getKey()),
                    root, cases);
        });
        for (JsonNode required : schema.path("required")) {
            String at = pointer + "/" + required.asText();
            if (validObject != null && validObject.has(required.asText())) {
                cases.add(mutation("required field missing", at, null, root));
            }
        }
        if (validObject != null) {
            cases.add(mutation("unknown field", pointer + "/zzUnknownField", NODES.numberNode(1), root));
        }
    }

    private void field(JsonNode schema, String at, JsonNode validValue, JsonNode root, List<Case> cases) {
        String type = schema.path("type").asText();
        if (schema.has("enum")) {
            cases.add(mutation("not one of the constants", at, NODES.textNode("NOPE"), root));
            String first = schema.get("enum").get(0).asText();
            cases.add(mutation("a constant in lower case", at, NODES.textNode(first.toLowerCase(Locale.ROOT)), root));
            cases.add(mutation("a padded constant", at, NODES.textNode(" " + first), root));
            cases.add(mutation("an empty constant", at, NODES.textNode(""), root));
            cases.add(mutation("a number for a constant", at, NODES.numberNode(0), root));
        } else if ("uuid".equals(schema.path("format").asText())) {
            cases.add(mutation("not a UUID", at, NODES.textNode("abc"), root));
            cases.add(mutation("a shortened UUID", at, NODES.textNode("1-1-1-1-1"), root));
            cases.add(mutation("a UUID of 35 characters", at, NODES.textNode(VALID_UUID.substring(1)), root));
            cases.add(mutation("a UUID in base64", at, NODES.textNode("AAAAAAAAAAAAAAAAAAAAAA=="), root));
            cases.add(mutation("a number for a UUID", at, NODES.numberNode(12), root));
        } else if ("string".equals(type)) {
            UNSTORABLE.forEach((fault, text) -> cases.add(mutation(fault, at, NODES.textNode(text), root)));
            if (EDTF.equals(schema.path("format").asText())) {
                cases.add(mutation("malformed EDTF", at, NODES.textNode("1940-13"), root));
                cases.add(mutation("an EDTF year beyond PostgreSQL's dates", at, NODES.textNode("Y170000002"), root));
                cases.add(mutation("an EDTF year before PostgreSQL's dates", at, NODES.textNode("-5000"), root));
            }
            if (schema.has("maxLength")) {
                cases.add(mutation("one character too long", at,
                        NODES.textNode("x".repeat(schema.get("maxLength").asInt() + 1)), root));
            }
            cases.add(mutation("a number for text", at, NODES.numberNode(12), root));
            cases.add(mutation("a boolean for text", at, NODES.booleanNode(true), root));
            cases.add(mutation("an object for text", at, NODES.objectNode(), root));
            cases.add(mutation("an array for text", at, NODES.arrayNode().add("x"), root));
        } else if ("number".equals(type) || "integer".equals(type)) {
            cases.add(mutation("text for a number", at, NODES.textNode("19.3"), root));
            cases.add(mutation("a boolean for a number", at, NODES.booleanNode(false), root));
            if (schema.has("maximum")) {
                cases.add(mutation("above the maximum", at, NODES.numberNode(schema.get("maximum").asDouble() + 1),
                        root));
            }
            if (schema.has("minimum")) {
                cases.add(mutation("below the minimum", at, NODES.numberNode(schema.get("minimum").asDouble() - 1),
                        root));
            }
        } else if ("array".equals(type)) {
            cases.add(mutation("text for an array", at, NODES.textNode("x"), root));
            cases.add(mutation("an object for an array", at, NODES.objectNode(), root));
            JsonNode items = resolveKeepingLimits(schema.path("items"));
            if (validValue != null && validValue.isArray() && !validValue.isEmpty()) {
                JsonNode element = validValue.get(0);
                if (schema.has("maxItems")) {
                    ArrayNode many = NODES.arrayNode();
                    for (int i = 0; i <= schema.get("maxItems").asInt(); i++) {
                        many.add(element.deepCopy());
                    }
                    cases.add(mutation("one item too many", at, many, root));
                }
                cases.add(mutation("a null item", at + "/0", NODES.nullNode(), root));
                field(items, at + "/0", element, root, cases);
            }
        } else if (schema.has("properties")) {
            cases.add(mutation("text for an object", at, NODES.textNode("x"), root));
            cases.add(mutation("an array for an object", at, NODES.arrayNode(), root));
            if (validValue != null && validValue.isObject()) {
                object(schema, at, validValue, root, cases);
            }
        }
    }

    /** Three bad fields in one body (a text, a constant or id, a third of any kind): all three are named. */
    private static Case threeAtOnce(List<Case> cases, JsonNode valid) {
        List<Case> picked = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        for (String fault : List.of("NUL", "not one of the constants", "not a UUID", "one character too long",
                "a number for text", "unpaired surrogate")) {
            for (Case c : cases) {
                if (c.fault().equals(fault) && !fields.contains(c.fields().get(0)) && picked.size() < 3
                        && !c.fields().get(0).contains("[")) {
                    picked.add(c);
                    fields.add(c.fields().get(0));
                    break;
                }
            }
        }
        if (picked.size() < 3) {
            return null;
        }
        JsonNode body = valid.deepCopy();
        try {
            for (Case c : picked) {
                JsonNode mutated = ASCII.readTree(c.body());
                String name = c.fields().get(0);
                String pointer = "/" + name.replace(".", "/");
                ((ObjectNode) body.at(JsonPointer.compile(pointer).head())).set(JsonPointer.compile(pointer).last()
                        .getMatchingProperty(), mutated.at(pointer));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return new Case("three bad fields at once", List.copyOf(fields), json(body));
    }

    /** The valid body with the value at the pointer replaced (null: removed); the field named as services do. */
    private static Case mutation(String fault, String pointer, JsonNode value, JsonNode root) {
        JsonNode body = root.deepCopy();
        JsonPointer at = JsonPointer.compile(pointer);
        JsonNode parent = body.at(at.head());
        if (parent instanceof ObjectNode o) {
            if (value == null) {
                o.remove(at.last().getMatchingProperty());
            } else {
                o.set(at.last().getMatchingProperty(), value);
            }
        } else if (parent instanceof ArrayNode a) {
            a.set(at.last().getMatchingIndex(), value == null ? NODES.nullNode() : value);
        } else {
            throw new IllegalArgumentException("no parent at " + pointer);
        }
        return new Case(fault, List.of(fieldName(pointer)), json(body));
    }

    /** {@code /names/0/name} as services name it: {@code names[0].name}. */
    public static String fieldName(String pointer) {
        StringBuilder sb = new StringBuilder();
        for (String part : pointer.substring(1).split("/")) {
            if (part.matches("\\d+")) {
                sb.append('[').append(part).append(']');
            } else {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(part);
            }
        }
        return sb.toString();
    }

    private JsonNode ref(String schema) {
        return NODES.objectNode().put("$ref", "#/components/schemas/" + schema);
    }

    /** The schema a {@code $ref} names (SmallRye puts enums and UUIDs behind one). */
    private JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int i = 0; i < 5 && s.has("$ref"); i++) {
            s = schemas.path(s.get("$ref").asText().substring("#/components/schemas/".length()));
        }
        return s;
    }

    /** As {@link #resolve}, keeping limits written beside the reference ({@code maxItems}, {@code maxLength}…). */
    private JsonNode resolveKeepingLimits(JsonNode schema) {
        JsonNode resolved = resolve(schema);
        if (resolved == schema || !schema.isObject()) {
            return resolved;
        }
        ObjectNode merged = ((ObjectNode) resolved).deepCopy();
        schema.properties().forEach(e -> {
            if (!e.getKey().equals("$ref") && !merged.has(e.getKey())) {
                merged.set(e.getKey(), e.getValue());
            }
        });
        return merged;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException();
    }
}
