package org.memoria.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole platform on one machine: an embedded PostgreSQL with one database per service, a KRaft Kafka broker in a
 * JVM of its own, and the four services as child processes of this JVM (their packaged {@code quarkus-run.jar}), all
 * on 127.0.0.1.
 */
public final class LocalStack implements AutoCloseable {

    /**
     * The JVM options every service runs with here (docs/decisions/0021); the images make them their default
     * ({@code JAVA_TOOL_OPTIONS}, deploy/images) and the Kubernetes Deployments set the same. The heap starts at 48 MiB
     * and grows only as the live data needs, up to 192 MiB: with the default initial size (1/64 of the machine's
     * memory) all 192 MiB were committed at start and touched under load, the largest part of the RSS, while the live
     * data after load is 35-40 MiB. The C library's free memory (the JIT compilers' arenas) is given back every 5 s.
     */
    public static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms48m", "-Xmx192m", "-Xss512k",
            "-XX:TrimNativeHeapInterval=5000");

    /** A service of the platform: its module folder, database and default port. */
    public enum Service {
        PEOPLE("people-service", "people", 8081),
        EVENTS("events-service", "events", 8082),
        SOURCES("sources-service", "sources", 8083),
        GATEWAY("gateway", "gateway", 8080);

        public final String module;
        public final String database;
        public final int defaultPort;

        Service(String module, String database, int defaultPort) {
            this.module = module;
            this.database = database;
            this.defaultPort = defaultPort;
        }
    }

    /**
     * One running copy of a service: {@code replica} 0 is the first (on the service's own port), 1 the second.
     */
    public record Instance(Service service, int replica) {

        /** The name its log and the launcher's messages use: {@code gateway}, {@code gateway-2}, ... */
        public String name() {
            return replica == 0 ? service.module : service.module + "-" + (replica + 1);
        }
    }

    /**
     * @param root       the repository root (where each module's target/quarkus-app is)
     * @param dataDir    PostgreSQL data, Kafka logs and the services' and the broker's logs; kept between runs
     * @param ports      the HTTP port of each service
     * @param postgresPort, kafkaPort, controllerPort listener ports
     * @param durable    fsync on for the database and the broker (the local stack); off in tests
     * @param config     configuration given to every service, over the stack's own (e.g. rate limits off)
     * @param replicas   copies of each service: the owners' replicas share their database, the gateways the read
     *                   model and the projector's consumer group (docs/operations.md, "Scaling out")
     * @param jvmOptions the services' JVM options ({@link #JVM_OPTIONS} unless a measurement compares others)
     * @param aotCache   the folder of the services' ahead-of-time caches ({@link AotCache}), or null for none
     */
    public record Options(Path root, Path dataDir, Map<Service, Integer> ports, int postgresPort, int kafkaPort,
            int controllerPort, boolean durable, Map<String, String> config, int replicas, List<String> jvmOptions,
            Path aotCache) {

        public Options withConfig(Map<String, String> more) {
            Map<String, String> all = new LinkedHashMap<>(config);
            all.putAll(more);
            return new Options(root, dataDir, ports, postgresPort, kafkaPort, controllerPort, durable, Map.copyOf(all),
                    replicas, jvmOptions, aotCache);
        }

        public Options durable(boolean fsync) {
            return new Options(root, dataDir, ports, postgresPort, kafkaPort, controllerPort, fsync, config, replicas,
                    jvmOptions, aotCache);
        }

        public Options replicas(int copies) {
            if (copies < 1 || copies > 9) {
                throw new IllegalArgumentException("replicas must be 1 to 9, not " + copies);
            }
            return new Options(root, dataDir, ports, postgresPort, kafkaPort, controllerPort, durable, config, copies,
                    jvmOptions, aotCache);
        }

        public Options jvmOptions(List<String> options) {
            return new Options(root, dataDir, ports, postgresPort, kafkaPort, controllerPort, durable, config, replicas,
                    List.copyOf(options), aotCache);
        }

        /** The folder of the ahead-of-time caches; null: none (every start as without a cache). */
        public Options aotCache(Path folder) {
            return new Options(root, dataDir, ports, postgresPort, kafkaPort, controllerPort, durable, config, replicas,
                    jvmOptions, folder);
        }

        /** The local stack's: fixed ports, fsync on, the caches in the data folder ({@code aot/}). */
        public static Options defaults(Path root, Path dataDir) {
            Map<Service, Integer> ports = new LinkedHashMap<>();
            for (Service s : Service.values()) {
                ports.put(s, s.defaultPort);
            }
            return new Options(root, dataDir, ports, 15432, 19092, 19093, true, Map.of(), 1, JVM_OPTIONS,
                    dataDir.resolve("aot"));
        }

        /**
         * A test's or a benchmark's: free ports, fsync off, a data folder of its own, and the caches in
         * {@code target/aot-cache} of the repository, which the stacks of one build share (a cache is named by the
         * jar and JDK it was trained with, so a rebuilt jar trains a new one).
         */
        public static Options ephemeral(Path root, Path dataDir) {
            Map<Service, Integer> ports = new LinkedHashMap<>();
            for (Service s : Service.values()) {
                ports.put(s, Ports.free());
            }
            return new Options(root, dataDir, ports, Ports.free(), Ports.free(), Ports.free(), false, Map.of(), 1,
                    JVM_OPTIONS, root.resolve("target").resolve("aot-cache"));
        }
    }

    private final Options options;
    private final Map<Instance, Integer> ports = new LinkedHashMap<>();
    private final Map<Instance, Process> processes = new LinkedHashMap<>();
    private final Map<Instance, Duration> startTimes = new LinkedHashMap<>();
    private final Map<Instance, AotCache.Launch> caches = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private final Tokens tokens;
    private final Map<Instance, Integer> restarts = new LinkedHashMap<>();
    private volatile PostgresServer postgres;
    private volatile KafkaProcess kafka;
    private final AtomicInteger postgresRestarts = new AtomicInteger();
    private final AtomicInteger kafkaRestarts = new AtomicInteger();
    private volatile boolean closing;
    private Thread supervisor;

    private LocalStack(Options options) {
        this.options = options;
        this.tokens = Tokens.inDirectory(options.dataDir().resolve("keys"));
        for (Service s : Service.values()) {
            int first = options.ports().get(s);
            for (int i = 0; i < options.replicas(); i++) {
                // the default ports 8080-8083 for the first copies, 8180-8183 for the second, ...
                ports.put(new Instance(s, i), i == 0 ? first : first == s.defaultPort ? first + 100 * i : Ports.free());
            }
        }
    }

    /** Every copy of every service, owners first, in the order they start. */
    public List<Instance> instances() {
        return List.copyOf(ports.keySet());
    }

    /** The copies of one service. */
    public List<Instance> instances(Service service) {
        return ports.keySet().stream().filter(i -> i.service() == service).toList();
    }

    private static Instance first(Service service) {
        return new Instance(service, 0);
    }

    /** Starts the database, the broker and every service, and waits until each service is ready. */
    public static LocalStack start(Options options) throws Exception {
        LocalStack stack = new LocalStack(options);
        try {
            stack.startInfrastructure();
            // one copy of each service at a time: eight JVMs starting together on two cores take longer than in turn
            for (int replica = 0; replica < options.replicas(); replica++) {
                List<Instance> wave = new ArrayList<>();
                for (Service s : Service.values()) {
                    wave.add(new Instance(s, replica));
                }
                for (Instance i : wave) {
                    stack.startService(i, Map.of());
                }
                for (Instance i : wave) {
                    // a training run of the ahead-of-time cache starts slower (it records what it loads and profiles)
                    stack.awaitReady(i, Duration.ofSeconds(stack.trainsCache(i) ? 300 : 120));
                }
            }
            return stack;
        } catch (Exception e) {
            stack.close();
            throw e;
        }
    }

    private void startInfrastructure() throws Exception {
        Files.createDirectories(options.dataDir().resolve("logs"));
        // the broker's JVM starts while PostgreSQL does
        kafka = KafkaProcess.launch(options.dataDir().resolve("kafka"), options.kafkaPort(), options.controllerPort(),
                options.durable(), options.dataDir().resolve("logs").resolve("kafka.log"), ProcessHandle.current().pid());
        postgres = PostgresServer.start(options.dataDir().resolve("postgres"), options.postgresPort(), options.durable());
        postgres.stopWhenEnded(ProcessHandle.current().pid());
        for (Service s : Service.values()) {
            postgres.ensureDatabase(s.database);
        }
        kafka.awaitReady(KafkaProcess.START_TIMEOUT);
    }

    public Path jar(Service service) {
        return options.root().resolve(service.module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Starts one service (its first copy) as a child process; its output goes to logs/{module}.log. */
    public synchronized void startService(Service service) throws IOException {
        startService(first(service), Map.of());
    }

    /** Starts one service (its first copy) with extra configuration (system properties) overriding the stack's. */
    public synchronized void startService(Service service, Map<String, String> overrides) throws IOException {
        startService(first(service), overrides);
    }

    /**
     * Starts one copy of a service with extra configuration (system properties) overriding the stack's; its output
     * goes to logs/{module}.log, or logs/{module}-{n}.log for the n-th copy.
     */
    public synchronized void startService(Instance instance, Map<String, String> overrides) throws IOException {
        Service service = instance.service();
        Path jar = jar(service);
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw install -DskipTests)");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(options.jvmOptions());
        AotCache.Launch cache = null;
        if (options.aotCache() != null) {
            cache = new AotCache(options.aotCache()).launch(service.module, jar.getParent(), options.jvmOptions());
            command.addAll(cache.options());
        }
        Map<String, String> config = new LinkedHashMap<>(postgres.quarkusConfig(service.database));
        config.put("quarkus.http.port", Integer.toString(port(instance)));
        config.put("quarkus.http.host", Ports.HOST);
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.putAll(tokens.verifierConfig());
        config.put("memoria.parent-pid", Long.toString(ProcessHandle.current().pid())); // ends with this launcher
        if (service == Service.GATEWAY) {
            // every copy of each owner: the router takes them in turn and skips one it cannot reach
            config.put("memoria.gateway.owners.people", urls(Service.PEOPLE));
            config.put("memoria.gateway.owners.events", urls(Service.EVENTS));
            config.put("memoria.gateway.owners.sources", urls(Service.SOURCES));
            config.put("memoria.webhooks.allow-loopback", "true"); // a partner tries webhooks on this machine
        }
        config.putAll(options.config());
        config.putAll(overrides);
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        Path log = options.dataDir().resolve("logs").resolve(instance.name() + ".log");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        processes.put(instance, process);
        startTimes.put(instance, Duration.ofNanos(-started)); // completed by awaitReady
        if (cache != null) {
            caches.put(instance, cache);
            if (cache.trains()) {
                AotCache.Launch training = cache;
                AotCache folder = new AotCache(options.aotCache());
                process.onExit().thenRun(() -> folder.publish(training)); // also after a crash or the launcher's end
            }
        }
    }

    /** Whether this copy runs as a training run of its ahead-of-time cache (written when it stops). */
    public synchronized boolean trainsCache(Instance instance) {
        AotCache.Launch cache = caches.get(instance);
        return cache != null && cache.trains() && !Files.isRegularFile(cache.cache());
    }

    /** Polls the service's readiness (database and Kafka checks) until it answers 200 or the deadline passes. */
    public void awaitReady(Service service, Duration timeout) throws InterruptedException {
        awaitReady(first(service), timeout);
    }

    /** Polls one copy's readiness until it answers 200 or the deadline passes. */
    public void awaitReady(Instance instance, Duration timeout) throws InterruptedException {
        await(instance, "/q/health/ready", timeout);
    }

    /** Polls the service's liveness: it serves requests, whether or not its database and broker are reachable. */
    public void awaitLive(Service service, Duration timeout) throws InterruptedException {
        await(first(service), "/q/health/live", timeout);
    }

    private void await(Instance instance, String probe, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Process process = processes.get(instance);
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(instance.name() + " exited with " + process.exitValue() + "; see "
                        + options.dataDir().resolve("logs").resolve(instance.name() + ".log"));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url(instance) + probe))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    Duration pending = startTimes.get(instance);
                    if (pending != null && pending.isNegative()) {
                        startTimes.put(instance, Duration.ofNanos(System.nanoTime() + pending.toNanos()));
                    }
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(instance.name() + " was not ready within " + timeout);
    }

    /** Ends a service (its first copy) at once (SIGKILL), as a crash would: no shutdown hook runs. */
    public synchronized void kill(Service service) throws InterruptedException {
        kill(first(service));
    }

    /** Ends one copy at once (SIGKILL), as a crash would; it is not restarted. */
    public synchronized void kill(Instance instance) throws InterruptedException {
        caches.remove(instance);
        Process process = processes.remove(instance);
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Ends a service (its first copy) at once (SIGKILL) as a crash would, but leaves it supervised: {@link #supervise}
     * restarts it.
     */
    public synchronized void crash(Service service) throws InterruptedException {
        crash(first(service));
    }

    /** Ends one copy at once (SIGKILL) as a crash would, but leaves it supervised: {@link #supervise} restarts it. */
    public synchronized void crash(Instance instance) throws InterruptedException {
        Process process = processes.get(instance);
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** SIGKILLs the Kafka broker's process, as a crash would; {@link #supervise} restarts it. */
    public void crashKafka() throws InterruptedException {
        kafka.kill();
    }

    /** SIGKILLs the PostgreSQL postmaster, as a crash would; {@link #supervise} restarts it. */
    public void crashPostgres() throws InterruptedException {
        var process = postgres.process().orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
        process.destroyForcibly();
        process.onExit().join();
    }

    /**
     * Restarts what dies, like a process supervisor: PostgreSQL, the Kafka broker, and each service that was started
     * and not stopped or killed through this class. A child that keeps dying is restarted with a growing delay (0.5 s
     * doubling to 30 s, back to 0.5 s after a minute up). Children never outlive the launcher: the services and the
     * broker watch its pid, and PostgreSQL has a watchdog.
     */
    public synchronized void supervise() {
        if (supervisor != null) {
            return;
        }
        supervisor = Thread.ofPlatform().name("memoria-supervisor").daemon().start(() -> {
            Map<Object, Long> notBefore = new java.util.HashMap<>();
            Map<Object, Long> upSince = new java.util.HashMap<>();
            Map<Object, Integer> failures = new java.util.HashMap<>();
            while (!closing) {
                long now = System.nanoTime();
                try {
                    if (!postgres.isAlive() && now >= notBefore.getOrDefault("postgres", 0L)) {
                        restartAfterBackoff("postgres", now, notBefore, upSince, failures);
                        System.out.println("Memoria: PostgreSQL died; restarting it");
                        postgres = postgres.restart();
                        postgresRestarts.incrementAndGet();
                        upSince.put("postgres", System.nanoTime());
                    }
                    if (!kafka.isAlive() && !closing && now >= notBefore.getOrDefault("kafka", 0L)) {
                        restartAfterBackoff("kafka", now, notBefore, upSince, failures);
                        System.out.println("Memoria: the Kafka broker exited with " + kafka.current().exitValue()
                                + "; restarting it");
                        kafka.restart();
                        kafkaRestarts.incrementAndGet();
                        upSince.put("kafka", System.nanoTime());
                    }
                    for (Instance s : instances()) {
                        Process p;
                        synchronized (this) {
                            p = processes.get(s);
                        }
                        if (p != null && !p.isAlive() && !closing && now >= notBefore.getOrDefault(s, 0L)) {
                            restartAfterBackoff(s, now, notBefore, upSince, failures);
                            System.out.println("Memoria: " + s.name() + " exited with " + p.exitValue() + "; restarting it");
                            synchronized (this) {
                                if (processes.get(s) == p) {
                                    startService(s, Map.of());
                                    restarts.merge(s, 1, Integer::sum);
                                }
                            }
                            upSince.put(s, System.nanoTime());
                        }
                    }
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    System.out.println("Memoria: supervisor could not restart a child: " + e);
                }
            }
        });
    }

    private static void restartAfterBackoff(Object child, long now, Map<Object, Long> notBefore, Map<Object, Long> upSince,
            Map<Object, Integer> failures) {
        Long since = upSince.get(child);
        int failed = since != null && now - since > Duration.ofMinutes(1).toNanos() ? 0 : failures.getOrDefault(child, 0);
        failures.put(child, failed + 1);
        long delay = Math.min(Duration.ofSeconds(30).toNanos(), Duration.ofMillis(500).toNanos() << Math.min(failed, 6));
        notBefore.put(child, now + delay);
    }

    /** How often the supervisor restarted each service (all its copies together). */
    public synchronized Map<Service, Integer> restarts() {
        Map<Service, Integer> byService = new LinkedHashMap<>();
        restarts.forEach((i, n) -> byService.merge(i.service(), n, Integer::sum));
        return byService;
    }

    /** How often the supervisor restarted the Kafka broker (each time it answered again). */
    public int kafkaRestarts() {
        return kafkaRestarts.get();
    }

    /** How often the supervisor restarted PostgreSQL. */
    public int postgresRestarts() {
        return postgresRestarts.get();
    }

    /** Stops a service (its first copy) gracefully (SIGTERM), waiting for it to exit. */
    public synchronized void stop(Service service) throws InterruptedException {
        stop(first(service));
    }

    /**
     * Stops one copy gracefully (SIGTERM), waiting for it to exit; a training run is given longer, for the JVM writes
     * its ahead-of-time cache as it exits.
     */
    public synchronized void stop(Instance instance) throws InterruptedException {
        Process process = processes.remove(instance);
        AotCache.Launch cache = caches.remove(instance);
        if (process != null) {
            process.destroy();
            if (!process.waitFor(cache != null && cache.trains() ? 120 : 15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            if (cache != null) {
                new AotCache(options.aotCache()).publish(cache); // before the launcher may exit
            }
        }
    }

    public int port(Service service) {
        return port(first(service));
    }

    public int port(Instance instance) {
        return ports.get(instance);
    }

    /** The base URL of the service's first copy. */
    public String url(Service service) {
        return url(first(service));
    }

    public String url(Instance instance) {
        return "http://" + Ports.HOST + ":" + port(instance);
    }

    /** The base URLs of every copy of a service, comma-separated. */
    public String urls(Service service) {
        return String.join(",", instances(service).stream().map(this::url).toList());
    }

    public long pid(Service service) {
        return pid(first(service));
    }

    public synchronized long pid(Instance instance) {
        Process p = processes.get(instance);
        return p == null ? -1 : p.pid();
    }

    /** From process start to the first ready answer, for the first copy of each service started by {@link #start}. */
    public Map<Service, Duration> startTimes() {
        Map<Service, Duration> firsts = new LinkedHashMap<>();
        startTimes.forEach((i, d) -> {
            if (i.replica() == 0) {
                firsts.put(i.service(), d);
            }
        });
        return firsts;
    }

    /** From process start to the first ready answer, for every copy started by {@link #start}. */
    public Map<Instance, Duration> instanceStartTimes() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(startTimes));
    }

    /** The stack's token issuer (its key pair in {@code keys/} of the data folder). */
    public Tokens tokens() {
        return tokens;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The Kafka broker's process (a new one after each restart). */
    public long kafkaPid() {
        return kafka.pid();
    }

    /** From launching the broker's process to its first answer, for its latest start. */
    public Duration kafkaStartTime() {
        return kafka.startTime();
    }

    public PostgresServer postgres() {
        return postgres;
    }

    @Override
    public void close() {
        closing = true;
        if (supervisor != null) {
            supervisor.interrupt();
        }
        List<Instance> reverse;
        synchronized (this) {
            reverse = new ArrayList<>(processes.keySet());
        }
        java.util.Collections.reverse(reverse);
        for (Instance s : reverse) {
            try {
                stop(s);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                // stopping anyway
            }
        }
    }
}
