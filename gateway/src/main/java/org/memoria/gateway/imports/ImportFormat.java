package org.memoria.gateway.imports;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.memoria.common.contract.EntityKind;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The import format (docs/import.md, docs/import/record.schema.json): records {@code {"kind", "key", "data"}}, one a
 * line (NDJSON) or as the {@code records} of one JSON document (docs/import/archive.schema.json). Reads a line into the PUT its owner gets: the id its key maps to, and its data with every key reference
 * ({@code {"key": "…"}} where an id goes) replaced by the id that key maps to.
 */
public final class ImportFormat {

    /** The kinds a file may hold, in the order they are written (so that an owner finds what a record refers to). */
    public static final List<EntityKind> WRITE_ORDER = List.of(EntityKind.PLACE, EntityKind.PERSON,
            EntityKind.ORGANISATION, EntityKind.SOURCE, EntityKind.EVENT, EntityKind.MEMBERSHIP, EntityKind.RELATION,
            EntityKind.CITATION, EntityKind.CLAIM);
    public static final int MAX_KEY = 200;
    /** The namespace of the keys of archivists' and admins' imports. */
    public static final String ARCHIVE = "archive";

    /** The kind of entity each id-holding field names. */
    private static final Map<String, EntityKind> REFERENCES = Map.ofEntries(
            Map.entry("personId", EntityKind.PERSON), Map.entry("fromPersonId", EntityKind.PERSON),
            Map.entry("toPersonId", EntityKind.PERSON), Map.entry("authorIds", EntityKind.PERSON),
            Map.entry("organisationId", EntityKind.ORGANISATION),
            Map.entry("organisationAuthorIds", EntityKind.ORGANISATION),
            Map.entry("placeId", EntityKind.PLACE), Map.entry("birthPlaceId", EntityKind.PLACE),
            Map.entry("deathPlaceId", EntityKind.PLACE), Map.entry("parentPlaceId", EntityKind.PLACE),
            Map.entry("parentEventId", EntityKind.EVENT), Map.entry("sourceId", EntityKind.SOURCE),
            Map.entry("citationId", EntityKind.CITATION));

    private ImportFormat() {
    }

    /** A line read: its kind and key when it has them; the id and body of its PUT, or why it is rejected. */
    public record Line(EntityKind kind, String key, UUID id, String body, boolean sameKindRef, String field,
            String error) {

        boolean rejected() {
            return error != null;
        }

        Line reject(String field, String error) {
            return new Line(kind, key, id, null, false, field, error);
        }
    }

