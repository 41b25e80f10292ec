package org.memoria.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A change to the application that the manifests do not follow, or a change to the manifests that the application
 * does not support, fails: each case changes one file (in memory) or one rendered resource and expects the checks to
 * name what broke. The unchanged repository passes (ManifestConsistencyTest), so each problem here is the change's.
 */
class ConfigurationDriftTest {

    static final Repo REPO = Repo.current();

    private static List<String> problems(Repo repo) {
        return new Checks(new Application(repo), Overlay.render(repo, "prod")).all();
    }

    private static List<String> problems(String kind, String name, String patch) {
        Overlay changed = Overlay.render(REPO, "prod").change(kind, name, r -> {
            JsonPatch.apply(r, Kustomize.readAllText(patch).getFirst());
            return r;
        }, REPO);
        return new Checks(new Application(REPO), changed).all();
    }

    private static void expect(List<String> problems, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(problems.stream().anyMatch(p -> p.contains(fragment)),
                    "expected a problem containing \"" + fragment + "\", got:\n" + String.join("\n", problems));
        }
    }

    @Test
    void unchangedRepositoryHasNoProblems() {
        assertEquals(List.of(), problems(REPO));
    }

    @Test
    void renamingAConfigMappingPrefixIsCaught() {
        Repo repo = REPO
                .edit("gateway/src/main/java/org/memoria/gateway/config/GatewayConfig.java", "prefix = \"memoria.gateway\"",
                        "prefix = \"memoria.router\"")
                .edit("gateway/src/main/resources/application.properties", "memoria.gateway.owners", "memoria.router.owners");
        expect(problems(repo), "environment variable MEMORIA_GATEWAY_OWNERS_PEOPLE is no configuration key",
                "memoria.router.owners.people is http://127.0.0.1:8081 in the pod");
    }

    @Test
    void aNewRequiredKeyWithoutAValueIsCaught() {
        Repo repo = REPO.edit("gateway/src/main/java/org/memoria/gateway/config/GatewayConfig.java",
                "        List<URI> sources();",
                "        List<URI> sources();\n\n        List<URI> vocabularies();");
        expect(problems(repo), "memoria.gateway.owners.vocabularies");
    }

    @Test
    void changingAServicesPortIsCaught() {
        Repo repo = REPO.edit("people-service/src/main/resources/application.properties", "quarkus.http.port=8081",
                "quarkus.http.port=8091");
        expect(problems(repo), "people-service listens on 8091 (quarkus.http.port) but its container port http is 8081",
                "people-service startupProbe probes port http, the service listens on 8091");
    }

    @Test
    void movingTheHealthEndpointsIsCaught() {
        Repo repo = REPO.edit(Application.COMMON_PROPERTIES, "quarkus.devservices.enabled=false",
                "quarkus.devservices.enabled=false\nquarkus.smallrye-health.root-path=healthz");
        expect(problems(repo), "gateway readinessProbe asks /q/health/ready, the service answers /q/healthz/ready");
    }

    @Test
    void renamingATopicIsCaught() {
        Repo repo = REPO.edit("common/src/main/java/org/memoria/common/events/Topics.java", "\"memoria.people.v1\"",
                "\"memoria.persons.v1\"");
        expect(problems(repo), "KafkaTopics [memoria.people.v1, memoria.events.v1, memoria.sources.v1], the code uses "
                + "[memoria.persons.v1, memoria.events.v1, memoria.sources.v1]");
    }

    @Test
    void changingThePartitionCountIsCaught() {
        Repo repo = REPO.edit("common/src/main/java/org/memoria/common/outbox/OutboxConfig.java",
                "@WithDefault(\"3\")\n    int partitions();", "@WithDefault(\"6\")\n    int partitions();");
        expect(problems(repo), "the code creates the topics with different partition counts");
    }

    @Test
    void changingADatabaseNameIsCaught() {
        Repo repo = REPO.edit("events-service/src/main/resources/application.properties", "5432/events", "5432/happenings");
        expect(problems(repo), "Cluster events-db creates database events, the service uses happenings");
    }

    @Test
    void aLargerMeasuredFootprintIsCaught() {
        Repo repo = REPO.edit("docs/benchmarks.md", "| gateway | 14.69 s | 2.62 s | 417 MB |", "| gateway | 14.69 s | 2.62 s | 517 MB |");
        expect(problems(repo), "gateway: memory limit 576 MiB < 1.25 x (RSS after load 517 MiB");
    }

    @Test
    void aSlowerMeasuredStartIsCaught() {
        Repo repo = REPO.edit("docs/benchmarks.md", "| people-service | 14.18 s |", "| people-service | 54.18 s |");
        expect(problems(repo), "people-service: the startup probe gives up after 90 s");
    }

    @Test
    void anUndocumentedSecretKeyIsCaught() {
        Repo repo = REPO.edit("deploy/kubernetes/README.md", "--from-literal=issuer=memoria \\\n     --from-file",
                "--from-file");
        expect(problems(repo), "key issuer of Secret memoria-token-issuer is required, but not in every way the README creates it");
    }

    @Test
    void aPodBoundToLoopbackIsCaught() {
        expect(problems("Deployment", "gateway", "- {op: remove, path: /spec/template/spec/containers/0/env/0}"),
                "gateway: quarkus.http.host is 127.0.0.1 in the pod: set QUARKUS_HTTP_HOST");
    }

    @Test
    void aBuildTimeKeyInTheEnvironmentIsCaught() {
        expect(problems("Deployment", "events-service", """
                - op: add
                  path: /spec/template/spec/containers/0/env/-
                  value: {name: QUARKUS_HTTP_ROOT_PATH, value: /archive}
                """), "events-service: QUARKUS_HTTP_ROOT_PATH sets quarkus.http.root-path, which is fixed at build time");
    }

    @Test
    void aMisspeltEnvironmentVariableIsCaught() {
        expect(problems("Deployment", "gateway", """
                - op: replace
                  path: /spec/template/spec/containers/0/env/1/name
                  value: QUARKUS_DATASOURCE_JDBC_URI
                """), "gateway: environment variable QUARKUS_DATASOURCE_JDBC_URI is no configuration key");
    }

    @Test
    void aListenerTheClientsCannotUseIsCaught() {
        expect(problems("Kafka", "memoria", "- {op: replace, path: /spec/kafka/listeners/0/tls, value: true}"),
                "listener plain needs TLS or authentication");
    }

    @Test
    void aDatabaseOpenToAnotherServiceIsCaught() {
        expect(problems("NetworkPolicy", "people-db-from-people-service", """
                - op: replace
                  path: /spec/ingress/0/from/0/podSelector/matchLabels/app.kubernetes.io~1name
                  value: gateway
                """), "gateway can reach people-db on port 5432", "people-service cannot reach people-db on port 5432");
    }

    @Test
    void aServiceThatSelectsNothingIsCaught() {
        expect(problems("Service", "sources-service", """
                - op: replace
                  path: /spec/selector/app.kubernetes.io~1name
                  value: source-service
                """), "Service sources-service selects the pods of 0 Deployments");
    }

    @Test
    void aBudgetForTheWrongPodsIsCaught() {
        expect(problems("PodDisruptionBudget", "events-service", """
                - op: replace
                  path: /spec/selector/matchLabels/app.kubernetes.io~1name
                  value: people-service
                """), "PodDisruptionBudget events-service selects the pods of another Deployment than events-service",
                "events-service has no PodDisruptionBudget");
    }

    @Test
    void tooManyConnectionsForTheDatabaseAreCaught() {
        expect(problems("HorizontalPodAutoscaler", "gateway", "- {op: replace, path: /spec/maxReplicas, value: 12}"),
                "gateway: (12 pods + 1 surge) x 20 connections + 10 reserved = 270 > max_connections 200 of gateway-db");
    }

    @Test
    void aServiceMonitorOnAnotherPathIsCaught() {
        expect(problems("ServiceMonitor", "gateway", "- {op: replace, path: /spec/endpoints/0/path, value: /metrics}"),
                "ServiceMonitor gateway scrapes /metrics, gateway serves its metrics at /q/metrics");
    }

    @Test
    void movingTheMetricsEndpointIsCaught() {
        Repo repo = REPO.edit(Application.COMMON_PROPERTIES, "quarkus.devservices.enabled=false",
                "quarkus.devservices.enabled=false\nquarkus.micrometer.export.prometheus.path=prometheus");
        expect(problems(repo), "ServiceMonitor people-service scrapes /q/metrics, people-service serves its metrics at "
                + "/q/prometheus");
    }

    @Test
    void aServiceNobodyScrapesIsCaught() {
        expect(problems("ServiceMonitor", "sources-service", """
                - op: replace
                  path: /spec/selector/matchLabels/app.kubernetes.io~1name
                  value: source-service
                """), "ServiceMonitor sources-service selects no Service", "no ServiceMonitor scrapes sources-service");
    }

    @Test
    void prometheusShutOutOfTheServicesIsCaught() {
        expect(problems("NetworkPolicy", "services-from-prometheus", """
                - op: replace
                  path: /spec/ingress/0/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name
                  value: observability
                """), "Prometheus (namespace monitoring) cannot reach gateway on port 8080");
    }

    @Test
    void anAlertWithoutASummaryIsCaught() {
        expect(problems("PrometheusRule", "memoria-alerts", "- {op: remove, path: /spec/groups/1/rules/0/annotations/summary}"),
                "alert MemoriaProjectorLagging of PrometheusRule memoria-alerts has no summary");
    }

    @Test
    void aRouteToTheHealthEndpointsIsCaught() {
        expect(problems("HTTPRoute", "memoria", """
                - op: add
                  path: /spec/rules/0/matches/-
                  value: {path: {type: PathPrefix, value: /q/health}}
                """), "HTTPRoute memoria publishes /q/health");
    }
}
