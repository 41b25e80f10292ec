package org.memoria.gateway.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.memoria.common.events.TopicAdmin;
import org.memoria.common.problem.RepeatedFailures;
import org.memoria.common.events.Topics;
import org.memoria.gateway.config.GatewayConfig;
import org.memoria.gateway.events.ReadModelWriter.Tables;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Keeps the read model up to date from the owners' topics, on one thread, and rebuilds it on demand: a rebuild
 * replays the topics from the start into shadow tables under a new consumer group while the live tables keep
 * serving; once it has caught up, the live projector pauses, the rebuild drains the last records, and the tables
 * and the consumer group are swapped in one transaction.
 */
@ApplicationScoped
public class ChangeEventProjector {

    private static final Logger LOG = Logger.getLogger(ChangeEventProjector.class);
    private static final RepeatedFailures FAILURES = new RepeatedFailures(LOG);
    private static final String SHADOW = "_rebuild";
    private static final List<String> TABLES = List.of("entity", "link", "search_term");
    /** Each index of a table: its name, and its definition without the name and the table. */
    private static final String INDEXES = "select i.relname, regexp_replace(pg_get_indexdef(i.oid), "
            + "'^CREATE (UNIQUE )?INDEX \\S+ ON \\S+ ', 'CREATE \\1INDEX ') from pg_index x "
            + "join pg_class i on i.oid = x.indexrelid where x.indrelid = ?::regclass order by i.relname";
    /** Each constraint of a table: its name, and its kind and definition. */
    private static final String CONSTRAINTS = "select conname, contype::text || ' ' || pg_get_constraintdef(oid) "
            + "from pg_constraint where conrelid = ?::regclass order by conname";

    /** What a rebuild did. */
    public record Rebuild(String state, Instant startedAt, Instant finishedAt, long events, double eventsPerSecond,
            String error) {
    }

