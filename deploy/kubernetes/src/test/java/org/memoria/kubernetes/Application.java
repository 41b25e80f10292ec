package org.memoria.kubernetes;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the application says about itself, read from the repository: its services (the modules with an
 * {@code application.properties} naming a Quarkus application), the configuration each reads, the topics and
 * partition counts the code creates, the measured start times and memory, and the secrets the README tells the
 * installer to create.
 */
final class Application {

    static final String COMMON_PROPERTIES = "common/src/main/resources/META-INF/microprofile-config.properties";
    /** Read by the JVM itself, not through the application's configuration. */
    static final Set<String> JVM_ENVIRONMENT = Set.of("JAVA_TOOL_OPTIONS");

    /** One service: its module and the configuration it reads. */
    record Service(String name, String module, Properties properties, Map<String, JavaConfigScanner.Key> keys) {

        /** A key's value as packaged (prod profile): the module's application.properties over common's defaults. */
        Optional<String> packaged(String key, Properties common) {
            for (Properties p : List.of(properties, common)) {
                String value = p.getProperty("%prod." + key, p.getProperty(key));
                if (value != null) {
                    return Optional.of(value);
                }
            }
            return Optional.empty();
        }
    }

    /** A row of the benchmark's start-time and memory table (MB read as MiB, which errs on the safe side). */
    record Measured(double readyTogetherSeconds, double readyAloneSeconds, int rssAfterLoadMiB, int rssIdleMiB) {
    }

    final Repo repo;
    final Properties common;
    final List<Service> services;
    final String projectVersion;

    Application(Repo repo) {
        this.repo = repo;
        this.common = properties(repo.read(COMMON_PROPERTIES));
        String pom = repo.read("pom.xml");
        this.projectVersion = match(pom, "<artifactId>memoria-parent</artifactId>\\s*<version>([^<]+)</version>");
        List<Service> found = new ArrayList<>();
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        while (module.find()) {
            String dir = module.group(1);
            String file = dir + "/src/main/resources/application.properties";
            if (repo.exists(file)) {
                Properties props = properties(repo.read(file));
                String name = props.getProperty("quarkus.application.name");
                if (name != null) {
                    List<JavaConfigScanner.Key> keys = new ArrayList<>();
                    for (String folder : List.of("common/src/main/java", dir + "/src/main/java")) {
                        for (String java : repo.javaFiles(folder)) {
                            keys.addAll(JavaConfigScanner.keys(java, repo.read(java)));
                        }
                    }
                    found.add(new Service(name, dir, props, JavaConfigScanner.byName(keys)));
                }
            }
        }
        this.services = List.copyOf(found);
    }

    Service service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    /** The service whose HTTP port (as packaged) is {@code port}. */
    Optional<Service> serviceOnPort(int port) {
        return services.stream().filter(s -> s.packaged("quarkus.http.port", common).map(Integer::parseInt)
                .orElse(-1) == port).findFirst();
    }

    /** Keys the service reads from its own and common's properties files (profile prefixes removed). */
    Set<String> propertyKeys(Service service) {
        Set<String> keys = new LinkedHashSet<>();
        for (Properties p : List.of(common, service.properties())) {
            for (String key : p.stringPropertyNames()) {
                keys.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
            }
        }
        return keys;
    }

    /** The change-event topics, from org.memoria.common.events.Topics. */
    Set<String> topics() {
        String source = JavaConfigScanner.stripComments(repo.read("common/src/main/java/org/memoria/common/events/Topics.java"));
        Set<String> topics = new LinkedHashSet<>();
        Matcher m = Pattern.compile("static\\s+final\\s+String\\s+\\w+\\s*=\\s*\"([^\"]+)\"").matcher(source);
        while (m.find()) {
            topics.add(m.group(1));
        }
        return topics;
    }

