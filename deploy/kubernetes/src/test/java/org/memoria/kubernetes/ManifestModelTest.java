package org.memoria.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every resource an overlay produces parses into a typed model with no field the model does not know; the kinds
 * without a Java model conform to the committed schema. A misspelt or misplaced field fails.
 */
class ManifestModelTest {

    static final Repo REPO = Repo.current();

    private static Map<String, Long> kinds(String overlay) {
        return new TreeMap<>(Overlay.render(REPO, overlay).resources.stream()
                .collect(Collectors.groupingBy(r -> r.getApiVersion() + " " + r.getKind(), Collectors.counting())));
    }

    @Test
    void devHasEveryPartAndNoBackups() {
        assertEquals(Map.of("apps/v1 Deployment", 4L, "autoscaling/v2 HorizontalPodAutoscaler", 1L,
                "gateway.networking.k8s.io/v1 HTTPRoute", 1L, "kafka.strimzi.io/v1 Kafka", 1L,
                "kafka.strimzi.io/v1 KafkaNodePool", 1L, "kafka.strimzi.io/v1 KafkaTopic", 3L,
                "networking.k8s.io/v1 NetworkPolicy", 9L, "policy/v1 PodDisruptionBudget", 4L,
                "postgresql.cnpg.io/v1 Cluster", 4L, "v1 Service", 4L), kinds("dev"));
    }

    @Test
    void prodAddsBackupsAndMonitoring() {
        Map<String, Long> prod = kinds("prod");
        assertEquals(1L, prod.get("barmancloud.cnpg.io/v1 ObjectStore"));
        assertEquals(4L, prod.get("postgresql.cnpg.io/v1 ScheduledBackup"));
        assertEquals(4L, prod.get("monitoring.coreos.com/v1 PodMonitor"));
        assertEquals(4L, prod.get("monitoring.coreos.com/v1 ServiceMonitor"));
        assertEquals(1L, prod.get("monitoring.coreos.com/v1 PrometheusRule"));
        assertEquals(1L, prod.get("v1 ConfigMap"), "the Grafana dashboard");
        assertEquals(11L, prod.get("networking.k8s.io/v1 NetworkPolicy"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Deployment | gateway | /spec/template/spec/containers/0/readinesProbe | readinesProbe",
            "Deployment | gateway | /spec/template/spec/replica | replica",
            "Service | gateway | /spec/selectors | selectors",
            "KafkaTopic | memoria.people.v1 | /spec/partition | partition",
            "Kafka | memoria | /spec/kafka/replicas | replicas",
            "KafkaNodePool | dual | /spec/role | role",
            "Cluster | people-db | /spec/instance | instance",
            "Cluster | people-db | /spec/bootstrap/initdb/databse | databse",
            "ObjectStore | memoria-backups | /spec/configuration/destination | destination",
            "HTTPRoute | memoria | /spec/rules/0/backendRef | backendRef",
            "ServiceMonitor | gateway | /spec/endpoints/0/targetport | targetport",
            "PrometheusRule | memoria-alerts | /spec/groups/0/rules/0/severity | severity",
            "ConfigMap | memoria-dashboard | /spec | spec"})
    void anUnknownFieldFails(String kind, String name, String path, String field) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Overlay.render(REPO, "prod").change(kind, name, r -> {
                    JsonPatch.apply(r, Kustomize.readAllText("- {op: add, path: '" + path + "', value: 1}").getFirst());
                    return r;
                }, REPO));
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Cluster | people-db | /spec/primaryUpdateStrategy | sometimes | is not one of",
            "Cluster | people-db | /spec/instances | '0' | not of type integer",
            "ObjectStore | memoria-backups | /spec/retentionPolicy | 30 days | does not match",
            "ScheduledBackup | people-db-daily | /spec/method | pluginn | is not one of",
            "PrometheusRule | memoria-alerts | /spec/groups/0/rules/0/for | 5 minutes | does not match"})
    void aWrongValueFails(String kind, String name, String path, String value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Overlay.render(REPO, "prod").change(kind, name, r -> {
                    ObjectNode op = Models.JSON.createObjectNode().put("op", "replace").put("path", path).put("value", value);
                    JsonPatch.apply(r, Models.JSON.createArrayNode().add(op));
                    return r;
                }, REPO));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
