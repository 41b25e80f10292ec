package org.memoria.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * The local stack's Kafka broker ({@link KafkaBroker#main}) as a child process of this JVM, started with this JVM's
 * own {@code java} and class path, its output appended to a log file. It can be killed like a crashed broker and
 * started again on the same log directory and ports; it ends by itself when its parent process does.
 */
public final class KafkaProcess implements AutoCloseable {

    /** Log recovery after a kill can take a while: a start is given this long before it counts as failed. */
    public static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    /** A clean shutdown is given this long after SIGTERM before the broker is killed. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /** Enough for the local stack's topics and load (see docs/architecture.md, "Running locally"). */
    static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx384m", "-Xss512k");

    private final Path logDirectory;
    private final int port;
    private final int controllerPort;
    private final boolean durable;
    private final Path logFile;
    private final long parentPid;
    private Process process;
    private long launched;
    private Duration startTime;
    private boolean closed;

    private KafkaProcess(Path logDirectory, int port, int controllerPort, boolean durable, Path logFile,
            long parentPid) {
        this.logDirectory = logDirectory.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        this.durable = durable;
        this.logFile = logFile.toAbsolutePath();
        this.parentPid = parentPid;
    }

    /**
     * Starts the broker's process and returns at once; {@link #awaitReady} waits until it answers.
     *
     * @param durable   fsync each append before acknowledging it (see {@link KafkaBroker#start(Path, int, int, boolean)})
     * @param parentPid the process whose end ends the broker (the launcher: {@code ProcessHandle.current().pid()})
     */
    public static KafkaProcess launch(Path logDirectory, int port, int controllerPort, boolean durable, Path logFile,
            long parentPid) throws IOException {
        KafkaProcess kafka = new KafkaProcess(logDirectory, port, controllerPort, durable, logFile, parentPid);
        kafka.launch();
        return kafka;
    }

    /** Starts the broker's process and waits until it answers (at most {@link #START_TIMEOUT}). */
    public static KafkaProcess start(Path logDirectory, int port, int controllerPort, boolean durable, Path logFile,
            long parentPid) throws IOException, InterruptedException {
        KafkaProcess kafka = launch(logDirectory, port, controllerPort, durable, logFile, parentPid);
        kafka.awaitReady(START_TIMEOUT);
        return kafka;
    }

    private synchronized void launch() throws IOException {
        if (closed) {
            throw new IllegalStateException("The broker was stopped");
        }
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("The broker still runs (pid " + process.pid() + ")");
        }
        Files.createDirectories(logFile.getParent());
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_OPTIONS);
        String logManager = System.getProperty("java.util.logging.manager"); // a test JVM's, on the same class path
        if (logManager != null) {
            command.add("-Djava.util.logging.manager=" + logManager);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), KafkaBroker.class.getName(),
                logDirectory.toString(), Integer.toString(port), Integer.toString(controllerPort),
                Long.toString(parentPid)));
        if (durable) {
            command.add("durable");
        }
        launched = System.nanoTime();
        startTime = null;
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
    }

    /**
     * Waits until the broker describes its cluster, with itself in it. Fails when the process exits first, or when
     * the timeout passes, and then kills it, so that a broker that hangs in its start does not count as running.
     */
    public void awaitReady(Duration timeout) throws InterruptedException {
        Process starting = current();
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean ready = false;
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500))) {
            while (System.nanoTime() < deadline) {
                if (!starting.isAlive()) {
                    throw new IllegalStateException("The Kafka broker exited with " + starting.exitValue() + "; see "
                            + logFile);
                }
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes().get().isEmpty()) {
                        ready = true;
                        synchronized (this) {
                            if (process == starting) {
                                startTime = Duration.ofNanos(System.nanoTime() - launched);
                            }
                        }
                        return;
                    }
                } catch (ExecutionException e) {
                    // not answering yet
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("The Kafka broker did not answer within " + timeout + "; see " + logFile);
        } finally {
            if (!ready) {
                starting.destroyForcibly();
            }
        }
    }

    /** Starts the broker again on the same log directory and ports, after it died, and waits until it answers. */
    public void restart() throws IOException, InterruptedException {
        launch();
        awaitReady(START_TIMEOUT);
    }

    public synchronized boolean isAlive() {
        return process.isAlive();
    }

    public synchronized long pid() {
        return process.pid();
    }

    /** The broker's current process. */
    public synchronized Process current() {
        return process;
    }

    /** Ends the broker at once (SIGKILL), as a crash would: no shutdown hook runs, the log is recovered at the next start. */
    public void kill() throws InterruptedException {
        Process p = current();
        p.destroyForcibly();
        p.waitFor();
    }

    /** From the last launch to the broker's first answer; null while it starts. */
    public synchronized Duration startTime() {
        return startTime;
    }

    public String bootstrapServers() {
        return Ports.HOST + ":" + port;
    }

    public Path logFile() {
        return logFile;
    }

    /** Stops the broker for good: SIGTERM (a clean shutdown), then SIGKILL if it has not ended within 30 s. */
    @Override
    public void close() {
        Process p;
        synchronized (this) {
            closed = true;
            p = process;
        }
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