    @Inject
    DataSource dataSource;
    @Inject
    ReadModelWriter writer;
    @Inject
    DeadLetters deadLetters;
    @Inject
    ProjectorTelemetry telemetry;
    @Inject
    GatewayConfig config;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "quarkus.http.port")
    int httpPort;

    private volatile boolean running;
    private volatile boolean paused;
    private volatile ProjectionRun live;
    private volatile Instant lastPoll;
    private Thread thread;
    private final AtomicReference<Rebuild> rebuild = new AtomicReference<>();

    void start(@Observes StartupEvent event) {
        running = true;
        thread = Thread.ofPlatform().name("read-model-projector").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        ProjectionRun run = live;
        if (run != null) {
            run.wakeup();
        }
        if (thread != null) {
            thread.join(5_000);
        }
    }

    /**
     * The live projector as a static member of its consumer group: restarted under the same instance id (the same
     * host and port, or pod), it gets its partitions back without waiting for its dead predecessor's session to
     * expire; closing leaves the group, so a replica that stops for good hands its partitions over at once.
     */
    private Map<String, Object> membership() {
        return Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId(),
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.projector().sessionTimeout().toMillis());
    }

    String instanceId() {
        return config.projector().instanceId().orElseGet(() -> "gateway-" + hostName() + "-" + httpPort);
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * Where the live projector stands, for readiness: its consumer group and partitions (null until it joined the
     * group), when it last polled, and whether a rebuild is under way.
     */
    public record Progress(String group, Set<TopicPartition> assigned, Instant lastPoll, boolean rebuilding) {
    }

    public Progress progress() {
        ProjectionRun run = live;
        Rebuild current = rebuild.get();
        return new Progress(run == null ? null : run.group(), run == null ? null : run.assigned(), lastPoll,
                paused || current != null && current.state().equals("RUNNING"));
    }

    /** When the projector last heard from the broker (null before the first poll). */
    public Instant lastPoll() {
        return lastPoll;
    }

    public Rebuild lastRebuild() {
        return rebuild.get();
    }

    private void run() {
        TopicAdmin.ensureTopics(bootstrapServers, Topics.ALL, config.topicPartitions(), () -> running);
        while (running) {
            if (paused) {
                pause(50);
                continue;
            }
            try (ProjectionRun run = new ProjectionRun(bootstrapServers, consumerGroup(), config.maxBatch(), dataSource,
                    writer, deadLetters, Tables.LIVE, membership())) {
                live = run;
                run.observe(telemetry);
                while (running && !paused) {
                    run.pollOnce(Duration.ofMillis(200));
                    lastPoll = Instant.now();
                }
            } catch (WakeupException e) {
                // stopping or pausing
            } catch (FencedInstanceIdException e) {
                LOG.errorf("Another gateway uses the projector's instance id %s; give each replica its own "
                        + "(memoria.gateway.projector.instance-id)", instanceId());
                pause(5_000);
            } catch (Exception e) {
                // uncommitted records are delivered again by the next consumer: nothing is lost
                FAILURES.warn(e.getClass().getName(), "Projector failed; resuming from the last committed offsets: " + e);
                LOG.debug("Projector failure", e);
                pause(1_000);
            } finally {
                live = null;
            }
        }
    }

    /** Starts a rebuild unless one is running; returns at once. */
    public synchronized Rebuild startRebuild() {
        Rebuild current = rebuild.get();
        if (current != null && current.state().equals("RUNNING")) {
            return current;
        }
        Rebuild started = new Rebuild("RUNNING", Instant.now(), null, 0, 0, null);
        rebuild.set(started);
        Thread.ofPlatform().name("read-model-rebuild").daemon().start(() -> rebuild(started.startedAt()));
        return started;
    }

    private void rebuild(Instant startedAt) {
        String group = config.consumerGroup() + "-" + UUID.randomUUID();
        long t0 = System.nanoTime();
        try {
            createShadowTables();
            try (ProjectionRun run = new ProjectionRun(bootstrapServers, group, config.maxBatch(), dataSource, writer,
                    deadLetters, Tables.withSuffix(SHADOW))) {
                run.catchUp(() -> running); // the live tables keep serving meanwhile
                paused = true; // the live projector stops writing; reads go on
                ProjectionRun current = live;
                if (current != null) {
                    current.wakeup();
                }
                while (live != null) {
                    pause(10);
                }
                run.catchUp(() -> running);
                swap(group);
                double seconds = (System.nanoTime() - t0) / 1e9;
                rebuild.set(new Rebuild("DONE", startedAt, Instant.now(), run.consumed(), run.consumed() / seconds, null));
                LOG.infof("Read model rebuilt from %d events in %.1f s", run.consumed(), seconds);
            }
        } catch (Exception e) {
            LOG.errorf(e, "Rebuild failed; the live read model is unchanged");
            rebuild.set(new Rebuild("FAILED", startedAt, Instant.now(), 0, 0, e.toString()));
        } finally {
            paused = false;
        }
    }

    private void createShadowTables() throws SQLException {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            for (String table : TABLES) {
                s.execute("drop table if exists " + table + SHADOW);
                s.execute("create table " + table + SHADOW + " (like " + table + " including all)");
            }
        }
    }

    /**
     * Replaces the live tables by the rebuilt ones and records the new consumer group, in one transaction. The
     * rebuilt tables' indexes and constraints got new names from {@code like … including all}; they take the
     * original names back, so that later migrations find them by the names the migrations gave them.
     */
    private void swap(String group) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                // first, so the tables are locked for the shortest time
                try (PreparedStatement p = c.prepareStatement("insert into projector_state (id, consumer_group, rebuilt_at) "
                        + "values (1, ?, now()) on conflict (id) do update set consumer_group = excluded.consumer_group, "
                        + "rebuilt_at = excluded.rebuilt_at")) {
                    p.setString(1, group);
                    p.executeUpdate();
                }
                for (String table : TABLES) {
                    Map<String, String> indexes = originalNames(c, INDEXES, table);
                    Map<String, String> constraints = originalNames(c, CONSTRAINTS, table);
                    s.execute("alter table " + table + " rename to " + table + "_retired");
                    s.execute("alter table " + table + SHADOW + " rename to " + table);
                    s.execute("drop table " + table + "_retired");
                    // renaming the index of a primary key or unique constraint renames the constraint with it
                    for (var index : indexes.entrySet()) {
                        s.execute("alter index " + quote(index.getKey()) + " rename to " + quote(index.getValue()));
                    }
                    for (var constraint : constraints.entrySet()) {
                        if (!indexes.containsValue(constraint.getValue())) {
                            s.execute("alter table " + table + " rename constraint " + quote(constraint.getKey())
                                    + " to " + quote(constraint.getValue()));
                        }
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The rebuilt table's names that differ from the live table's, to the live names, matched by definition. */
    private static Map<String, String> originalNames(Connection c, String query, String table) throws SQLException {
        Map<String, Deque<String>> live = new HashMap<>();
        for (String[] row : namesAndDefinitions(c, query, table)) {
            live.computeIfAbsent(row[1], d -> new ArrayDeque<>()).add(row[0]);
        }
        Map<String, String> renames = new LinkedHashMap<>();
        for (String[] row : namesAndDefinitions(c, query, table + SHADOW)) {
            Deque<String> names = live.get(row[1]);
            String original = names == null ? null : names.poll();
            if (original == null) {
                throw new IllegalStateException("The rebuilt " + table + " has " + row[0] + " (" + row[1]
                        + "), which the live table does not have");
            }
            if (!original.equals(row[0])) {
                renames.put(row[0], original);
            }
        }
        return renames;
    }

    private static List<String[]> namesAndDefinitions(Connection c, String query, String table) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(query)) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] { rs.getString(1), rs.getString(2) });
                }
            }
        }
        return rows;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private String consumerGroup() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select consumer_group from projector_state where id = 1");
                ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getString(1) : config.consumerGroup();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
