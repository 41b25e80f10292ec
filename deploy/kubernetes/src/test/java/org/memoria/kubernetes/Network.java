package org.memoria.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;

/**
 * The pods an overlay makes, with their labels and ports, and the NetworkPolicy ingress rules that decide who may
 * reach them: the overlay's own policies plus the one Strimzi writes for the Kafka listeners. The labels the
 * operators give their pods are those of CloudNativePG v1.30.0 (pkg/utils/labels_annotations.go, pkg/specs/pods.go)
 * and Strimzi 1.2.0 (KafkaCluster.generateNetworkPolicy, ResourceLabels).
 */
final class Network {

    /** A kind of pod: where it runs, its labels, its named ports. */
    record Pod(String name, String namespace, Map<String, String> labels, Map<String, Integer> ports) {
    }

    final List<Pod> pods = new ArrayList<>();
    final List<NetworkPolicy> policies = new ArrayList<>();

    Network(Overlay overlay) {
        for (Deployment d : overlay.deployments()) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            d.getSpec().getTemplate().getSpec().getContainers().forEach(c -> c.getPorts()
                    .forEach(p -> ports.put(p.getName(), p.getContainerPort())));
            pods.add(new Pod(d.getMetadata().getName(), overlay.namespace, d.getSpec().getTemplate().getMetadata().getLabels(), ports));
        }
        for (GenericKubernetesResource cluster : overlay.generic("Cluster")) {
            String name = cluster.getMetadata().getName();
            pods.add(new Pod(name, overlay.namespace, Map.of("cnpg.io/cluster", name, "cnpg.io/podRole", "instance",
                    "cnpg.io/instanceRole", "primary", "cnpg.io/instanceName", name + "-1"),
                    Map.of("postgresql", 5432, "metrics", 9187, "status", 8000)));
        }
        for (KafkaNodePool pool : overlay.nodePools()) {
            String kafka = Overlay.labels(pool).get("strimzi.io/cluster");
            pods.add(new Pod(kafka + "-" + pool.getMetadata().getName(), overlay.namespace, Map.of("strimzi.io/cluster", kafka,
                    "strimzi.io/kind", "Kafka", "strimzi.io/name", kafka + "-kafka", "strimzi.io/pool-name",
                    pool.getMetadata().getName()), Map.of()));
        }
        policies.addAll(overlay.networkPolicies());
        for (Kafka kafka : overlay.kafkas()) {
            List<NetworkPolicyIngressRule> rules = new ArrayList<>();
            for (GenericKafkaListener listener : kafka.getSpec().getKafka().getListeners()) {
                rules.add(new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder()
                        .withFrom(listener.getNetworkPolicyPeers() == null ? List.of() : listener.getNetworkPolicyPeers())
                        .addNewPort().withProtocol("TCP").withPort(new IntOrString(listener.getPort())).endPort().build());
            }
            String name = kafka.getMetadata().getName();
            policies.add(new NetworkPolicyBuilder().withNewMetadata().withName(name + "-network-policy-kafka")
                    .withNamespace(overlay.namespace).endMetadata().withNewSpec().withNewPodSelector()
                    .addToMatchLabels("strimzi.io/cluster", name).addToMatchLabels("strimzi.io/kind", "Kafka")
                    .addToMatchLabels("strimzi.io/name", name + "-kafka").endPodSelector().withPolicyTypes("Ingress")
                    .withIngress(rules).endSpec().build());
        }
    }

    static Pod outsider(String namespace) {
        return new Pod("a pod in " + namespace, namespace, Map.of("app", "outsider"), Map.of());
    }

    Pod pod(String name) {
        return pods.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pod " + name));
    }

    /** Whether {@code from} may open a TCP connection to {@code port} of {@code to}. */
    boolean allows(Pod from, Pod to, int port) {
        List<NetworkPolicy> selecting = policies.stream()
                .filter(p -> Objects.equals(p.getMetadata().getNamespace(), to.namespace()))
                .filter(p -> selects(p.getSpec().getPodSelector(), to.labels()))
                .filter(p -> p.getSpec().getPolicyTypes() == null || p.getSpec().getPolicyTypes().isEmpty()
                        || p.getSpec().getPolicyTypes().contains("Ingress"))
                .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        for (NetworkPolicy policy : selecting) {
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                boolean peer = rule.getFrom().isEmpty()
                        || rule.getFrom().stream().anyMatch(f -> peerMatches(f, policy.getMetadata().getNamespace(), from));
                boolean portOk = rule.getPorts().isEmpty() || rule.getPorts().stream().anyMatch(p -> portMatches(p, to, port));
                if (peer && portOk) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean peerMatches(NetworkPolicyPeer peer, String policyNamespace, Pod from) {
        if (peer.getIpBlock() != null) {
            return false; // pod-to-pod traffic is decided by selectors here
        }
        boolean namespaceOk = peer.getNamespaceSelector() == null ? from.namespace().equals(policyNamespace)
                : selects(peer.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", from.namespace()));
        boolean podOk = peer.getPodSelector() == null || selects(peer.getPodSelector(), from.labels());
        return namespaceOk && podOk;
    }

    private static boolean portMatches(NetworkPolicyPort rule, Pod to, int port) {
        if (rule.getProtocol() != null && !rule.getProtocol().equals("TCP")) {
            return false;
        }
        if (rule.getPort() == null) {
            return true;
        }
        Integer wanted = rule.getPort().getIntVal() != null ? rule.getPort().getIntVal() : to.ports().get(rule.getPort().getStrVal());
        if (wanted == null) {
            return false;
        }
        int end = rule.getEndPort() != null ? rule.getEndPort() : wanted;
        return port >= wanted && port <= end;
    }

    /** Kubernetes label selector semantics; an empty selector selects everything. */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String value = labels.get(r.getKey());
                boolean ok = switch (r.getOperator()) {
                    case "In" -> value != null && r.getValues().contains(value);
                    case "NotIn" -> value == null || !r.getValues().contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> throw new IllegalArgumentException("unknown selector operator " + r.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Equality-based selectors (Services, the HTTPRoute's targets): every pair must be among the labels. */
    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty()
                && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
