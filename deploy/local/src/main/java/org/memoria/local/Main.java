package org.memoria.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import sun.misc.Signal;

/**
 * {@code ./memoria up}: the whole platform on this machine, with the sample archive loaded. Ctrl-C stops it.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("memoria.root", ".")).toAbsolutePath().normalize();
        Path data = Path.of(System.getProperty("memoria.data", root.resolve(".memoria").toString())).toAbsolutePath();
        boolean loadSample = !Boolean.getBoolean("memoria.noSample");
        int replicas = replicas(args);
        long t0 = System.nanoTime();
        System.out.println("Memoria: starting PostgreSQL, Kafka and the four services" + (replicas > 1 ? " ("
                + replicas + " copies of each)" : "") + "; data in " + data);
        LocalStack stack = LocalStack.start(LocalStack.Options.defaults(root, data).replicas(replicas));
        stack.supervise(); // a child that dies is restarted; none outlives this process
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopping.compareAndSet(false, true)) {
                System.out.println("\nMemoria: stopping...");
                stack.close();
                System.out.println("Memoria: stopped.");
                stopped.countDown();
            }
        };
        // Ctrl-C and kill stop the services, then the broker and PostgreSQL, before the JVM's shutdown hooks run: the
        // embedded PostgreSQL's own hook would otherwise stop the database while the services still shut down
        for (String name : new String[] { "INT", "TERM" }) {
            Signal.handle(new Signal(name), signal -> {
                stop.run();
                System.exit(0);
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "memoria-stop")); // any other way the JVM ends
        System.out.printf("Memoria: all services ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        stack.instanceStartTimes().forEach((s, d) -> System.out.printf("  %-18s ready in %.2f s (pid %d, %s)%n",
                s.name(), d.toMillis() / 1000.0, stack.pid(s), stack.url(s)));
        System.out.printf("  %-18s ready in %.2f s (pid %d)%n", "kafka", stack.kafkaStartTime().toMillis() / 1000.0,
                stack.kafkaPid());
        if (stack.instances().stream().anyMatch(stack::trainsCache)) {
            System.out.println("Memoria: this was a training run of the services' start-up caches (new jars or JDK); they"
                    + " are written when the stack stops, in " + data.resolve("aot") + ", and make the next start faster");
        }
        SampleLoader loader = new SampleLoader(stack.url(LocalStack.Service.GATEWAY),
                stack.tokens().archivist("memoria-sample"));
        if (loadSample && loader.isLoaded()) {
            System.out.println("Memoria: the sample archive is already there");
        } else if (loadSample) {
            SampleLoader.Result result = loader.load();
            result.errors().forEach(e -> System.out.println("  sample error: " + e));
            loader.awaitProjected(Duration.ofSeconds(60));
            System.out.println("Memoria: sample archive loaded " + result.written() + ", " + result.errors().size()
                    + " errors");
        }
        String gateway = stack.url(LocalStack.Service.GATEWAY);
        System.out.println();
        System.out.println("  Archive API   " + gateway + "/api" + (replicas > 1 ? "  (every gateway serves it: "
                + stack.urls(LocalStack.Service.GATEWAY) + ")" : ""));
        System.out.println("  Swagger UI    " + gateway + "/q/swagger-ui");
        System.out.println("  OpenAPI       " + gateway + "/q/openapi");
        System.out.println("  Trotsky       " + gateway + "/api/people/" + SampleLoader.idOf("leon-trotsky"));
        System.out.println("  Timeline      " + gateway + "/api/timeline");
        System.out.println("  Owners        " + stack.url(LocalStack.Service.PEOPLE) + "/q/swagger-ui, "
                + stack.url(LocalStack.Service.EVENTS) + "/q/swagger-ui, " + stack.url(LocalStack.Service.SOURCES)
                + "/q/swagger-ui");
        System.out.println("  Logs          " + data.resolve("logs"));
        System.out.println();
        System.out.println("Reads are open to anyone; writes need a token. In another terminal:");
        System.out.println("  TOKEN=$(./memoria token --role archivist --name \"Ada\")");
        System.out.println("  curl -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' \\");
        System.out.println("       -d '{\"preferredName\":\"Natalia Sedova\"}' " + gateway + "/api/people");
        System.out.println("  (also --role partner --partner <id>, --role admin; Swagger UI: Authorize, paste the token)");
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }

    /** {@code --replicas N}: copies of each service (1 to 9); 1 without it. */
    private static int replicas(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = arg.startsWith("--replicas=") ? arg.substring("--replicas=".length())
                    : arg.equals("--replicas") && i + 1 < args.length ? args[++i] : null;
            if (value == null) {
                throw new IllegalArgumentException("unknown argument " + arg + "; usage: ./memoria up [--replicas N]");
            }
            try {
                int n = Integer.parseInt(value);
                if (n >= 1 && n <= 9) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--replicas must be a number from 1 to 9, not " + value);
        }
        return 1;
    }
}