    /** The stable id of a key: a name-based UUID of (namespace, kind, key). */
    public static UUID id(String namespace, EntityKind kind, String key) {
        return UUID.nameUUIDFromBytes(("memoria-import\u0000" + namespace + "\u0000" + kind.name() + "\u0000" + key)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The kind a file names ("person"), if it is one an import may hold. */
    public static Optional<EntityKind> kind(String name) {
        return WRITE_ORDER.stream().filter(k -> k.name().toLowerCase(Locale.ROOT).equals(name)).findFirst();
    }

    public static String name(EntityKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** Reads one line of an NDJSON file. */
    public static Line read(ObjectMapper json, String namespace, String text) {
        try {
            return read(namespace, json.readTree(text));
        } catch (JsonProcessingException e) {
            return new Line(null, null, null, null, false, null, null).reject(null, "not JSON: " + e.getOriginalMessage());
        }
    }

    /** Reads one record: a line of an NDJSON file, or an item of a document's records. */
    public static Line read(String namespace, JsonNode record) {
        Line none = new Line(null, null, null, null, false, null, null);
        if (record == null || !record.isObject()) {
            return none.reject(null, "a record must be a JSON object with kind, key and data");
        }
        JsonNode kindNode = record.get("kind");
        Optional<EntityKind> kind = kindNode != null && kindNode.isTextual() ? kind(kindNode.textValue())
                : Optional.empty();
        JsonNode keyNode = record.get("key");
        String key = keyNode != null && keyNode.isTextual() ? keyNode.textValue() : null;
        Line read = new Line(kind.orElse(null), key == null || key.length() > MAX_KEY ? null : key, null, null, false,
                null, null);
        if (kind.isEmpty()) {
            return read.reject("kind", "must be one of " + String.join(", ", WRITE_ORDER.stream().map(
                    ImportFormat::name).toList()));
        }
        if (key == null || key.isEmpty() || key.length() > MAX_KEY) {
            return read.reject("key", "must be a string of 1 to " + MAX_KEY + " characters");
        }
        for (Iterator<String> names = record.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!List.of("kind", "key", "data").contains(name)) {
                return read.reject(name, "is not a field of a record (kind, key, data)");
            }
        }
        JsonNode data = record.get("data");
        if (data == null || !data.isObject()) {
            return read.reject("data", "must be an object: the " + name(kind.get()) + "'s input");
        }
        UUID id = id(namespace, kind.get(), key);
        boolean[] sameKind = { false };
        String problem = resolve(namespace, kind.get(), (ObjectNode) data, "data", sameKind);
        if (problem != null) {
            int colon = problem.indexOf(": ");
            return read.reject(problem.substring(0, colon), problem.substring(colon + 2));
        }
        return new Line(kind.get(), key, id, data.toString(), sameKind[0], null, null);
    }

    /** Replaces the key references under this object; the first misplaced one as "field: reason", else null. */
    private static String resolve(String namespace, EntityKind kind, ObjectNode object, String path,
            boolean[] sameKind) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String at = path + "." + field.getKey();
            JsonNode value = field.getValue();
            EntityKind named = REFERENCES.get(field.getKey());
            if (named == null && field.getKey().equals("id") && object.get("kind") != null
                    && object.get("kind").isTextual()) {
                named = kindOfSubject(object.get("kind").textValue());
            }
            if (value.isArray()) {
                ArrayNode array = (ArrayNode) value;
                for (int i = 0; i < array.size(); i++) {
                    String item = at + "[" + i + "]";
                    JsonNode element = array.get(i);
                    if (isReference(element)) {
                        if (named == null) {
                            return item + ": a key reference cannot stand here (this field holds no id)";
                        }
                        String problem = replace(namespace, kind, named, element, item, sameKind);
                        if (problem != null) {
                            return problem;
                        }
                        array.set(i, TextNode.valueOf(id(namespace, named, element.get("key").textValue()).toString()));
                    } else if (element.isObject()) {
                        String problem = resolve(namespace, kind, (ObjectNode) element, item, sameKind);
                        if (problem != null) {
                            return problem;
                        }
                    }
                }
            } else if (isReference(value)) {
                if (named == null) {
                    return at + ": a key reference cannot stand here (this field holds no id)";
                }
                String problem = replace(namespace, kind, named, value, at, sameKind);
                if (problem != null) {
                    return problem;
                }
                field.setValue(TextNode.valueOf(id(namespace, named, value.get("key").textValue()).toString()));
            } else if (value.isObject()) {
                String problem = resolve(namespace, kind, (ObjectNode) value, at, sameKind);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    /** Checks a key reference; notes a reference to the record's own kind. */
    private static String replace(String namespace, EntityKind kind, EntityKind named, JsonNode reference, String at,
            boolean[] sameKind) {
        JsonNode key = reference.get("key");
        if (!key.isTextual() || key.textValue().isEmpty() || key.textValue().length() > MAX_KEY) {
            return at + ".key: must be a string of 1 to " + MAX_KEY + " characters";
        }
        if (named == kind) {
            sameKind[0] = true;
        }
        return null;
    }

    /** {"key": …} and nothing else. */
    private static boolean isReference(JsonNode node) {
        return node.isObject() && node.size() == 1 && node.has("key");
    }

    private static EntityKind kindOfSubject(String kind) {
        try {
            return EntityKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