    /**
     * The partition counts the code creates the topics with (TopicAdmin.ensureTopics calls: a literal, or the
     * outbox's configured partitions), by where they come from.
     */
    Map<String, Integer> partitionCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Pattern call = Pattern.compile("TopicAdmin\\.ensureTopics\\(([^;]*)\\);");
        for (Service service : services) {
            for (String folder : List.of("common/src/main/java", service.module() + "/src/main/java")) {
                for (String java : repo.javaFiles(folder)) {
                    String code = JavaConfigScanner.stripComments(repo.read(java));
                    Matcher onlyIf = Pattern.compile("@IfBuildProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"\\s*,\\s*stringValue\\s*=\\s*\"([^\"]*)\"")
                            .matcher(code);
                    if (onlyIf.find() && !service.packaged(onlyIf.group(1), common).orElse("").equals(onlyIf.group(2))) {
                        continue; // a bean this service does not build
                    }
                    Matcher m = call.matcher(code);
                    while (m.find()) {
                        String[] args = m.group(1).split(",(?![^(]*\\))");
                        String count = args.length > 2 ? args[2].trim() : "";
                        String where = service.name() + " " + java.substring(java.lastIndexOf('/') + 1);
                        if (count.matches("\\d+")) {
                            counts.put(where, Integer.parseInt(count));
                        } else if (count.matches(".*\\b(\\w+)\\(\\)$")) {
                            // a configuration method, e.g. config.topicPartitions(): the key ending in its kebab name
                            String method = count.replaceAll(".*\\b(\\w+)\\(\\)$", "$1");
                            String kebab = "." + method.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
                            String key = service.keys().keySet().stream().filter(k -> k.endsWith(kebab)).findFirst()
                                    .orElseThrow(() -> new IllegalStateException(java + ": no configuration key ends in "
                                            + kebab + " for " + m.group()));
                            String configured = service.packaged(key, common)
                                    .or(() -> service.keys().get(key).defaultValue()).orElseThrow();
                            counts.put(where + " (" + key + ")", Integer.parseInt(configured));
                        } else {
                            throw new IllegalStateException(java + ": cannot tell the partition count of " + m.group());
                        }
                    }
                }
            }
        }
        return counts;
    }

    /** The database a service's packaged JDBC URL names (the local stack's database of that service). */
    String databaseName(Service service) {
        String url = service.packaged("quarkus.datasource.jdbc.url", common).orElseThrow();
        String path = URI.create(url.substring("jdbc:".length())).getPath();
        return path.substring(1);
    }

    /** Whether any Kafka client in the code is given security settings (it can authenticate or speak TLS). */
    boolean kafkaClientsHaveSecuritySettings() {
        Pattern security = Pattern.compile("security\\.protocol|SECURITY_PROTOCOL_CONFIG|SaslConfigs|sasl\\.|ssl\\.truststore");
        for (Service service : services) {
            for (String folder : List.of("common/src/main/java", service.module() + "/src/main/java")) {
                for (String java : repo.javaFiles(folder)) {
                    if (security.matcher(repo.read(java)).find()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The first path segments the service's JAX-RS resources answer under ("/api", ...). */
    Set<String> resourcePrefixes(Service service) {
        Set<String> prefixes = new LinkedHashSet<>();
        Pattern path = Pattern.compile("@Path\\(\\s*\"(/[^/\"]+)[^\"]*\"\\s*\\)");
        for (String java : repo.javaFiles(service.module() + "/src/main/java")) {
            Matcher m = path.matcher(JavaConfigScanner.stripComments(repo.read(java)));
            while (m.find()) {
                prefixes.add(m.group(1));
            }
        }
        return prefixes;
    }

    /** docs/benchmarks.md's "Start time and memory" table, by service. */
    Map<String, Measured> measured() {
        String doc = repo.read("docs/benchmarks.md");
        String section = doc.substring(doc.indexOf("## Start time and memory"));
        Map<String, Measured> rows = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^\\|\\s*([\\w-]+)\\s*\\|\\s*([\\d.]+) s\\s*\\|\\s*([\\d.]+) s\\s*\\|\\s*(\\d+) MB\\s*\\|\\s*(\\d+) MB\\s*\\|")
                .matcher(section);
        while (m.find()) {
            rows.put(m.group(1), new Measured(Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5))));
        }
        return rows;
    }

    /** Cores of the benchmark machine, which the four services shared while starting together. */
    int benchmarkCores() {
        return Integer.parseInt(match(repo.read("docs/benchmarks.md"), "machine: (\\d+) cores"));
    }

    /** The PostgreSQL major version the tests run on (the embedded binaries' version in the parent POM). */
    int postgresMajor() {
        return Integer.parseInt(match(repo.read("pom.xml"), "<postgres-binaries.version>(\\d+)\\."));
    }

    /**
     * The secrets deploy/kubernetes/README.md tells the installer to create: for each name, the keys of every
     * documented variant ({@code kubectl create secret generic NAME --from-literal=KEY=... --from-file=KEY=...}).
     */
    Map<String, List<Set<String>>> documentedSecrets() {
        String readme = repo.read("deploy/kubernetes/README.md").replace("\\\n", " ");
        Map<String, List<Set<String>>> secrets = new LinkedHashMap<>();
        Matcher command = Pattern.compile("create secret generic (\\S+)([^\\n]*)").matcher(readme);
        while (command.find()) {
            Set<String> keys = new LinkedHashSet<>();
            Matcher key = Pattern.compile("--from-(?:literal|file)=([\\w.-]+)=").matcher(command.group(2));
            while (key.find()) {
                keys.add(key.group(1));
            }
            secrets.computeIfAbsent(command.group(1), k -> new ArrayList<>()).add(keys);
        }
        return secrets;
    }

    static Properties properties(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("not found: " + regex);
        }
        return m.group(1);
    }
}
