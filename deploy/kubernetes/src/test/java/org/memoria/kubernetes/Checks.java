package org.memoria.kubernetes;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/**
 * Holds one overlay's manifests to what the application really does. Every check adds a sentence to
 * {@link #problems} instead of failing at the first one, so that a test lists everything that is wrong.
 */
final class Checks {

    /** Routed prefixes the gateway does not serve yet (none today; OAI-PMH at /oai was one until it was built). */
    static final Set<String> PLANNED_PREFIXES = Set.of();
    /** Namespace of the CloudNativePG operator (its default install, README). */
    static final String CNPG_OPERATOR_NAMESPACE = "cnpg-system";
    /** The keys of the Secret {@code <cluster>-app} (CloudNativePG v1.30.0, pkg/specs/secrets.go). */
    static final Set<String> CNPG_APP_SECRET_KEYS = Set.of("username", "user", "password", "dbname", "host", "port",
            "pgpass", "uri", "jdbc-uri", "fqdn-uri", "fqdn-jdbc-uri");
    /** Connections a database keeps for itself: superuser_reserved_connections (3), replication, the instance manager. */
    static final int RESERVED_CONNECTIONS = 10;
    static final double MEMORY_HEADROOM = 1.25;
    static final double STARTUP_MARGIN = 2.0;

    final Application app;
    final Overlay overlay;
    final ExtensionConfig extensions = ExtensionConfig.get();
    final List<String> problems = new ArrayList<>();

    Checks(Application app, Overlay overlay) {
        this.app = app;
        this.overlay = overlay;
    }

    List<String> all() {
        services();
        configuration();
        portsAndProbes();
        addresses();
        secrets();
        topics();
        selectors();
        network();
        sizing();
        databaseConnections();
        route();
        databases();
        monitoring();
        return problems;
    }

    private void problem(String format, Object... args) {
        problems.add("[" + overlay.name + "] " + String.format(format, args));
    }

    // ---- the services and their configuration

    Optional<Deployment> deployment(Application.Service service) {
        return overlay.deployments().stream()
                .filter(d -> service.name().equals(Overlay.labels(d).get("app.kubernetes.io/name"))).findFirst();
    }

