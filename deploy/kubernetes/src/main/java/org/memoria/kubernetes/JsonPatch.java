package org.memoria.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON Patch (RFC 6902) operations {@code add}, {@code remove}, {@code replace} and {@code test}, with JSON Pointers
 * (RFC 6901). {@code move} and {@code copy} are refused rather than ignored.
 */
public final class JsonPatch {

    private JsonPatch() {
    }

    /** Applies the operations in order to {@code target} (changed in place). */
    public static void apply(ObjectNode target, JsonNode operations) {
        if (!operations.isArray()) {
            throw new IllegalArgumentException("a JSON patch is a list of operations, not " + operations.getNodeType());
        }
        for (JsonNode operation : operations) {
            String op = text(operation, "op");
            String path = text(operation, "path");
            switch (op) {
                case "add" -> add(target, path, value(operation));
                case "remove" -> remove(target, path);
                case "replace" -> {
                    remove(target, path);
                    add(target, path, value(operation));
                }
                case "test" -> {
                    JsonNode actual = get(target, path);
                    if (!actual.equals(value(operation))) {
                        throw new IllegalArgumentException("test failed at " + path + ": " + actual);
                    }
                }
                default -> throw new IllegalArgumentException("unsupported JSON patch operation: " + op);
            }
        }
    }

    private static String text(JsonNode operation, String field) {
        JsonNode value = operation.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("a JSON patch operation needs \"" + field + "\": " + operation);
        }
        return value.asText();
    }

    private static JsonNode value(JsonNode operation) {
        if (!operation.has("value")) {
            throw new IllegalArgumentException("a JSON patch operation needs \"value\": " + operation);
        }
        return operation.get("value").deepCopy();
    }

    /** The node at {@code pointer}; fails if there is none. */
    public static JsonNode get(JsonNode root, String pointer) {
        JsonNode node = root;
        for (String token : tokens(pointer)) {
            node = child(node, token, pointer);
        }
        return node;
    }

    private static void add(ObjectNode root, String pointer, JsonNode value) {
        String[] tokens = tokens(pointer);
        if (tokens.length == 0) {
            throw new IllegalArgumentException("cannot replace the whole document");
        }
        JsonNode parent = parent(root, tokens, pointer);
        String last = tokens[tokens.length - 1];
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            if (last.equals("-")) {
                array.add(value);
            } else {
                int index = index(last, array.size() + 1, pointer);
                array.insert(index, value);
            }
        } else {
            throw new IllegalArgumentException("no object or array at the parent of " + pointer);
        }
    }

    private static void remove(ObjectNode root, String pointer) {
        String[] tokens = tokens(pointer);
        if (tokens.length == 0) {
            throw new IllegalArgumentException("cannot remove the whole document");
        }
        JsonNode parent = parent(root, tokens, pointer);
        String last = tokens[tokens.length - 1];
        if (parent instanceof ObjectNode object) {
            if (!object.has(last)) {
                throw new IllegalArgumentException("nothing at " + pointer);
            }
            object.remove(last);
        } else if (parent instanceof ArrayNode array) {
            array.remove(index(last, array.size(), pointer));
        } else {
            throw new IllegalArgumentException("no object or array at the parent of " + pointer);
        }
    }

    private static JsonNode parent(JsonNode root, String[] tokens, String pointer) {
        JsonNode node = root;
        for (int i = 0; i < tokens.length - 1; i++) {
            node = child(node, tokens[i], pointer);
        }
        return node;
    }

    private static JsonNode child(JsonNode node, String token, String pointer) {
        JsonNode child;
        if (node.isObject()) {
            child = node.get(token);
        } else if (node.isArray()) {
            child = node.get(index(token, node.size(), pointer));
        } else {
            child = null;
        }
        if (child == null) {
            throw new IllegalArgumentException("nothing at " + pointer + " (at \"" + token + "\")");
        }
        return child;
    }

    private static int index(String token, int bound, String pointer) {
        if (!token.matches("0|[1-9][0-9]*")) {
            throw new IllegalArgumentException("not an array index in " + pointer + ": " + token);
        }
        int index = Integer.parseInt(token);
        if (index >= bound) {
            throw new IllegalArgumentException("index out of bounds in " + pointer + ": " + token);
        }
        return index;
    }

    private static String[] tokens(String pointer) {
        if (pointer.isEmpty()) {
            return new String[0];
        }
        if (!pointer.startsWith("/")) {
            throw new IllegalArgumentException("a JSON pointer starts with /: " + pointer);
        }
        String[] tokens = pointer.substring(1).split("/", -1);
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = tokens[i].replace("~1", "/").replace("~0", "~");
        }
        return tokens;
    }
}
