package org.memoria.gateway.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.memoria.common.events.TopicAdmin;
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
    private static final String SHADOW = "_rebuild";
    private static final List<String> TABLES = List.of("entity", "link", "search_term");

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
    GatewayConfig config;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

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

    /** When the projector last heard from the broker (null before the first poll). */
    public Instant lastPoll() {
        return lastPoll;
    }

    public Rebuild lastRebuild() {
        return rebuild.get();
    }

    private void run() {
        TopicAdmin.ensureTopics(bootstrapServers, Topics.ALL, 3, () -> running);
        while (running) {
            if (paused) {
                pause(50);
                continue;
            }
            try (ProjectionRun run = new ProjectionRun(bootstrapServers, consumerGroup(), config.maxBatch(), dataSource,
                    writer, deadLetters, Tables.LIVE)) {
                live = run;
                while (running && !paused) {
                    run.pollOnce(Duration.ofMillis(200));
                    lastPoll = Instant.now();
                }
            } catch (WakeupException e) {
                // stopping or pausing
            } catch (Exception e) {
                // uncommitted records are delivered again by the next consumer: nothing is lost
                LOG.warnf(e, "Projector failed; resuming from the last committed offsets");
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

    private void swap(String group) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                for (String table : TABLES) {
                    s.execute("alter table " + table + " rename to " + table + "_retired");
                    s.execute("alter table " + table + SHADOW + " rename to " + table);
                    s.execute("drop table " + table + "_retired");
                }
                try (PreparedStatement p = c.prepareStatement("insert into projector_state (id, consumer_group, rebuilt_at) "
                        + "values (1, ?, now()) on conflict (id) do update set consumer_group = excluded.consumer_group, "
                        + "rebuilt_at = excluded.rebuilt_at")) {
                    p.setString(1, group);
                    p.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
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
