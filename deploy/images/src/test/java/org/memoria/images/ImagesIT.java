package org.memoria.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.memoria.kubernetes.Kustomize;
import org.memoria.local.LocalStack;
import org.memoria.local.Ports;
import org.memoria.local.PostgresServer;
import org.memoria.local.SharedInfrastructure;

/**
 * The images the package phase built ({@code target/images/<service>.tar}), held to the repository: one for every
 * service module, named as the Kubernetes overlays deploy it, running {@code quarkus-run.jar} with the image's own Java
 * runtime as a non-root user, listening on the port the service is configured with and the Deployments expose, with
 * the JVM options the benchmark measured and the Deployments set; then the gateway's image is unpacked and started,
 * isolated as a container runtime would, against the test PostgreSQL and Kafka, until it is ready.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImagesIT {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    /** A service as the repository declares it. */
    record Service(String module, String name, int port, OciImage image) {
        @Override
        public String toString() {
            return name;
        }
    }

    Path root;
    String version;
    List<Service> services;
    Map<String, List<ObjectNode>> overlays;
    /** For the whole class (a static field: an instance field would be a new folder for every test). */
    @TempDir
    static Path scratch;
    Path unpacked;

    @BeforeAll
    void readImages() throws IOException {
        root = Path.of(System.getProperty("memoria.root")).toAbsolutePath().normalize();
        version = System.getProperty("memoria.version");
        Path images = Path.of(System.getProperty("memoria.images"));
        Properties common = properties(root.resolve("common/src/main/resources/META-INF/microprofile-config.properties"));
        services = new ArrayList<>();
        Matcher m = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
        while (m.find()) {
            Properties own = properties(root.resolve(m.group(1)).resolve("src/main/resources/application.properties"));
            String name = own.getProperty("quarkus.application.name");
            if (name != null) {
                Path tar = images.resolve(name + ".tar");
                assertTrue(Files.isRegularFile(tar), "service module " + m.group(1) + " has no image " + tar
                        + ": add it to deploy/images/pom.xml (the builder's arguments and the dependencies)");
                String port = prod(own, "quarkus.http.port");
                port = port != null ? port : prod(common, "quarkus.http.port");
                services.add(new Service(m.group(1), name, Integer.parseInt(port != null ? port : "8080"), OciImage.read(tar)));
            }
        }
        assertFalse(services.isEmpty(), "no service modules found in " + root.resolve("pom.xml"));
        overlays = new TreeMap<>();
        for (String overlay : List.of("dev", "prod")) {
            overlays.put(overlay, Kustomize.build(root.resolve("deploy/kubernetes/overlays").resolve(overlay)));
        }
    }

    List<Service> services() {
        return services;
    }

    @ParameterizedTest
    @MethodSource("services")
    void isNamedAsTheOverlaysDeployIt(Service service) {
        String expected = "memoria/" + service.name() + ":" + version;
        assertEquals(expected, service.image().refName(), "the tarball's image name (index.json ref.name)");
        overlays.forEach((overlay, resources) -> assertEquals(expected, container(resources, service, overlay)
                .path("image").asText(), overlay + " overlay's image of " + service));
        assertEquals("linux", service.image().config.path("os").asText());
        assertEquals(ImageBuilder.architecture(), service.image().config.path("architecture").asText());
    }

    @ParameterizedTest
    @MethodSource("services")
    void runsQuarkusRunJarWithItsOwnJavaAsANonRootUser(Service service) throws IOException {
        OciImage image = service.image();
        Map<String, OciImage.Entry> files = image.files();
        List<String> entrypoint = image.strings("Entrypoint");
        assertEquals(List.of("-jar", "/deployments/quarkus-run.jar"), entrypoint.subList(1, entrypoint.size()),
                "entrypoint " + entrypoint);
        assertTrue(image.strings("Cmd").isEmpty(), "no Cmd: arguments would go to the application");
        OciImage.Entry java = files.get(entrypoint.getFirst());
        assertTrue(java != null && !java.directory() && java.executableByAll(), entrypoint.getFirst() + " is no executable: " + java);
        assertTrue(files.containsKey("/deployments/quarkus-run.jar"));
        assertEquals("/deployments", image.config.path("config").path("WorkingDir").asText());

        String user = image.config.path("config").path("User").asText();
        assertTrue(user.matches("\\d+(:\\d+)?"), "User " + user + " must be numeric: runAsNonRoot cannot check a name");
        String uid = user.split(":")[0];
        assertNotEquals("0", uid, "the image runs as root");
        String passwd = new String(image.content("/etc/passwd"));
        assertTrue(passwd.lines().anyMatch(l -> l.split(":")[2].equals(uid)),
                "/etc/passwd has no entry for uid " + uid + " (the JVM's user.name and user.home come from it):\n" + passwd);
    }

    @ParameterizedTest
    @MethodSource("services")
    void exposesTheConfiguredPortWhichTheDeploymentsUse(Service service) {
        assertEquals(List.of(service.port() + "/tcp"), fieldNames(service.image().config.path("config").path("ExposedPorts")),
                service + " listens on quarkus.http.port " + service.port() + " when packaged");
        overlays.forEach((overlay, resources) -> {
            JsonNode container = container(resources, service, overlay);
            List<Integer> ports = new ArrayList<>();
            container.path("ports").forEach(p -> ports.add(p.path("containerPort").asInt()));
            assertEquals(List.of(service.port()), ports, overlay + " overlay's container ports of " + service);
        });
    }

    @ParameterizedTest
    @MethodSource("services")
    void defaultsToTheBenchmarkedJvmOptionsWhichTheDeploymentsSet(Service service) {
        Map<String, String> env = service.image().environment();
        String measured = String.join(" ", LocalStack.JVM_OPTIONS);
        assertEquals(measured, env.get("JAVA_TOOL_OPTIONS"),
                "the image's JVM options are those docs/benchmarks.md measured (LocalStack.JVM_OPTIONS)");
        assertEquals("0.0.0.0", env.get("QUARKUS_HTTP_HOST"), "in a container the server must listen on every interface");
        overlays.forEach((overlay, resources) -> {
            Map<String, String> deployed = environment(container(resources, service, overlay));
            assertEquals(measured, deployed.get("JAVA_TOOL_OPTIONS"), overlay + " overlay's JAVA_TOOL_OPTIONS of " + service
                    + " (it replaces the image's; the memory limits are sized for the benchmarked heap)");
            assertEquals(env.get("QUARKUS_HTTP_HOST"), deployed.getOrDefault("QUARKUS_HTTP_HOST", env.get("QUARKUS_HTTP_HOST")));
        });
        String lang = env.get("LANG");
        assertTrue(lang == null || service.image().files().containsKey("/usr/lib/locale/" + lang.replace("UTF-8", "utf8")),
                "LANG=" + lang + " names a locale the image does not have");
        assertEquals(env.get("JAVA_HOME") + "/bin/java", service.image().strings("Entrypoint").getFirst());
    }

    @ParameterizedTest
    @MethodSource("services")
    void carriesTheOpenContainerLabels(Service service) {
        JsonNode labels = service.image().config.path("config").path("Labels");
        assertEquals(service.name(), labels.path("org.opencontainers.image.title").asText());
        assertEquals(version, labels.path("org.opencontainers.image.version").asText());
        for (String label : List.of("org.opencontainers.image.description", "org.opencontainers.image.licenses")) {
            assertFalse(labels.path(label).asText().isBlank(), service + " has no label " + label);
        }
        assertTrue(labels.path("org.opencontainers.image.licenses").asText().matches("[A-Za-z0-9.+-]+( (AND|OR|WITH) [A-Za-z0-9.+-]+)*"),
                "an SPDX expression: " + labels.path("org.opencontainers.image.licenses").asText());
    }

    @ParameterizedTest
    @MethodSource("services")
    void holdsThePackagedApplicationReadOnlyForItsUser(Service service) throws IOException {
        Map<String, OciImage.Entry> files = service.image().files();
        Path app = root.resolve(service.module()).resolve("target/quarkus-app");
        Map<String, Long> packaged = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(app)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                packaged.put("/deployments/" + app.relativize(f).toString().replace('\\', '/'), Files.size(f));
            }
        }
        Map<String, Long> inImage = new TreeMap<>();
        files.values().stream().filter(e -> e.path().startsWith("/deployments/") && !e.directory())
                .forEach(e -> inImage.put(e.path(), e.size()));
        assertEquals(packaged, inImage, "/deployments must hold " + app + " exactly");

        for (OciImage.Entry e : files.values()) {
            assertEquals(0, e.uid(), e.path() + " belongs to uid " + e.uid() + ": the service could change it");
            assertEquals(0, e.gid(), e.path() + " belongs to gid " + e.gid());
            assertTrue((e.mode() & 0444) == 0444, e.path() + " is not readable by the image's user: " + Integer.toOctalString(e.mode()));
            if (!e.path().equals("/tmp")) {
                assertEquals(0, e.mode() & 0022, e.path() + " is writable by others: " + Integer.toOctalString(e.mode()));
            }
            assertTrue(e.modified().isBefore(Instant.ofEpochSecond(2)), e.path() + " has a build-time date: " + e.modified());
        }
        assertEquals("1970-01-01T00:00:00Z", service.image().config.path("created").asText(), "a reproducible image has a fixed date");
    }

    @Test
    void everyImageSharesTheRuntimeAndTheCommonDependencies() {
        OciImage first = services.getFirst().image();
        for (Service s : services) {
            assertEquals(first.layers.get(0).digest(), s.image().layers.get(0).digest(), "runtime layer of " + s);
            assertEquals(first.layers.get(1).digest(), s.image().layers.get(1).digest(), "shared dependency layer of " + s);
        }
        Map<String, OciImage.Entry> runtime = new LinkedHashMap<>();
        first.layers.get(0).entries().forEach(e -> runtime.put(e.path(), e));
        assertTrue(runtime.containsKey("/opt/java/bin/java"), "the runtime layer holds the JVM");
        assertTrue(runtime.keySet().stream().anyMatch(p -> p.matches("/lib(64)?/.*ld-linux.*\\.so\\.\\d+")),
                "the runtime layer holds the dynamic loader");
        assertTrue(first.layers.get(1).entries().stream().anyMatch(e -> e.path().startsWith("/deployments/lib/")),
                "the second layer holds dependency jars");
    }

    /** The image's runtime runs where it is unpacked (with this machine's C libraries), as any user may run it. */
    @Test
    void theRuntimeRuns() throws Exception {
        Path unpacked = unpackedGateway();
        Process p = new ProcessBuilder(unpacked.resolve("opt/java/bin/java").toString(), "-version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("version \"" + Runtime.version().feature()), "the build JDK's version: " + out);
    }

    /**
     * The gateway's image unpacked and started as a container runtime would (its own C libraries, read-only root, its
     * user, its environment with the addresses a Deployment would give), against the test PostgreSQL and Kafka: it
     * must become ready, which needs the database, the broker and its projector.
     */
    @Test
    void theGatewayImageStartsAndBecomesReady() throws Exception {
        Assumptions.assumeTrue(Container.available(), () -> "cannot isolate a process here: " + Container.unavailableBecause().orElse(""));
        OciImage image = gateway().image();
        Path unpacked = unpackedGateway();

        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        PostgresServer postgres = infrastructure.postgres();
        postgres.ensureDatabase("gateway");
        int port = Ports.free();
        Map<String, String> env = new LinkedHashMap<>(image.environment());
        postgres.quarkusConfig("gateway").forEach((key, value) -> env.put(environmentName(key), value));
        env.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafka().bootstrapServers());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", Ports.HOST); // this machine's servers listen on 127.0.0.1 only
        env.put("HOSTNAME", "images-it");
        List<String> command = new ArrayList<>(image.strings("Entrypoint"));
        command.addAll(image.strings("Cmd"));
        Path log = Path.of(System.getProperty("memoria.images")).resolveSibling("images-it-gateway.log");

        Process process = Container.start(unpacked, image.config.path("config").path("User").asText(),
                image.config.path("config").path("WorkingDir").asText(), env, command, log);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        try {
            try {
                Awaitility.await("the gateway's readiness").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                        .ignoreExceptionsInstanceOf(IOException.class) // not listening yet
                        .failFast("the gateway exited", () -> !process.isAlive())
                        .until(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
            } catch (ConditionTimeoutException | TerminalFailureException e) {
                throw new AssertionError(e.getMessage() + "; its log (" + log + ") ends:\n" + tail(log), e);
            }
            HttpResponse<String> openapi = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/openapi"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, openapi.statusCode());
            ProcessHandle java = process.descendants().filter(h -> h.info().command().orElse("").endsWith("/bin/java"))
                    .findFirst().orElseThrow(() -> new AssertionError("no java process under " + process.pid()));
            String status = Files.readString(Path.of("/proc", Long.toString(java.pid()), "status"));
            String uid = image.config.path("config").path("User").asText().split(":")[0];
            assertTrue(status.lines().anyMatch(l -> l.matches("Uid:\\s+" + uid + "\\s+" + uid + "\\s.*")),
                    "the JVM runs as uid " + uid + ":\n" + status);
            assertTrue(Files.readString(log).contains("Picked up JAVA_TOOL_OPTIONS: " + String.join(" ", LocalStack.JVM_OPTIONS)),
                    "the JVM read the image's options:\n" + tail(log));
        } finally {
            Container.stop(process, 30);
        }
    }

    /** The gateway's image unpacked once for the tests that run it, its root open to the image's user as "/" is. */
    private synchronized Path unpackedGateway() throws IOException {
        if (unpacked == null) {
            Path dir = scratch.resolve("gateway-root");
            gateway().image().extract(dir);
            Files.setPosixFilePermissions(dir, OciImage.permissions(0755));
            unpacked = dir;
        }
        return unpacked;
    }

    private Service gateway() {
        return services.stream().filter(s -> s.name().equals("gateway")).findFirst().orElseThrow();
    }

    private static JsonNode container(List<ObjectNode> resources, Service service, String overlay) {
        for (ObjectNode r : resources) {
            if (r.path("kind").asText().equals("Deployment") && r.path("metadata").path("name").asText().equals(service.name())) {
                for (JsonNode c : r.path("spec").path("template").path("spec").path("containers")) {
                    if (c.path("image").asText().startsWith("memoria/" + service.name() + ":")) {
                        return c;
                    }
                }
            }
        }
        throw new AssertionError(overlay + " overlay deploys no container of memoria/" + service.name());
    }

    private static Map<String, String> environment(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        container.path("env").forEach(e -> {
            if (e.has("value")) {
                env.put(e.path("name").asText(), e.path("value").asText());
            }
        });
        return env;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** MicroProfile Config's environment variable for a property: every other character an underscore, upper case. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static String prod(Properties p, String key) {
        return p.getProperty("%prod." + key, p.getProperty(key));
    }

    private static Properties properties(Path file) throws IOException {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            }
        }
        return p;
    }
}
