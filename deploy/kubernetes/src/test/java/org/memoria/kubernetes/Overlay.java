package org.memoria.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/** What one overlay produces, as typed models. */
final class Overlay {

    static final List<String> NAMES = List.of("dev", "prod");

    final String name;
    final String namespace;
    final List<ObjectNode> raw;
    final List<HasMetadata> resources;

    private Overlay(String name, List<ObjectNode> raw, Repo repo) {
        this.name = name;
        this.raw = raw;
        this.resources = raw.stream().map(r -> Models.parse(r, repo.kubernetes().resolve("crd-schemas"))).toList();
        this.namespace = resources.getFirst().getMetadata().getNamespace();
    }

    static Overlay render(Repo repo, String name) {
        return new Overlay(name, Kustomize.build(repo.kubernetes().resolve("overlays").resolve(name)), repo);
    }

    /** The same overlay with one rendered resource changed (to show a check failing). */
    Overlay change(String kind, String resourceName, UnaryOperator<ObjectNode> change, Repo repo) {
        List<ObjectNode> copy = raw.stream().map(r -> {
            ObjectNode c = r.deepCopy();
            return c.path("kind").asText().equals(kind) && c.path("metadata").path("name").asText().equals(resourceName)
                    ? change.apply(c) : c;
        }).toList();
        return new Overlay(name, copy, repo);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst();
    }

    List<Deployment> deployments() {
        return all(Deployment.class);
    }

    List<Service> services() {
        return all(Service.class);
    }

    List<PodDisruptionBudget> disruptionBudgets() {
        return all(PodDisruptionBudget.class);
    }

    List<HorizontalPodAutoscaler> autoscalers() {
        return all(HorizontalPodAutoscaler.class);
    }

    List<NetworkPolicy> networkPolicies() {
        return all(NetworkPolicy.class);
    }

    List<HTTPRoute> routes() {
        return all(HTTPRoute.class);
    }

    List<Kafka> kafkas() {
        return all(Kafka.class);
    }

    List<KafkaNodePool> nodePools() {
        return all(KafkaNodePool.class);
    }

    List<KafkaTopic> topics() {
        return all(KafkaTopic.class);
    }

    /** Resources of a kind that has no Java model (CloudNativePG, the Barman Cloud plugin, the Prometheus Operator). */
    List<GenericKubernetesResource> generic(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals(kind)).toList();
    }

    /** A generic resource's spec as JSON. */
    static JsonNode spec(GenericKubernetesResource resource) {
        return Models.JSON.valueToTree(resource.getAdditionalProperties().get("spec"));
    }

    static Map<String, String> labels(HasMetadata resource) {
        Map<String, String> labels = resource.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }
}