    Optional<Container> container(Application.Service service) {
        return deployment(service).flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(service.name())).findFirst());
    }

    /** The environment of a service's container: literal values, and secret references shown as {@code <secret/key>}. */
    Map<String, String> environment(Application.Service service) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : container(service).map(Container::getEnv).orElse(List.of())) {
            SecretKeySelector secret = var.getValueFrom() != null ? var.getValueFrom().getSecretKeyRef() : null;
            env.put(var.getName(), secret != null ? "<" + secret.getName() + "/" + secret.getKey() + ">" : var.getValue());
        }
        return env;
    }

    /** A key's value in the pod: its environment variable, else the packaged properties, else the extension's default. */
    Optional<String> effective(Application.Service service, String key) {
        String env = environment(service).get(JavaConfigScanner.envName(key));
        if (env != null) {
            return Optional.of(env);
        }
        return service.packaged(key, app.common).or(() -> extensions.byName(key).flatMap(ExtensionConfig.Key::defaultValue))
                .or(() -> Optional.ofNullable(service.keys().get(key)).flatMap(JavaConfigScanner.Key::defaultValue));
    }

    void services() {
        for (Application.Service service : app.services) {
            Optional<Deployment> deployment = deployment(service);
            if (deployment.isEmpty()) {
                problem("service %s has no Deployment labelled app.kubernetes.io/name=%s", service.name(), service.name());
                continue;
            }
            PodSpec pod = deployment.get().getSpec().getTemplate().getSpec();
            if (container(service).isEmpty()) {
                problem("Deployment %s has no container named %s", service.name(), service.name());
                continue;
            }
            String image = "memoria/" + service.name() + ":" + app.projectVersion;
            if (!container(service).get().getImage().equals(image)) {
                problem("Deployment %s runs %s, not %s", service.name(), container(service).get().getImage(), image);
            }
            // SmallRye Config reads every environment variable: service links (FOO_PORT=tcp://...) would be configuration
            if (!Boolean.FALSE.equals(pod.getEnableServiceLinks())) {
                problem("Deployment %s must set enableServiceLinks: false", service.name());
            }
        }
    }

    void configuration() {
        for (Application.Service service : app.services) {
            if (container(service).isEmpty()) {
                continue;
            }
            Set<String> appKeys = app.propertyKeys(service);
            // a key counts as read when the code reads it (@ConfigMapping, @ConfigProperty) or an extension declares it,
            // not merely because a properties file sets it
            for (String env : environment(service).keySet()) {
                if (Application.JVM_ENVIRONMENT.contains(env)) {
                    continue;
                }
                Optional<String> key = service.keys().keySet().stream().filter(k -> k.endsWith(".*")
                                ? env.startsWith(JavaConfigScanner.envName(k.substring(0, k.length() - 2)) + "_")
                                : JavaConfigScanner.envName(k).equals(env)).findFirst()
                        .or(() -> extensions.byEnv(env).map(ExtensionConfig.Key::name));
                if (key.isEmpty()) {
                    problem("%s: environment variable %s is no configuration key the service reads", service.name(), env);
                    continue;
                }
                Optional<ExtensionConfig.Key> extension = extensions.byName(key.get());
                if (extension.isPresent() && !extension.get().runtime()) {
                    problem("%s: %s sets %s, which is fixed at build time", service.name(), env, key.get());
                }
            }
            for (JavaConfigScanner.Key key : service.keys().values()) {
                if (key.required() && effective(service, key.name()).isEmpty()) {
                    problem("%s: %s (%s) has no value in the pod", service.name(), key.name(), key.source());
                }
            }
            // nothing in a pod may still point at the machine it runs on
            for (String key : appKeys) {
                String value = effective(service, key).orElse("");
                if (!key.contains("test") && (value.contains("127.0.0.1") || value.contains("localhost"))) {
                    problem("%s: %s is %s in the pod: set %s", service.name(), key, value, JavaConfigScanner.envName(key));
                }
            }
        }
    }

    void portsAndProbes() {
        for (Application.Service service : app.services) {
            Optional<Container> found = container(service);
            if (found.isEmpty()) {
                continue;
            }
            Container container = found.get();
            int port = Integer.parseInt(effective(service, "quarkus.http.port").orElseThrow());
            Integer http = container.getPorts().stream().filter(p -> "http".equals(p.getName()))
                    .map(p -> p.getContainerPort()).findFirst().orElse(null);
            if (http == null || http != port) {
                problem("%s listens on %d (quarkus.http.port) but its container port http is %s", service.name(), port, http);
            }
            String health = join(nonApplicationRoot(service), packaged(service, "quarkus.smallrye-health.root-path"));
            check(service, "startupProbe", container.getStartupProbe(),
                    join(health, packaged(service, "quarkus.smallrye-health.startup-path")), port, container);
            check(service, "livenessProbe", container.getLivenessProbe(),
                    join(health, packaged(service, "quarkus.smallrye-health.liveness-path")), port, container);
            check(service, "readinessProbe", container.getReadinessProbe(),
                    join(health, packaged(service, "quarkus.smallrye-health.readiness-path")), port, container);
        }
    }

    /** A build-time key as packaged, else Quarkus's default from the extension's model. */
    private String packaged(Application.Service service, String key) {
        return service.packaged(key, app.common).orElseGet(() -> extensions.quarkusDefault(key));
    }

    String nonApplicationRoot(Application.Service service) {
        String root = packaged(service, "quarkus.http.root-path");
        return join(root, packaged(service, "quarkus.http.non-application-root-path"));
    }

    static String join(String base, String path) {
        if (path.startsWith("/")) {
            return path;
        }
        return (base.endsWith("/") ? base : base + "/") + path;
    }

    private void check(Application.Service service, String kind, Probe probe, String path, int port, Container container) {
        if (probe == null || probe.getHttpGet() == null) {
            problem("%s has no HTTP %s", service.name(), kind);
            return;
        }
        HTTPGetAction get = probe.getHttpGet();
        if (!path.equals(get.getPath())) {
            problem("%s %s asks %s, the service answers %s", service.name(), kind, get.getPath(), path);
        }
        Integer probed = resolve(get.getPort(), container);
        if (probed == null || probed != port) {
            problem("%s %s probes port %s, the service listens on %d", service.name(), kind, text(get.getPort()), port);
        }
    }

    static String text(IntOrString value) {
        return value == null ? "none" : value.getIntVal() != null ? value.getIntVal().toString() : value.getStrVal();
    }

    private static Integer resolve(IntOrString port, Container container) {
        if (port == null) {
            return null;
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).map(p -> p.getContainerPort())
                .findFirst().orElse(null);
    }

    // ---- where the services connect to

    Optional<GenericKubernetesResource> databaseOf(Application.Service service) {
        String url = effective(service, "quarkus.datasource.jdbc.url").orElse("");
        Matcher m = Pattern.compile("jdbc:postgresql://([a-z0-9-]+)-rw(?::(\\d+))?/(\\w+)").matcher(url);
        if (!m.matches()) {
            return Optional.empty();
        }
        return overlay.generic("Cluster").stream().filter(c -> c.getMetadata().getName().equals(m.group(1))).findFirst();
    }

    void addresses() {
        for (Application.Service service : app.services) {
            if (container(service).isEmpty()) {
                continue;
            }
            Map<String, String> env = environment(service);
            String url = effective(service, "quarkus.datasource.jdbc.url").orElse("");
            Optional<GenericKubernetesResource> cluster = databaseOf(service);
            if (cluster.isEmpty()) {
                problem("%s: %s is not the read-write service of a CloudNativePG Cluster (jdbc:postgresql://<cluster>-rw:5432/<db>)",
                        service.name(), url);
            } else {
                String name = cluster.get().getMetadata().getName();
                String database = Overlay.spec(cluster.get()).path("bootstrap").path("initdb").path("database").asText();
                String expected = "jdbc:postgresql://" + name + "-rw:5432/" + app.databaseName(service);
                if (!url.equals(expected) && !url.equals(expected.replace(":5432", ""))) {
                    problem("%s: the JDBC URL is %s, expected %s", service.name(), url, expected);
                }
                if (!database.equals(app.databaseName(service))) {
                    problem("%s: Cluster %s creates database %s, the service uses %s", service.name(), name, database,
                            app.databaseName(service));
                }
                for (String[] credential : List.of(new String[] {"QUARKUS_DATASOURCE_USERNAME", "username"},
                        new String[] {"QUARKUS_DATASOURCE_PASSWORD", "password"})) {
                    String want = "<" + name + "-app/" + credential[1] + ">";
                    if (!want.equals(env.get(credential[0]))) {
                        problem("%s: %s must come from %s, not %s", service.name(), credential[0], want, env.get(credential[0]));
                    }
                }
            }

            String bootstrap = effective(service, "kafka.bootstrap.servers").orElse("");
            Matcher k = Pattern.compile("([a-z0-9-]+)-kafka-bootstrap:(\\d+)").matcher(bootstrap);
            Optional<Kafka> kafka = k.matches() ? overlay.find(Kafka.class, k.group(1)) : Optional.empty();
            if (kafka.isEmpty()) {
                problem("%s: kafka.bootstrap.servers=%s is not a Strimzi Kafka's bootstrap service", service.name(), bootstrap);
            } else {
                int port = Integer.parseInt(k.group(2));
                Optional<GenericKafkaListener> listener = kafka.get().getSpec().getKafka().getListeners().stream()
                        .filter(l -> l.getPort() == port).findFirst();
                if (listener.isEmpty()) {
                    problem("%s: Kafka %s has no listener on %d", service.name(), k.group(1), port);
                } else if (!app.kafkaClientsHaveSecuritySettings()
                        && (listener.get().isTls() || listener.get().getAuth() != null)) {
                    problem("%s: listener %s needs TLS or authentication, but the services' Kafka clients are given "
                            + "kafka.bootstrap.servers only", service.name(), listener.get().getName());
                }
            }

            for (String key : service.keys().keySet()) {
                if (!key.startsWith("memoria.gateway.owners.")) {
                    continue;
                }
                String packagedUrl = service.packaged(key, app.common).orElse("");
                Optional<Application.Service> owner = app.serviceOnPort(URI.create(packagedUrl).getPort());
                URI target = URI.create(effective(service, key).orElse(""));
                Optional<Service> svc = overlay.find(Service.class, String.valueOf(target.getHost()));
                if (owner.isEmpty()) {
                    problem("%s: %s=%s names no service's port", service.name(), key, packagedUrl);
                } else if (svc.isEmpty()) {
                    problem("%s: %s=%s names no Service", service.name(), key, target);
                } else {
                    Optional<Deployment> ownerDeployment = deployment(owner.get());
                    Optional<ServicePort> port = svc.get().getSpec().getPorts().stream()
                            .filter(p -> p.getPort() == target.getPort()).findFirst();
                    int ownerPort = Integer.parseInt(effective(owner.get(), "quarkus.http.port").orElseThrow());
                    if (ownerDeployment.isEmpty() || !Network.selects(svc.get().getSpec().getSelector(),
                            ownerDeployment.get().getSpec().getTemplate().getMetadata().getLabels())) {
                        problem("%s: %s reaches Service %s, which does not select %s", service.name(), key,
                                target.getHost(), owner.get().name());
                    } else if (port.isEmpty() || !Integer.valueOf(ownerPort).equals(
                            resolve(port.get().getTargetPort(), container(owner.get()).orElseThrow()))) {
                        problem("%s: %s reaches %s, which is not %s's port %d", service.name(), key, target,
                                owner.get().name(), ownerPort);
                    }
                }
            }
        }
    }

    // ---- secrets

    void secrets() {
        Map<String, List<Set<String>>> documented = app.documentedSecrets();
        List<String[]> references = new ArrayList<>(); // name, key, optional, where
        for (Deployment d : overlay.deployments()) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvVar var : c.getEnv()) {
                    SecretKeySelector s = var.getValueFrom() != null ? var.getValueFrom().getSecretKeyRef() : null;
                    if (s != null) {
                        references.add(new String[] {s.getName(), s.getKey(), String.valueOf(Boolean.TRUE.equals(s.getOptional())),
                                d.getMetadata().getName() + " " + var.getName()});
                    }
                }
            }
            for (Volume v : d.getSpec().getTemplate().getSpec().getVolumes()) {
                if (v.getSecret() != null) {
                    boolean optional = Boolean.TRUE.equals(v.getSecret().getOptional());
                    if (v.getSecret().getItems() == null || v.getSecret().getItems().isEmpty()) {
                        references.add(new String[] {v.getSecret().getSecretName(), null, String.valueOf(optional),
                                d.getMetadata().getName() + " volume " + v.getName()});
                    }
                    v.getSecret().getItems().forEach(i -> references.add(new String[] {v.getSecret().getSecretName(),
                            i.getKey(), String.valueOf(optional), d.getMetadata().getName() + " volume " + v.getName()}));
                }
            }
        }
        for (GenericKubernetesResource store : overlay.generic("ObjectStore")) {
            Overlay.spec(store).path("configuration").path("s3Credentials").fields().forEachRemaining(e -> references.add(
                    new String[] {e.getValue().path("name").asText(), e.getValue().path("key").asText(), "false",
                            "ObjectStore " + store.getMetadata().getName()}));
        }
        Set<String> operatorSecrets = new java.util.HashSet<>();
        overlay.generic("Cluster").forEach(c -> operatorSecrets.add(c.getMetadata().getName() + "-app"));
        for (String[] ref : references) {
            String name = ref[0];
            String key = ref[1];
            boolean optional = Boolean.parseBoolean(ref[2]);
            if (operatorSecrets.contains(name)) {
                if (key != null && !CNPG_APP_SECRET_KEYS.contains(key)) {
                    problem("%s: CloudNativePG's Secret %s has no key %s", ref[3], name, key);
                }
            } else if (!documented.containsKey(name)) {
                problem("%s: Secret %s is neither made by an operator nor documented in deploy/kubernetes/README.md",
                        ref[3], name);
            } else if (key != null) {
                List<Set<String>> variants = documented.get(name);
                boolean inAll = variants.stream().allMatch(v -> v.contains(key));
                boolean inAny = variants.stream().anyMatch(v -> v.contains(key));
                if (!optional && !inAll) {
                    problem("%s: key %s of Secret %s is required, but not in every way the README creates it", ref[3], key, name);
                } else if (!inAny) {
                    problem("%s: the README never puts key %s into Secret %s", ref[3], key, name);
                }
            }
        }
    }

    // ---- Kafka

    void topics() {
        Set<String> expected = app.topics();
        Map<String, Integer> counts = app.partitionCounts();
        Set<Integer> distinct = Set.copyOf(counts.values());
        if (distinct.size() != 1) {
            problem("the code creates the topics with different partition counts: %s", counts);
        }
        int partitions = counts.values().iterator().next();
        for (Application.Service service : app.services) {
            service.packaged("memoria.outbox.topic", app.common).filter(t -> !expected.contains(t))
                    .ifPresent(t -> problem("%s publishes to %s, which is not in Topics", service.name(), t));
        }
        Set<String> declared = new java.util.LinkedHashSet<>();
        int brokers = overlay.nodePools().stream().filter(p -> p.getSpec().getRoles().contains(ProcessRoles.BROKER))
                .mapToInt(p -> p.getSpec().getReplicas()).sum();
        boolean controllers = overlay.nodePools().stream().anyMatch(p -> p.getSpec().getRoles().contains(ProcessRoles.CONTROLLER));
        if (brokers == 0 || !controllers) {
            problem("Kafka needs node pools with the broker and the controller role (KRaft): %d brokers, controllers %s",
                    brokers, controllers);
        }
        for (KafkaTopic topic : overlay.topics()) {
            String name = topic.getSpec().getTopicName() != null ? topic.getSpec().getTopicName() : topic.getMetadata().getName();
            declared.add(name);
            String cluster = Overlay.labels(topic).get("strimzi.io/cluster");
            if (overlay.find(Kafka.class, String.valueOf(cluster)).isEmpty()) {
                problem("KafkaTopic %s: strimzi.io/cluster=%s names no Kafka", name, cluster);
            }
            if (!Integer.valueOf(partitions).equals(topic.getSpec().getPartitions())) {
                problem("KafkaTopic %s has %s partitions, the code creates it with %d (%s)", name,
                        topic.getSpec().getPartitions(), partitions, counts.keySet());
            }
            Map<String, Object> config = topic.getSpec().getConfig() == null ? Map.of() : topic.getSpec().getConfig();
            if (!"compact".equals(config.get("cleanup.policy"))) {
                problem("KafkaTopic %s is not compacted (cleanup.policy=%s)", name, config.get("cleanup.policy"));
            }
            int replicas = topic.getSpec().getReplicas() == null ? 1 : topic.getSpec().getReplicas();
            Object minIsr = config.getOrDefault("min.insync.replicas", overlay.kafkas().isEmpty() ? 1
                    : overlay.kafkas().getFirst().getSpec().getKafka().getConfig().getOrDefault("min.insync.replicas", 1));
            int isr = Integer.parseInt(String.valueOf(minIsr));
            if (replicas > brokers) {
                problem("KafkaTopic %s wants %d replicas on %d brokers", name, replicas, brokers);
            }
            if (isr > replicas || (replicas > 1 && isr >= replicas)) {
                problem("KafkaTopic %s: min.insync.replicas %d with %d replicas: acks=all writes %s", name, isr, replicas,
                        isr > replicas ? "never succeed" : "stop when one broker is down");
            }
        }
        if (!declared.equals(expected)) {
            problem("KafkaTopics %s, the code uses %s", declared, expected);
        }
        for (Kafka kafka : overlay.kafkas()) {
            kafka.getSpec().getKafka().getConfig().forEach((key, value) -> {
                if (key.endsWith("replication.factor") && Integer.parseInt(String.valueOf(value)) > brokers) {
                    problem("Kafka %s: %s=%s with %d brokers", kafka.getMetadata().getName(), key, value, brokers);
                }
            });
        }
    }

    // ---- selectors

    private long deploymentsSelected(Map<String, String> selector) {
        return overlay.deployments().stream()
                .filter(d -> Network.selects(selector, d.getSpec().getTemplate().getMetadata().getLabels())).count();
    }

    void selectors() {
        Network network = new Network(overlay);
        for (Deployment d : overlay.deployments()) {
            if (!Network.selects(d.getSpec().getSelector(), d.getSpec().getTemplate().getMetadata().getLabels())) {
                problem("Deployment %s does not select its own pods", d.getMetadata().getName());
            }
            var affinity = d.getSpec().getTemplate().getSpec().getAffinity();
            if (affinity != null && affinity.getPodAntiAffinity() != null) {
                for (WeightedPodAffinityTerm term : affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()) {
                    if (!Network.selects(term.getPodAffinityTerm().getLabelSelector(), d.getSpec().getTemplate().getMetadata().getLabels())) {
                        problem("Deployment %s: its anti-affinity does not select its own pods", d.getMetadata().getName());
                    }
                }
            }
        }
        for (Service s : overlay.services()) {
            long n = deploymentsSelected(s.getSpec().getSelector());
            if (n != 1) {
                problem("Service %s selects the pods of %d Deployments", s.getMetadata().getName(), n);
            } else if (overlay.find(Deployment.class, s.getMetadata().getName()).filter(d -> Network.selects(
                    s.getSpec().getSelector(), d.getSpec().getTemplate().getMetadata().getLabels())).isEmpty()) {
                problem("Service %s selects the pods of another Deployment than %s", s.getMetadata().getName(),
                        s.getMetadata().getName());
            }
            for (ServicePort port : s.getSpec().getPorts()) {
                overlay.deployments().stream().filter(d -> Network.selects(s.getSpec().getSelector(),
                        d.getSpec().getTemplate().getMetadata().getLabels())).forEach(d -> {
                            if (resolve(port.getTargetPort(), d.getSpec().getTemplate().getSpec().getContainers().getFirst()) == null) {
                                problem("Service %s: target port %s is no port of %s", s.getMetadata().getName(),
                                        text(port.getTargetPort()), d.getMetadata().getName());
                            }
                        });
            }
        }
        for (PodDisruptionBudget pdb : overlay.disruptionBudgets()) {
            long n = overlay.deployments().stream().filter(d -> Network.selects(pdb.getSpec().getSelector(),
                    d.getSpec().getTemplate().getMetadata().getLabels())).count();
            if (n != 1) {
                problem("PodDisruptionBudget %s selects the pods of %d Deployments", pdb.getMetadata().getName(), n);
            } else if (overlay.find(Deployment.class, pdb.getMetadata().getName()).filter(d -> Network.selects(
                    pdb.getSpec().getSelector(), d.getSpec().getTemplate().getMetadata().getLabels())).isEmpty()) {
                problem("PodDisruptionBudget %s selects the pods of another Deployment than %s",
                        pdb.getMetadata().getName(), pdb.getMetadata().getName());
            }
            IntOrString max = pdb.getSpec().getMaxUnavailable();
            if (max == null || max.getIntVal() == null || max.getIntVal() < 1) {
                problem("PodDisruptionBudget %s must let a drain evict one pod (maxUnavailable >= 1)", pdb.getMetadata().getName());
            }
        }
        for (Application.Service service : app.services) {
            deployment(service).ifPresent(d -> {
                if (overlay.disruptionBudgets().stream().noneMatch(p -> Network.selects(p.getSpec().getSelector(),
                        d.getSpec().getTemplate().getMetadata().getLabels()))) {
                    problem("%s has no PodDisruptionBudget", service.name());
                }
            });
        }
        for (HorizontalPodAutoscaler hpa : overlay.autoscalers()) {
            var ref = hpa.getSpec().getScaleTargetRef();
            Optional<Deployment> target = overlay.find(Deployment.class, ref.getName());
            if (!"Deployment".equals(ref.getKind()) || target.isEmpty()) {
                problem("HorizontalPodAutoscaler %s scales %s %s, which does not exist", hpa.getMetadata().getName(),
                        ref.getKind(), ref.getName());
                continue;
            }
            if (target.get().getSpec().getReplicas() != null) {
                problem("Deployment %s sets replicas, but HorizontalPodAutoscaler %s owns them", ref.getName(),
                        hpa.getMetadata().getName());
            }
            if (hpa.getSpec().getMinReplicas() == null || hpa.getSpec().getMinReplicas() > hpa.getSpec().getMaxReplicas()) {
                problem("HorizontalPodAutoscaler %s: minReplicas %s, maxReplicas %d", hpa.getMetadata().getName(),
                        hpa.getSpec().getMinReplicas(), hpa.getSpec().getMaxReplicas());
            }
            if (target.get().getSpec().getTemplate().getSpec().getContainers().stream()
                    .anyMatch(c -> c.getResources() == null || c.getResources().getRequests() == null
                            || !c.getResources().getRequests().containsKey("cpu"))) {
                problem("HorizontalPodAutoscaler %s scales on CPU, but %s requests none", hpa.getMetadata().getName(), ref.getName());
            }
        }
        for (NetworkPolicy policy : overlay.networkPolicies()) {
            if (policy.getSpec().getPodSelector().getMatchLabels() != null || policy.getSpec().getPodSelector().getMatchExpressions() != null) {
                if (network.pods.stream().noneMatch(p -> Network.selects(policy.getSpec().getPodSelector(), p.labels()))) {
                    problem("NetworkPolicy %s selects no pod", policy.getMetadata().getName());
                }
            }
            policy.getSpec().getIngress().forEach(rule -> rule.getFrom().forEach(peer -> checkPeer(network, peer,
                    "NetworkPolicy " + policy.getMetadata().getName())));
        }
        for (Kafka kafka : overlay.kafkas()) {
            for (GenericKafkaListener listener : kafka.getSpec().getKafka().getListeners()) {
                if (listener.getNetworkPolicyPeers() == null || listener.getNetworkPolicyPeers().isEmpty()) {
                    problem("Kafka listener %s is open to every pod (no networkPolicyPeers)", listener.getName());
                } else {
                    listener.getNetworkPolicyPeers().forEach(peer -> checkPeer(network, peer, "Kafka listener " + listener.getName()));
                }
            }
        }
        for (KafkaNodePool pool : overlay.nodePools()) {
            if (overlay.find(Kafka.class, String.valueOf(Overlay.labels(pool).get("strimzi.io/cluster"))).isEmpty()) {
                problem("KafkaNodePool %s names no Kafka", pool.getMetadata().getName());
            }
        }
        for (GenericKubernetesResource monitor : overlay.generic("PodMonitor")) {
            Map<String, String> selector = Models.JSON.convertValue(Overlay.spec(monitor).path("selector").path("matchLabels"),
                    Models.JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
            List<Network.Pod> pods = network.pods.stream().filter(p -> Network.selects(selector, p.labels())).toList();
            if (pods.isEmpty()) {
                problem("PodMonitor %s selects no pod", monitor.getMetadata().getName());
            }
            for (JsonNode endpoint : Overlay.spec(monitor).path("podMetricsEndpoints")) {
                pods.stream().filter(p -> !p.ports().containsKey(endpoint.path("port").asText())).forEach(p -> problem(
                        "PodMonitor %s scrapes port %s, which %s does not have", monitor.getMetadata().getName(),
                        endpoint.path("port").asText(), p.name()));
            }
        }
    }

    private void checkPeer(Network network, NetworkPolicyPeer peer, String where) {
        if (peer.getPodSelector() != null && peer.getNamespaceSelector() == null
                && network.pods.stream().noneMatch(p -> Network.selects(peer.getPodSelector(), p.labels()))) {
            problem("%s admits pods selected by %s: there are none", where, peer.getPodSelector().getMatchLabels());
        }
    }

    // ---- who may reach whom

    Optional<Application.Service> gateway() {
        return app.services.stream().filter(s -> s.keys().keySet().stream().anyMatch(k -> k.startsWith("memoria.gateway.owners."))).findFirst();
    }

    void network() {
        Network network = new Network(overlay);
        Optional<Application.Service> gateway = gateway();
        List<Application.Service> owners = app.services.stream().filter(s -> gateway.isEmpty() || s != gateway.get()).toList();
        Network.Pod stranger = Network.outsider(overlay.namespace);
        String proxyNamespace = overlay.routes().stream().flatMap(r -> r.getSpec().getParentRefs().stream())
                .map(p -> p.getNamespace() != null ? p.getNamespace() : overlay.namespace).findFirst().orElse(overlay.namespace);
        Network.Pod proxy = Network.outsider(proxyNamespace);
        Map<Application.Service, Network.Pod> pods = new LinkedHashMap<>();
        app.services.forEach(s -> deployment(s).ifPresent(d -> pods.put(s, network.pod(d.getMetadata().getName()))));

        for (Map.Entry<Application.Service, Network.Pod> target : pods.entrySet()) {
            int port = target.getValue().ports().getOrDefault("http", -1);
            boolean isGateway = gateway.isPresent() && target.getKey() == gateway.get();
            expect(network, proxy, target.getValue(), port, isGateway);
            expect(network, stranger, target.getValue(), port, false);
            for (Map.Entry<Application.Service, Network.Pod> source : pods.entrySet()) {
                if (source.getKey() != target.getKey()) {
                    boolean fromGatewayToOwner = !isGateway && gateway.isPresent() && source.getKey() == gateway.get();
                    expect(network, source.getValue(), target.getValue(), port, fromGatewayToOwner);
                }
            }
        }
        for (Application.Service service : app.services) {
            databaseOf(service).ifPresent(cluster -> {
                Network.Pod db = network.pod(cluster.getMetadata().getName());
                expect(network, stranger, db, 5432, false);
                pods.forEach((other, pod) -> expect(network, pod, db, 5432, other == service));
                expect(network, Network.outsider(CNPG_OPERATOR_NAMESPACE), db, 8000, true);
            });
        }
        for (Network.Pod kafka : network.pods.stream().filter(p -> "Kafka".equals(p.labels().get("strimzi.io/kind"))).toList()) {
            for (Application.Service service : app.services) {
                Matcher bootstrap = Pattern.compile(":(\\d+)$").matcher(effective(service, "kafka.bootstrap.servers").orElse(""));
                if (!bootstrap.find()) {
                    continue; // addresses() names the problem
                }
                int port = Integer.parseInt(bootstrap.group(1));
                if (pods.containsKey(service)) {
                    expect(network, pods.get(service), kafka, port, true);
                }
                expect(network, stranger, kafka, port, false);
            }
        }
        if (owners.isEmpty()) {
            problem("no owners found");
        }
    }

    private void expect(Network network, Network.Pod from, Network.Pod to, int port, boolean allowed) {
        if (network.allows(from, to, port) != allowed) {
            problem("%s %s reach %s on port %d", from.name(), allowed ? "cannot" : "can", to.name(), port);
        }
    }

    // ---- sizes, from docs/benchmarks.md

    void sizing() {
        Map<String, Application.Measured> measured = app.measured();
        double coresPerJvm = (double) app.benchmarkCores() / measured.size();
        int benchHeap = heapMiB(app.repo.read("docs/benchmarks.md")).orElseThrow();
        for (Application.Service service : app.services) {
            Optional<Container> found = container(service);
            Application.Measured m = measured.get(service.name());
            if (found.isEmpty()) {
                continue;
            }
            if (m == null) {
                problem("docs/benchmarks.md has no start time and memory for %s", service.name());
                continue;
            }
            Container c = found.get();
            Map<String, Quantity> requests = c.getResources().getRequests();
            Map<String, Quantity> limits = c.getResources().getLimits();
            if (requests == null || !requests.containsKey("cpu") || !requests.containsKey("memory") || limits == null
                    || !limits.containsKey("memory")) {
                problem("%s needs cpu and memory requests and a memory limit", service.name());
                continue;
            }
            double limit = mib(limits.get("memory"));
            int heap = heapMiB(environment(service).getOrDefault("JAVA_TOOL_OPTIONS", "")).orElse(-1);
            if (heap < 0) {
                problem("%s: JAVA_TOOL_OPTIONS sets no -Xmx: the heap would follow the node, not the limit", service.name());
                continue;
            }
            double needed = MEMORY_HEADROOM * (m.rssAfterLoadMiB() - benchHeap + heap);
            if (limit < needed) {
                problem("%s: memory limit %.0f MiB < %.2f x (RSS after load %d MiB with a %d MiB heap, here %d MiB) = %.0f MiB",
                        service.name(), limit, MEMORY_HEADROOM, m.rssAfterLoadMiB(), benchHeap, heap, needed);
            }
            if (mib(requests.get("memory")) > limit) {
                problem("%s requests more memory than its limit", service.name());
            }
            double cpu = Quantity.getAmountInBytes(requests.get("cpu")).doubleValue();
            Probe startup = c.getStartupProbe();
            if (startup != null) {
                int window = nz(startup.getInitialDelaySeconds()) + nz(startup.getPeriodSeconds(), 10) * nz(startup.getFailureThreshold(), 3);
                double expected = STARTUP_MARGIN * m.readyTogetherSeconds() * coresPerJvm / cpu;
                if (window < expected) {
                    problem("%s: the startup probe gives up after %d s; measured %.2f s on %.2f cores, so %.0f s on %s "
                            + "(x%.0f margin)", service.name(), window, m.readyTogetherSeconds(), coresPerJvm, expected,
                            requests.get("cpu"), STARTUP_MARGIN);
                }
            }
            if (overlay.name.equals("prod")) {
                Deployment d = deployment(service).orElseThrow();
                int replicas = overlay.autoscalers().stream().filter(h -> h.getSpec().getScaleTargetRef().getName()
                        .equals(d.getMetadata().getName())).map(h -> h.getSpec().getMinReplicas()).findFirst()
                        .orElse(nz(d.getSpec().getReplicas(), 1));
                if (replicas < 2) {
                    problem("%s runs %d replica in prod", service.name(), replicas);
                }
                var affinity = d.getSpec().getTemplate().getSpec().getAffinity();
                if (affinity == null || affinity.getPodAntiAffinity() == null) {
                    problem("%s has no pod anti-affinity in prod", service.name());
                }
                if (mib(requests.get("memory")) != limit) {
                    problem("%s: in prod the memory request equals the limit", service.name());
                }
            }
        }
    }

    static Optional<Integer> heapMiB(String text) {
        Matcher m = Pattern.compile("-Xmx(\\d+)([mMgG])").matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        int n = Integer.parseInt(m.group(1));
        return Optional.of(m.group(2).equalsIgnoreCase("g") ? n * 1024 : n);
    }

    private static double mib(Quantity q) {
        return Quantity.getAmountInBytes(q).doubleValue() / (1024 * 1024);
    }

    private static int nz(Integer value) {
        return value == null ? 0 : value;
    }

    private static int nz(Integer value, int otherwise) {
        return value == null ? otherwise : value;
    }

    /** Every pod's connection pool, at the most replicas and during a rolling update, fits the database's max_connections. */
    void databaseConnections() {
        for (Application.Service service : app.services) {
            Optional<Deployment> d = deployment(service);
            Optional<GenericKubernetesResource> cluster = databaseOf(service);
            if (d.isEmpty() || cluster.isEmpty()) {
                continue;
            }
            int replicas = overlay.autoscalers().stream().filter(h -> h.getSpec().getScaleTargetRef().getName()
                    .equals(d.get().getMetadata().getName())).map(h -> h.getSpec().getMaxReplicas()).findFirst()
                    .orElse(nz(d.get().getSpec().getReplicas(), 1));
            var rolling = d.get().getSpec().getStrategy() == null ? null : d.get().getSpec().getStrategy().getRollingUpdate();
            int surge = rolling == null || rolling.getMaxSurge() == null ? (int) Math.ceil(replicas * 0.25)
                    : rolling.getMaxSurge().getIntVal() != null ? rolling.getMaxSurge().getIntVal()
                    : (int) Math.ceil(replicas * Integer.parseInt(rolling.getMaxSurge().getStrVal().replace("%", "")) / 100.0);
            int pool = Integer.parseInt(effective(service, "quarkus.datasource.jdbc.max-size").orElseThrow());
            JsonNode max = Overlay.spec(cluster.get()).path("postgresql").path("parameters").path("max_connections");
            int maxConnections = max.isMissingNode() ? 100 : Integer.parseInt(max.asText());
            int needed = (replicas + surge) * pool + RESERVED_CONNECTIONS;
            if (needed > maxConnections) {
                problem("%s: (%d pods + %d surge) x %d connections + %d reserved = %d > max_connections %d of %s",
                        service.name(), replicas, surge, pool, RESERVED_CONNECTIONS, needed, maxConnections,
                        cluster.get().getMetadata().getName());
            }
        }
    }

    // ---- the public route

    void route() {
        Optional<Application.Service> gateway = gateway();
        if (gateway.isEmpty() || deployment(gateway.get()).isEmpty()) {
            problem("no gateway Deployment");
            return;
        }
        if (overlay.routes().isEmpty()) {
            problem("no HTTPRoute");
        }
        Application.Service gw = gateway.get();
        String nonApp = nonApplicationRoot(gw);
        Set<String> docs = Set.of(join(nonApp, gw.packaged("quarkus.smallrye-openapi.path", app.common).orElse("openapi")),
                join(nonApp, packaged(gw, "quarkus.swagger-ui.path")));
        Set<String> served = app.resourcePrefixes(gw);
        for (String planned : PLANNED_PREFIXES) {
            if (served.contains(planned)) {
                problem("the gateway now serves %s: remove it from Checks.PLANNED_PREFIXES", planned);
            }
        }
        for (HTTPRoute route : overlay.routes()) {
            for (ParentReference parent : route.getSpec().getParentRefs()) {
                if (!"Gateway".equals(parent.getKind()) || parent.getName() == null) {
                    problem("HTTPRoute %s attaches to %s %s", route.getMetadata().getName(), parent.getKind(), parent.getName());
                }
            }
            for (HTTPRouteRule rule : route.getSpec().getRules()) {
                for (var backend : rule.getBackendRefs()) {
                    Optional<Service> svc = overlay.find(Service.class, backend.getName());
                    if (svc.isEmpty() || svc.get().getSpec().getPorts().stream().noneMatch(p -> p.getPort().equals(backend.getPort()))) {
                        problem("HTTPRoute %s sends to %s:%s, which is no Service port", route.getMetadata().getName(),
                                backend.getName(), backend.getPort());
                    } else if (!Network.selects(svc.get().getSpec().getSelector(),
                            deployment(gw).get().getSpec().getTemplate().getMetadata().getLabels())) {
                        problem("HTTPRoute %s sends to %s, which is not the gateway", route.getMetadata().getName(), backend.getName());
                    }
                }
                for (HTTPRouteMatch match : rule.getMatches()) {
                    String path = match.getPath().getValue();
                    if (path.startsWith(nonApp + "/") || path.equals(nonApp)) {
                        if (!docs.contains(path)) {
                            problem("HTTPRoute %s publishes %s: of the non-application endpoints only %s are public",
                                    route.getMetadata().getName(), path, docs);
                        }
                    } else {
                        String prefix = "/" + path.substring(1).split("/")[0];
                        if (!served.contains(prefix) && !PLANNED_PREFIXES.contains(prefix)) {
                            problem("HTTPRoute %s routes %s, which the gateway does not serve (%s)",
                                    route.getMetadata().getName(), path, served);
                        }
                    }
                }
            }
        }
    }

    // ---- monitoring: the services' metrics are scraped where they are served, and the dashboards and alerts parse

    /** Namespace of Prometheus (README: the Prometheus Operator's Prometheus runs there). */
    static final String PROMETHEUS_NAMESPACE = "monitoring";

    /** Where a service serves its metrics: the non-application root and the Micrometer Prometheus path. */
    String metricsPath(Application.Service service) {
        return join(nonApplicationRoot(service), packaged(service, "quarkus.micrometer.export.prometheus.path"));
    }

    void monitoring() {
        List<GenericKubernetesResource> monitors = overlay.generic("ServiceMonitor");
        if (monitors.isEmpty()) {
            return; // an overlay without the monitoring resources (dev)
        }
        Network network = new Network(overlay);
        Network.Pod prometheus = Network.outsider(PROMETHEUS_NAMESPACE);
        for (Application.Service service : app.services) {
            Optional<Deployment> deployment = deployment(service);
            if (deployment.isEmpty()) {
                continue;
            }
            Map<String, String> podLabels = deployment.get().getSpec().getTemplate().getMetadata().getLabels();
            List<Service> scraped = new ArrayList<>();
            for (GenericKubernetesResource monitor : monitors) {
                JsonNode spec = Overlay.spec(monitor);
                Map<String, String> selector = Models.JSON.convertValue(spec.path("selector").path("matchLabels"),
                        Models.JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
                List<Service> selected = overlay.services().stream()
                        .filter(s -> Network.selects(selector, Overlay.labels(s))).toList();
                if (selected.isEmpty()) {
                    problem("ServiceMonitor %s selects no Service", monitor.getMetadata().getName());
                }
                for (Service svc : selected.stream().filter(s -> Network.selects(s.getSpec().getSelector(), podLabels)).toList()) {
                    scraped.add(svc);
                    for (JsonNode endpoint : spec.path("endpoints")) {
                        String portName = endpoint.path("port").asText();
                        Optional<ServicePort> port = svc.getSpec().getPorts().stream()
                                .filter(p -> portName.equals(p.getName())).findFirst();
                        String path = endpoint.path("path").asText("/metrics");
                        if (port.isEmpty()) {
                            problem("ServiceMonitor %s scrapes port %s, which Service %s does not have",
                                    monitor.getMetadata().getName(), portName, svc.getMetadata().getName());
                            continue;
                        }
                        if (!path.equals(metricsPath(service))) {
                            problem("ServiceMonitor %s scrapes %s, %s serves its metrics at %s",
                                    monitor.getMetadata().getName(), path, service.name(), metricsPath(service));
                        }
                        Integer target = resolve(port.get().getTargetPort(), container(service).orElseThrow());
                        if (target == null || !network.allows(prometheus, network.pod(deployment.get().getMetadata().getName()), target)) {
                            problem("Prometheus (namespace %s) cannot reach %s on port %s, which ServiceMonitor %s scrapes",
                                    PROMETHEUS_NAMESPACE, service.name(), target, monitor.getMetadata().getName());
                        }
                    }
                }
            }
            if (scraped.isEmpty()) {
                problem("no ServiceMonitor scrapes %s", service.name());
            }
        }
        for (var configMap : overlay.all(io.fabric8.kubernetes.api.model.ConfigMap.class)) {
            if (!"1".equals(Overlay.labels(configMap).get("grafana_dashboard"))) {
                continue;
            }
            configMap.getData().forEach((key, json) -> {
                try {
                    JsonNode dashboard = Models.JSON.readTree(json);
                    List<String> exprs = new ArrayList<>();
                    dashboard.findValues("expr").forEach(e -> exprs.add(e.asText()));
                    if (!dashboard.path("panels").isArray() || exprs.isEmpty()) {
                        problem("dashboard %s of ConfigMap %s has no panels with queries", key, configMap.getMetadata().getName());
                    }
                } catch (java.io.IOException e) {
                    problem("dashboard %s of ConfigMap %s is not JSON: %s", key, configMap.getMetadata().getName(), e.getMessage());
                }
            });
        }
        for (GenericKubernetesResource rules : overlay.generic("PrometheusRule")) {
            for (JsonNode group : Overlay.spec(rules).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (rule.has("alert") && !rule.path("annotations").has("summary")) {
                        problem("alert %s of PrometheusRule %s has no summary", rule.path("alert").asText(),
                                rules.getMetadata().getName());
                    }
                }
            }
        }
    }

    // ---- databases

    void databases() {
        for (GenericKubernetesResource cluster : overlay.generic("Cluster")) {
            JsonNode spec = Overlay.spec(cluster);
            String image = spec.path("imageName").asText();
            Matcher m = Pattern.compile(":(\\d+)[.-]").matcher(image);
            if (!m.find() || Integer.parseInt(m.group(1)) != app.postgresMajor()) {
                problem("Cluster %s runs %s; the tests run PostgreSQL %d", cluster.getMetadata().getName(), image, app.postgresMajor());
            }
            if (app.services.stream().noneMatch(s -> databaseOf(s).filter(c -> c.getMetadata().getName()
                    .equals(cluster.getMetadata().getName())).isPresent())) {
                problem("Cluster %s is used by no service", cluster.getMetadata().getName());
            }
        }
        for (GenericKubernetesResource backup : overlay.generic("ScheduledBackup")) {
            JsonNode spec = Overlay.spec(backup);
            String clusterName = spec.path("cluster").path("name").asText();
            Optional<GenericKubernetesResource> cluster = overlay.generic("Cluster").stream()
                    .filter(c -> c.getMetadata().getName().equals(clusterName)).findFirst();
            String plugin = spec.path("pluginConfiguration").path("name").asText();
            if (cluster.isEmpty()) {
                problem("ScheduledBackup %s names no Cluster", backup.getMetadata().getName());
                continue;
            }
            boolean archived = false;
            for (JsonNode p : Overlay.spec(cluster.get()).path("plugins")) {
                if (p.path("name").asText().equals(plugin) && p.path("isWALArchiver").asBoolean()) {
                    archived = true;
                    String store = p.path("parameters").path("barmanObjectName").asText();
                    if (overlay.generic("ObjectStore").stream().noneMatch(o -> o.getMetadata().getName().equals(store))) {
                        problem("Cluster %s archives to ObjectStore %s, which does not exist", clusterName, store);
                    }
                }
            }
            if (!archived) {
                problem("ScheduledBackup %s uses plugin %s, which Cluster %s does not archive WAL with",
                        backup.getMetadata().getName(), plugin, clusterName);
            }
        }
    }
}
