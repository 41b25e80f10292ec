package org.memoria.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Builds a kustomization the way {@code kustomize build} does, for exactly the features Memoria's manifests use
 * (docs/decisions/0007-manifests-rendered-by-the-tests.md): {@code resources} (files and directories with a
 * kustomization of their own), {@code patches} that are JSON 6902 operation lists with a {@code target} (group,
 * version, kind, name, namespace; kind and name are anchored regular expressions as in kustomize), {@code namespace}
 * {@code images} (name, newName, newTag, digest) and {@code configMapGenerator} (name, files, and the options
 * disableNameSuffixHash, which must be true, and labels). Generated resources join the loaded ones; transformations then
 * run in kustomize's order: patches, namespace, images. Every other field is refused, so that a manifest never relies
 * on a feature this renderer would silently skip. Unlike kustomize, a patch whose target matches nothing is an error.
 */
public final class Kustomize {

    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "resources", "patches", "namespace", "images",
            "configMapGenerator");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "CustomResourceDefinition", "ClusterRole",
            "ClusterRoleBinding", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass", "GatewayClass");

    private Kustomize() {
    }

    /** The resources the kustomization in {@code directory} produces, in the order they were loaded. */
    public static List<ObjectNode> build(Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + directory);
        }
        List<JsonNode> documents = readAll(file);
        if (documents.size() != 1 || !documents.getFirst().isObject()) {
            throw new IllegalArgumentException(file + ": one kustomization per file");
        }
        JsonNode kustomization = documents.getFirst();
        for (Iterator<String> it = kustomization.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(file + ": unsupported kustomization field \"" + field + "\"");
            }
        }
        if (kustomization.has("kind") && !kustomization.get("kind").asText().equals("Kustomization")) {
            throw new IllegalArgumentException(file + ": unsupported kind " + kustomization.get("kind").asText());
        }

        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode entry : list(kustomization, "resources")) {
            Path path = directory.resolve(entry.asText()).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(build(path));
            } else if (Files.isRegularFile(path)) {
                for (JsonNode document : readAll(path)) {
                    if (!document.isObject()) {
                        throw new IllegalArgumentException(path + ": a resource is a mapping");
                    }
                    resources.add((ObjectNode) document);
                }
            } else {
                throw new IllegalArgumentException(file + ": resource not found: " + entry.asText());
            }
        }
        for (JsonNode generator : list(kustomization, "configMapGenerator")) {
            resources.add(configMap(directory, file, generator));
        }
        checkUnique(resources, file);

        for (JsonNode patch : list(kustomization, "patches")) {
            applyPatch(directory, file, patch, resources);
        }
        if (kustomization.has("namespace")) {
            String namespace = kustomization.get("namespace").asText();
            for (ObjectNode resource : resources) {
                if (CLUSTER_SCOPED.contains(resource.path("kind").asText())) {
                    throw new IllegalArgumentException("cluster-scoped kinds are not supported: " + id(resource));
                }
                metadata(resource).put("namespace", namespace);
            }
            checkUnique(resources, file);
        }
        for (JsonNode image : list(kustomization, "images")) {
            setImage(image, resources, file);
        }
        return resources;
    }

    private static void applyPatch(Path directory, Path file, JsonNode patch, List<ObjectNode> resources) {
        for (Iterator<String> it = patch.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!Set.of("path", "patch", "target").contains(field)) {
                throw new IllegalArgumentException(file + ": unsupported patch field \"" + field + "\"");
            }
        }
        JsonNode target = patch.get("target");
        if (target == null) {
            throw new IllegalArgumentException(file + ": a patch needs a target (strategic merge is not supported)");
        }
        JsonNode operations;
        if (patch.has("path")) {
            Path path = directory.resolve(patch.get("path").asText());
            List<JsonNode> documents = readAll(path);
            if (documents.size() != 1) {
                throw new IllegalArgumentException(path + ": one JSON patch per file");
            }
            operations = documents.getFirst();
        } else if (patch.has("patch")) {
            operations = parse(patch.get("patch").asText());
        } else {
            throw new IllegalArgumentException(file + ": a patch needs a path or a patch");
        }
        if (!operations.isArray()) {
            throw new IllegalArgumentException(file + ": only JSON 6902 patches are supported (" + patch + ")");
        }
        int matched = 0;
        for (ObjectNode resource : resources) {
            if (matches(target, resource, file)) {
                JsonPatch.apply(resource, operations);
                matched++;
            }
        }
        if (matched == 0) {
            throw new IllegalArgumentException(file + ": patch target matches nothing: " + target);
        }
    }

    /**
     * A ConfigMap whose data are files of the kustomization's directory, each under its file name (or the key before
     * {@code =}), with kustomize's field order. The name hash kustomize appends by default is not implemented: it must be
     * disabled.
     */
    private static ObjectNode configMap(Path directory, Path file, JsonNode generator) {
        refuseOthers(generator, Set.of("name", "files", "options"), file, "configMapGenerator");
        JsonNode options = generator.path("options");
        if (options.isObject()) {
            refuseOthers(options, Set.of("disableNameSuffixHash", "labels"), file, "configMapGenerator options");
        }
        if (!options.path("disableNameSuffixHash").asBoolean()) {
            throw new IllegalArgumentException(file + ": configMapGenerator " + generator.path("name").asText()
                    + " needs options.disableNameSuffixHash: true (the name hash is not supported)");
        }
        ObjectNode configMap = YAML.createObjectNode();
        configMap.put("apiVersion", "v1");
        ObjectNode data = configMap.putObject("data");
        for (JsonNode entry : list(generator, "files")) {
            String spec = entry.asText();
            int eq = spec.indexOf('=');
            String relative = eq >= 0 ? spec.substring(eq + 1) : spec;
            Path source = directory.resolve(relative).normalize();
            if (!source.startsWith(directory.normalize())) {
                throw new IllegalArgumentException(file + ": " + relative + " is outside the kustomization's directory");
            }
            String key = eq >= 0 ? spec.substring(0, eq) : source.getFileName().toString();
            try {
                data.put(key, Files.readString(source));
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": cannot read " + relative, e);
            }
        }
        configMap.put("kind", "ConfigMap");
        ObjectNode metadata = configMap.putObject("metadata");
        if (options.has("labels")) {
            metadata.set("labels", options.get("labels").deepCopy());
        }
        metadata.put("name", generator.path("name").asText());
        return configMap;
    }

    private static void refuseOthers(JsonNode node, Set<String> allowed, Path file, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw new IllegalArgumentException(file + ": unsupported " + where + " field \"" + field + "\"");
            }
        }
    }

    static boolean matches(JsonNode target, ObjectNode resource, Path file) {
        String apiVersion = resource.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        for (Iterator<Map.Entry<String, JsonNode>> it = target.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String wanted = e.getValue().asText();
            boolean ok = switch (e.getKey()) {
                case "group" -> group.equals(wanted);
                case "version" -> version.equals(wanted);
                case "kind" -> Pattern.matches(wanted, resource.path("kind").asText());
                case "name" -> Pattern.matches(wanted, resource.path("metadata").path("name").asText());
                case "namespace" -> Pattern.matches(wanted, resource.path("metadata").path("namespace").asText());
                default -> throw new IllegalArgumentException(file + ": unsupported patch target field \"" + e.getKey() + "\"");
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static void setImage(JsonNode image, List<ObjectNode> resources, Path file) {
        for (Iterator<String> it = image.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!Set.of("name", "newName", "newTag", "digest").contains(field)) {
                throw new IllegalArgumentException(file + ": unsupported images field \"" + field + "\"");
            }
        }
        String name = image.path("name").asText();
        for (ObjectNode resource : resources) {
            setImage(resource, name, image);
        }
    }

    /** Every {@code containers[].image} and {@code initContainers[].image}, wherever they are, as kustomize does. */
    private static void setImage(JsonNode node, String name, JsonNode image) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if ((e.getKey().equals("containers") || e.getKey().equals("initContainers")) && e.getValue().isArray()) {
                    for (JsonNode container : e.getValue()) {
                        if (container.isObject() && container.has("image")) {
                            String current = container.get("image").asText();
                            String updated = retag(current, name, image);
                            if (updated != null) {
                                ((ObjectNode) container).set("image", TextNode.valueOf(updated));
                            }
                        }
                    }
                } else {
                    setImage(e.getValue(), name, image);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                setImage(child, name, image);
            }
        }
    }

    /** The new reference for {@code current} if its name is {@code name}, else null. */
    static String retag(String current, String name, JsonNode image) {
        String reference = current;
        String suffix = "";
        int at = reference.indexOf('@');
        if (at >= 0) {
            suffix = reference.substring(at);
            reference = reference.substring(0, at);
        }
        int slash = reference.lastIndexOf('/');
        int colon = reference.lastIndexOf(':');
        if (colon > slash) {
            suffix = reference.substring(colon) + suffix;
            reference = reference.substring(0, colon);
        }
        if (!reference.equals(name)) {
            return null;
        }
        String newName = image.has("newName") ? image.get("newName").asText() : reference;
        if (image.has("digest")) {
            return newName + "@" + image.get("digest").asText();
        }
        if (image.has("newTag")) {
            return newName + ":" + image.get("newTag").asText();
        }
        return newName + suffix;
    }

    private static void checkUnique(List<ObjectNode> resources, Path file) {
        Set<String> ids = new HashSet<>();
        for (ObjectNode resource : resources) {
            if (!ids.add(id(resource))) {
                throw new IllegalArgumentException(file + ": resource defined twice: " + id(resource));
            }
        }
    }

    /** apiVersion, kind, namespace and name: what identifies a resource in a build. */
    public static String id(JsonNode resource) {
        JsonNode metadata = resource.path("metadata");
        return resource.path("apiVersion").asText() + " " + resource.path("kind").asText() + " "
                + metadata.path("namespace").asText("~") + "/" + metadata.path("name").asText();
    }

    private static ObjectNode metadata(ObjectNode resource) {
        JsonNode metadata = resource.get("metadata");
        if (metadata == null || !metadata.isObject()) {
            throw new IllegalArgumentException("a resource without metadata: " + resource);
        }
        return (ObjectNode) metadata;
    }

    private static Iterable<JsonNode> list(JsonNode kustomization, String field) {
        JsonNode value = kustomization.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException("\"" + field + "\" is a list");
        }
        return (ArrayNode) value;
    }

    /** Every non-empty YAML document of a file. */
    public static List<JsonNode> readAll(Path file) {
        try {
            return documents(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every non-empty YAML document of a text. */
    public static List<JsonNode> readAllText(String yaml) {
        try {
            return documents(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(yaml);
                MappingIterator<JsonNode> it = YAML.readValues(parser, JsonNode.class)) {
            while (it.hasNext()) {
                JsonNode document = it.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    private static JsonNode parse(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
