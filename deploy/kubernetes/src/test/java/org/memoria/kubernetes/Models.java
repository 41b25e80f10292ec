package org.memoria.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/**
 * Turns rendered manifests into typed models: fabric8's for Kubernetes' kinds, Strimzi's for Strimzi's, and for the
 * kinds without a Java model a {@link GenericKubernetesResource} checked against the committed schema
 * (crd-schemas/). A field a model does not know is an error, not an "additional property" quietly kept.
 */
final class Models {

    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private static final Map<String, Class<? extends HasMetadata>> TYPED = Map.of(
            "v1 Service", Service.class,
            "v1 ConfigMap", ConfigMap.class,
            "apps/v1 Deployment", Deployment.class,
            "policy/v1 PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2 HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1 NetworkPolicy", NetworkPolicy.class,
            "gateway.networking.k8s.io/v1 HTTPRoute", HTTPRoute.class,
            "kafka.strimzi.io/v1 Kafka", Kafka.class,
            "kafka.strimzi.io/v1 KafkaNodePool", KafkaNodePool.class,
            "kafka.strimzi.io/v1 KafkaTopic", KafkaTopic.class);

    private static Map<String, JsonNode> schemas;

    private Models() {
    }

    /** The typed model of one rendered resource; throws with the resource and the path of what is wrong. */
    static HasMetadata parse(ObjectNode resource, Path schemaDir) {
        String type = resource.path("apiVersion").asText() + " " + resource.path("kind").asText();
        String id = Kustomize.id(resource);
        Class<? extends HasMetadata> model = TYPED.get(type);
        try {
            if (model != null) {
                HasMetadata typed = JSON.convertValue(resource, model);
                List<String> unknown = new ArrayList<>();
                unknownFields(typed, "", unknown, Collections.newSetFromMap(new IdentityHashMap<>()));
                if (!unknown.isEmpty()) {
                    throw new IllegalArgumentException("fields the model does not know: " + unknown);
                }
                return typed;
            }
            JsonNode schema = schemas(schemaDir).get(type);
            if (schema == null) {
                throw new IllegalArgumentException("no model and no schema for " + type);
            }
            ObjectMeta metadata = JSON.convertValue(resource.get("metadata"), ObjectMeta.class);
            List<String> unknown = new ArrayList<>();
            unknownFields(metadata, "metadata", unknown, Collections.newSetFromMap(new IdentityHashMap<>()));
            ObjectNode body = resource.deepCopy();
            body.remove(List.of("apiVersion", "kind", "metadata"));
            validate(body, schema, "", unknown);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("not in the schema: " + unknown);
            }
            return JSON.convertValue(resource, GenericKubernetesResource.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(id + ": " + e.getMessage(), e);
        }
    }

    /** Every non-empty getAdditionalProperties() in the object graph: fields the model did not recognise. */
    private static void unknownFields(Object value, String path, List<String> unknown, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                unknownFields(element, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, unknown, seen));
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8") && !pkg.startsWith("io.strimzi")) {
            return;
        }
        for (Method method : value.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                    || !method.getName().startsWith("get") || method.getName().equals("getClass")) {
                continue;
            }
            Object child;
            try {
                child = method.invoke(value);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (method.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> unknown.add(path + "." + k));
                }
            } else {
                String name = method.getName().substring(3);
                unknownFields(child, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1), unknown, seen);
            }
        }
    }

    /** Checks a value against a structural schema (the subset crd-schemas/README.md describes). */
    static void validate(JsonNode value, JsonNode schema, String path, List<String> errors) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                errors.add(path + ": an integer or a string");
            }
        } else {
            String type = schema.path("type").asText();
            boolean ok = switch (type) {
                case "object" -> value.isObject();
                case "array" -> value.isArray();
                case "string" -> value.isTextual();
                case "integer" -> value.isIntegralNumber();
                case "number" -> value.isNumber();
                case "boolean" -> value.isBoolean();
                default -> throw new IllegalArgumentException("schema at " + path + ": unsupported type " + type);
            };
            if (!ok) {
                errors.add(path + ": not of type " + type);
                return;
            }
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                errors.add(path + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (schema.has("pattern") && value.isTextual()
                && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
            errors.add(path + ": " + value + " does not match " + schema.get("pattern").asText());
        }
        if (schema.has("minimum") && value.isNumber() && value.asDouble() < schema.get("minimum").asDouble()) {
            errors.add(path + ": below the minimum " + schema.get("minimum"));
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    errors.add(path + "." + required.asText() + ": required");
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                String at = path + "." + field.getKey();
                JsonNode property = schema.path("properties").get(field.getKey());
                if (property != null) {
                    validate(field.getValue(), property, at, errors);
                } else if (schema.has("additionalProperties")) {
                    validate(field.getValue(), schema.get("additionalProperties"), at, errors);
                } else if (!schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
                    errors.add(at + ": unknown field");
                }
            }
        } else if (value.isArray()) {
            int i = 0;
            for (JsonNode item : value) {
                validate(item, schema.get("items"), path + "[" + i++ + "]", errors);
            }
        }
    }

    private static synchronized Map<String, JsonNode> schemas(Path dir) {
        if (schemas == null) {
            try (Stream<Path> files = Files.list(dir)) {
                schemas = files.filter(p -> p.toString().endsWith(".yaml")).map(p -> Kustomize.readAll(p).getFirst())
                        .collect(java.util.stream.Collectors.toMap(
                                s -> s.get("apiVersion").asText() + " " + s.get("kind").asText(), s -> s.get("schema")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schemas;
    }
}
