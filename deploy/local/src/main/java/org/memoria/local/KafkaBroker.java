package org.memoria.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A single-node KRaft Apache Kafka broker (combined broker and controller) from the Kafka jars, bound to
 * 127.0.0.1. The tests run it inside their JVM ({@link #start}, temporary directory); the local stack runs it as a
 * child process of its own ({@link #main}, through {@link KafkaProcess}, kept directory), which can crash and be
 * restarted without taking the launcher with it.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final String CLUSTER_ID = "bWVtb3JpYS1sb2NhbC0x";

    private final KafkaRaftServer server;
    private final int port;

    private KafkaBroker(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** A broker that leaves flushing its log to the operating system, as Kafka does by default (the tests'). */
    public static KafkaBroker start(Path logDirectory, int port, int controllerPort) throws Exception {
        return start(logDirectory, port, controllerPort, false);
    }

    /**
     * @param durable fsync each append before acknowledging it (the local stack, like its PostgreSQL); otherwise an
     *                acknowledged record is in the operating system's page cache, which a crash of the broker's process
     *                does not lose, but a crash of the machine can
     */
    public static KafkaBroker start(Path logDirectory, int port, int controllerPort, boolean durable) throws Exception {
        Files.createDirectories(logDirectory);
        String dir = logDirectory.toAbsolutePath().toString();
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@" + Ports.HOST + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + Ports.HOST + ":" + port + ",CONTROLLER://" + Ports.HOST + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + Ports.HOST + ":" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", dir);
        // One node: internal topics must not wait for replicas that will never exist.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "3");
        props.put("auto.create.topics.enable", "false");
        props.put("log.cleaner.dedupe.buffer.size", "2097152");
        if (durable) {
            props.put("log.flush.interval.messages", "1");
        }
        KafkaConfig config = new KafkaConfig(props, false);

        if (!Files.exists(logDirectory.resolve("meta.properties"))) {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(CLUSTER_ID)
                    .setDirectories(Set.of(dir))
                    .setMetadataLogDirectory(Optional.of(dir))
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setControllerListenerName("CONTROLLER")
                    .setIgnoreFormatted(true)
                    .run();
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        return new KafkaBroker(server, port);
    }

    /**
     * The broker as a process of its own: {@code <log dir> <port> <controller port> <parent pid> [durable]}. A SIGTERM
     * shuts it down cleanly (a shutdown hook); so does the end of the parent process (the launcher), however that
     * ended, so that no broker is left behind as an orphan holding the ports and the log directory.
     */
    public static void main(String[] args) {
        if (args.length < 4 || args.length > 5 || (args.length == 5 && !args[4].equals("durable"))) {
            System.err.println("usage: KafkaBroker <log dir> <port> <controller port> <parent pid> [durable]");
            System.exit(2);
        }
        Path logDirectory = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        long parentPid = Long.parseLong(args[3]);
        boolean durable = args.length == 5;
        AtomicReference<KafkaBroker> running = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            KafkaBroker broker = running.get();
            if (broker != null) { // still starting: the JVM ends as if killed, and the next start recovers the log
                say("stopping");
                broker.close();
                say("stopped");
            }
        }, "kafka-broker-stop"));
        ProcessHandle.of(parentPid).ifPresentOrElse(parent -> parent.onExit().thenRun(() -> {
            say("the launcher (pid " + parentPid + ") has ended; stopping");
            System.exit(0);
        }), () -> {
            say("the launcher (pid " + parentPid + ") is already gone; not starting");
            System.exit(0);
        });
        long started = System.nanoTime();
        try {
            running.set(start(logDirectory, port, controllerPort, durable));
        } catch (Exception | LinkageError e) {
            say("could not start: " + e);
            e.printStackTrace(System.out);
            System.exit(1);
        }
        say(String.format("ready on %s:%d in %.1f s (pid %d, log in %s%s)", Ports.HOST, port,
                (System.nanoTime() - started) / 1e9, ProcessHandle.current().pid(), logDirectory,
                durable ? ", fsync on every append" : ""));
        running.get().server.awaitShutdown();
        System.exit(0);
    }

    private static void say(String message) {
        System.out.println(Instant.now() + " Kafka broker: " + message);
    }

    public String bootstrapServers() {
        return Ports.HOST + ":" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
