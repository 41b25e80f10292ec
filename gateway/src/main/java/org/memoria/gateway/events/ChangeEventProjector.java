package org.memoria.gateway.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
 * and the consumer group are swapped in one transaction. A rebuild replays the three topics side by side, one
 * consumer and one thread each: each consumer takes every partition of its topic itself (no group membership, so no
 * rebalance) and commits its offsets under the rebuild's group. Their transactions write different entities and
 * queue only to add to the change feed ({@link ChangeFeedWriter}).
 *
 * <p><b>A rebuild ends however fast writes come.</b> It does not chase the end of the topics (which moves on with
 * every write) but catches up to the end offsets of all partitions of the three topics taken at one moment (each
 * consumer takes its topic's; {@link ProjectionRun#catchUpToEndAsOfNow}). Then the live projector pauses, the
 * end offsets are taken once more, and the rebuild drains to those: a second, short stretch, since it covers only
 * what arrived during the first. Records arriving after the second snapshot are left for the live projector.
 *
 * <p><b>No record is skipped or applied twice at the swap.</b> Each of the rebuild's consumers applies each poll in a
 * database transaction and commits the poll's offsets after it ({@link ProjectionRun#pollOnce}); before the swap each
 * commits its position on every partition of its topic ({@link ProjectionRun#commitPositions}). Every record below a position was returned
 * by a poll and is in the shadow tables (or set aside as a dead letter); no record at or above it was returned by a
 * poll, so none is in the shadow tables. The group's committed offsets therefore say exactly what the shadow tables
 * hold, whether the last polls stopped at the second snapshot or brought records past it. Nothing reaches the shadow
 * tables after those commits (the rebuild's consumers poll no more), and the live projector, paused before the second
 * snapshot, has stopped writing: what it had applied lies below that snapshot, so the rebuild holds it too. The swap
 * makes the shadow tables live and the rebuild's group the live projector's in one transaction; the live projector
 * then starts again in that group, from its committed offsets, with the first record the shadow tables lack. If the
 * swap fails or the process dies before it commits, the live tables and the live group are unchanged, and the
 * rebuild's group is never used again.
 *
 * <p><b>A rebuild is recorded in the database</b> ({@code read_model_rebuild}), so its status survives a restart and
 * reads the same on every replica. While it runs, the rebuilding process holds a session-level advisory lock
 * ({@link #REBUILD_LOCK}) on one connection, from before it records the rebuild until after it records the outcome.
 * That lock lets one rebuild at a time run, whichever replica is asked, and tells a live rebuild from a dead one: a
 * {@code RUNNING} row whose lock nobody holds was left by a process that stopped, and the next gateway that starts, or
 * is asked for the status or for a rebuild, marks it {@code ABANDONED} and drops its shadow tables.
 */
@ApplicationScoped
public class ChangeEventProjector {

    private static final Logger LOG = Logger.getLogger(ChangeEventProjector.class);
    private static final RepeatedFailures FAILURES = new RepeatedFailures(LOG);
    private static final String SHADOW = "_rebuild";
    private static final List<String> TABLES = List.of("entity", "link", "search_term");
    /** How long the swap waits for one table's lock before it lets go of all and tries again (55P03). */
    private static final Duration LOCK_WAIT = Duration.ofMillis(150);
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    /** How long a rebuild keeps trying to swap before it counts as failed (the live tables unchanged). */
    private static final Duration SWAP_PATIENCE = Duration.ofSeconds(60);
    /** Each index of a table: its name, and its definition without the name and the table. */
    private static final String INDEXES = "select i.relname, regexp_replace(pg_get_indexdef(i.oid), "
            + "'^CREATE (UNIQUE )?INDEX \\S+ ON \\S+ ', 'CREATE \\1INDEX ') from pg_index x "
            + "join pg_class i on i.oid = x.indexrelid where x.indrelid = ?::regclass order by i.relname";
    /** Each constraint of a table: its name, and its kind and definition. */
    private static final String CONSTRAINTS = "select conname, contype::text || ' ' || pg_get_constraintdef(oid) "
            + "from pg_constraint where conrelid = ?::regclass order by conname";

    /**
     * How often the live projector checks whether another replica swapped in a rebuilt read model, whose consumer
     * group it must then join: gateway replicas share the read model and one consumer group (decision 0013).
     */
    private static final Duration GROUP_CHECK = Duration.ofSeconds(1);
    /** How often the live projector looks for indexes a stopped gateway left pending after a swap. */
    private static final Duration INDEX_CHECK = Duration.ofMinutes(1);
    /** The advisory lock the rebuilding process holds on one connection for as long as its rebuild runs. */
    static final long REBUILD_LOCK = 0x6d656d6f72696152L;
    /** Why a rebuild was abandoned: its process stopped before it ended. */
    static final String STOPPED = "the gateway stopped during the rebuild; start it again";
    private static final String REBUILD_COLUMNS = "state, started_at, finished_at, events, events_per_second, error, "
            + "abandoned_reason";

    /** What a rebuild did, or is doing. */
    @Schema(description = "A read-model rebuild, as recorded in the gateway's database: the same on every replica, "
            + "and kept across restarts")
    public record Rebuild(
            @Schema(description = "RUNNING while it replays; DONE once the rebuilt tables replaced the live ones; "
                    + "FAILED if it stopped on an error (the live read model is unchanged); ABANDONED if the gateway "
                    + "running it stopped before it ended (the live read model is unchanged; start it again)",
                    enumeration = { "RUNNING", "DONE", "FAILED", "ABANDONED" }) String state,
            Instant startedAt,
            @Schema(description = "When it ended; absent while it runs") Instant finishedAt,
            @Schema(description = "Records replayed, once DONE") long events,
            @Schema(description = "Records replayed per second, once DONE") double eventsPerSecond,
            @Schema(description = "Why it FAILED") String error,
            @Schema(description = "Why it was ABANDONED") String abandonedReason) {
    }

    @Inject
    DataSource dataSource;
    @Inject
    ReadModelWriter writer;
    @Inject
    StoredViews views;
    @Inject
    DeadLetters deadLetters;
    @Inject
    DeferredIndexes deferredIndexes;
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
    /** Whether this process runs a rebuild (the database says whether any replica does). */
    private volatile boolean rebuilding;
    private volatile Instant lastPoll;
    private Thread thread;

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
        return new Progress(run == null ? null : run.group(), run == null ? null : run.assigned(), lastPoll,
                paused || rebuilding);
    }

    /** When the projector last heard from the broker (null before the first poll). */
    public Instant lastPoll() {
        return lastPoll;
    }

    /**
     * The latest rebuild, from the database (null if none ever ran). One still recorded as running whose process is
     * gone is abandoned first, so that no replica reports a dead rebuild as running.
     */
    public Rebuild lastRebuild() throws SQLException {
        Rebuild last = latestRebuild();
        if (last != null && last.state().equals("RUNNING") && abandonDeadRebuild() > 0) {
            last = latestRebuild();
        }
        return last;
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
                long checkGroupAt = System.nanoTime() + GROUP_CHECK.toNanos();
                long checkIndexesAt = System.nanoTime() + INDEX_CHECK.toNanos();
                while (running && !paused) {
                    run.pollOnce(Duration.ofMillis(200));
                    lastPoll = Instant.now();
                    if (System.nanoTime() - checkGroupAt >= 0) {
                        checkGroupAt = System.nanoTime() + GROUP_CHECK.toNanos();
                        String current = consumerGroup();
                        if (!current.equals(run.group())) {
                            LOG.infof("Another gateway swapped in a rebuilt read model; the projector follows it to "
                                    + "consumer group %s", current);
                            break;
                        }
                    }
                    if (System.nanoTime() - checkIndexesAt >= 0) {
                        checkIndexesAt = System.nanoTime() + INDEX_CHECK.toNanos();
                        deferredIndexes.buildLeftoversInBackground(); // those a stopped gateway left pending
                    }
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

    /**
     * Starts a rebuild unless one is running, here or on another replica; returns at once, with the rebuild started or
     * the one running.
     */
    public synchronized Rebuild startRebuild() throws SQLException {
        for (int attempt = 0;; attempt++) {
            Connection holder = dataSource.getConnection();
            boolean handedOver = false;
            try {
                if (tryLock(holder)) {
                    try {
                        abandonDead(holder); // the lock is ours: a rebuild still marked running is dead
                        String group = config.consumerGroup() + "-" + UUID.randomUUID();
                        long id;
                        Rebuild started;
                        try (PreparedStatement p = holder.prepareStatement("insert into read_model_rebuild "
                                + "(state, consumer_group) values ('RUNNING', ?) returning id, " + REBUILD_COLUMNS)) {
                            p.setString(1, group);
                            try (ResultSet rs = p.executeQuery()) {
                                rs.next();
                                id = rs.getLong("id");
                                started = rebuild(rs);
                            }
                        }
                        rebuilding = true;
                        Thread.ofPlatform().name("read-model-rebuild").daemon().start(() -> rebuild(holder, id, group));
                        handedOver = true;
                        return started;
                    } finally {
                        if (!handedOver) {
                            unlock(holder);
                        }
                    }
                }
            } finally {
                if (!handedOver) {
                    holder.close();
                }
            }
            // another process holds the lock: its rebuild, unless it is between taking the lock and recording it,
            // or recovering a dead one at startup
            Rebuild running = runningRebuild();
            if (running != null || attempt >= 100) {
                return running != null ? running : latestRebuild();
            }
            pause(20);
        }
    }

    /**
     * What a restarted gateway does first: a rebuild left {@code RUNNING} by a process that stopped (no session holds
     * its lock) is marked {@code ABANDONED} and its shadow tables are dropped. Does nothing while a rebuild runs.
     * Answers how many rebuilds it abandoned.
     */
    int abandonDeadRebuild() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!tryLock(c)) {
                return 0;
            }
            try {
                return abandonDead(c);
            } finally {
                unlock(c);
            }
        }
    }

    void abandonDeadRebuildAtStartup(@Observes StartupEvent event) {
        try {
            abandonDeadRebuild();
        } catch (SQLException e) {
            LOG.warnf("Could not check for a read-model rebuild left running by a stopped gateway: %s", e);
        }
    }

    /** With the lock held: marks what is still running as abandoned, and drops any shadow table, in one transaction. */
    private static int abandonDead(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try {
            List<String> abandoned = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("update read_model_rebuild set state = 'ABANDONED', "
                    + "finished_at = now(), abandoned_reason = ? where state = 'RUNNING' "
                    + "returning id, started_at, consumer_group")) {
                p.setString(1, STOPPED);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        abandoned.add("#" + rs.getLong(1) + " (started " + rs.getObject(2, OffsetDateTime.class)
                                + ", consumer group " + rs.getString(3) + ")");
                    }
                }
            }
            dropShadowTables(c);
            c.commit();
            for (String rebuild : abandoned) {
                LOG.warn("Read-model rebuild " + rebuild + " abandoned, its shadow tables dropped, the live read "
                        + "model unchanged: " + STOPPED);
            }
            return abandoned.size();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Runs a rebuild recorded as {@code id}, on a thread of its own, {@code holder} holding the lock meanwhile. */
    private void rebuild(Connection holder, long id, String group) {
        boolean swapped = false;
        try {
            swapped = replayAndSwap(holder, id, group);
        } finally {
            paused = false;
            rebuilding = false;
            unlock(holder); // another rebuild may start: it waits for the index lock before its swap
        }
        try {
            if (swapped) {
                // the indexes only search's fallback reads, built on the live table while it serves (decision 0024)
                long t0 = System.nanoTime();
                if (DeferredIndexes.build(holder) > 0) {
                    LOG.infof("Rebuild: the indexes deferred past the swap built in %.1f s",
                            (System.nanoTime() - t0) / 1e9);
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Rebuild: the indexes deferred past the swap were not built; a gateway tries again within a "
                    + "minute (search answers meanwhile): %s", e);
        } finally {
            DeferredIndexes.unlock(holder);
            try {
                holder.close();
            } catch (SQLException e) {
                LOG.debugf("Closing the rebuild's connection: %s", e);
            }
        }
    }

    /**
     * Replays the topics into the shadow tables, builds their indexes but those deferred past the swap, and swaps
     * them in; answers whether it did. {@code holder} takes the index lock ({@link DeferredIndexes}) on the way.
     */
    private boolean replayAndSwap(Connection holder, long id, String group) {
        long t0 = System.nanoTime();
        // stop if the gateway stops, or if the session holding the lock is gone (another replica may then abandon it)
        BooleanSupplier keepGoing = new LockStillHeld(holder);
        List<ProjectionRun> runs = new ArrayList<>();
        try {
            List<String> deferredIndexes = createShadowTables(holder);
            // one consumer per topic, side by side: while one waits for the database, another parses its records
            for (String topic : Topics.ALL) {
                runs.add(ProjectionRun.ofTopic(topic, bootstrapServers, group, config.maxBatch(), dataSource, writer,
                        deadLetters, Tables.withSuffix(SHADOW)));
            }
            // the live tables keep serving meanwhile
            catchUpSideBySide(runs, keepGoing);
            // no index is being built on the live tables from here to the swap (an earlier rebuild's may still be)
            DeferredIndexes.lock(holder);
            long indexing = System.nanoTime();
            createDeferredIndexes(holder, deferredIndexes); // while the live tables still serve
            LOG.infof("Rebuild: the shadow tables' search and date indexes built in %.1f s",
                    (System.nanoTime() - indexing) / 1e9);
            paused = true; // the live projector stops writing; reads go on
            ProjectionRun current = live;
            if (current != null) {
                current.wakeup();
            }
            while (live != null) {
                pause(10);
            }
            catchUpSideBySide(runs, keepGoing);
            long consumed = 0;
            for (ProjectionRun run : runs) {
                run.commitPositions();
                consumed += run.consumed();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long swapBy = System.nanoTime() + SWAP_PATIENCE.toNanos();
            while (true) {
                try {
                    swap(holder, id, group, consumed, consumed / seconds, views);
                    break;
                } catch (SQLException e) {
                    // readers (or another gateway's projector) held a table: let them finish, then try again
                    if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState()) || System.nanoTime() - swapBy > 0
                            || !keepGoing.getAsBoolean()) {
                        throw e;
                    }
                    pause(10 + java.util.concurrent.ThreadLocalRandom.current().nextLong(40));
                }
            }
            LOG.infof("Read model rebuilt from %d events in %.1f s", consumed, seconds);
            return true;
        } catch (Stopped e) {
            LOG.warn("Read-model rebuild abandoned, the live read model unchanged: " + STOPPED);
            end(holder, id, "ABANDONED", null, STOPPED);
        } catch (Exception e) {
            LOG.errorf(e, "Rebuild failed; the live read model is unchanged");
            end(holder, id, "FAILED", e.toString(), null);
        } finally {
            runs.forEach(ProjectionRun::close);
        }
        return false;
    }

    /**
     * Each run catches up with the end of its topic as of now, on a thread of its own; returns when all have. The
     * first failure stops the others and is thrown; a stop ({@code keepGoing} false) throws {@link Stopped}.
     */
    private static void catchUpSideBySide(List<ProjectionRun> runs, BooleanSupplier keepGoing) throws Exception {
        java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
        BooleanSupplier going = () -> failure.get() == null && keepGoing.getAsBoolean();
        List<Thread> threads = new ArrayList<>();
        for (ProjectionRun run : runs) {
            threads.add(Thread.ofPlatform().name("read-model-rebuild-" + threads.size()).daemon().start(() -> {
                try {
                    if (!run.catchUpToEndAsOfNow(run.topics(), going)) {
                        failure.compareAndSet(null, new Stopped());
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /**
     * Whether the rebuild may go on: the gateway runs and the session holding the rebuild's lock is alive. Asked by
     * the rebuild's consumers after every poll, from their threads; the session is asked at most once a second, by
     * one of them at a time.
     */
    private final class LockStillHeld implements BooleanSupplier {
        private final Connection holder;
        private long checkedAt = System.nanoTime();
        private boolean valid = true;

        LockStillHeld(Connection holder) {
            this.holder = holder;
        }

        @Override
        public synchronized boolean getAsBoolean() {
            if (!running) {
                return false;
            }
            if (valid && System.nanoTime() - checkedAt > 1_000_000_000L) {
                valid = isValid(holder);
                checkedAt = System.nanoTime();
            }
            return valid;
        }
    }

    /**
     * Records how a rebuild that did not swap ended, and drops its shadow tables; if the session is gone, the next
     * gateway that starts (or is asked) does both.
     */
    private static void end(Connection holder, long id, String state, String error, String reason) {
        try (PreparedStatement p = holder.prepareStatement("update read_model_rebuild set state = ?, finished_at = now(), "
                + "error = ?, abandoned_reason = ? where id = ? and state = 'RUNNING'")) {
            p.setString(1, state);
            p.setString(2, error);
            p.setString(3, reason);
            p.setLong(4, id);
            p.executeUpdate();
            dropShadowTables(holder);
        } catch (SQLException e) {
            LOG.warnf("Could not record the end of read-model rebuild #%d (%s); the next gateway to start will: %s", id,
                    state, e);
        }
    }

    /** The gateway stops: the rebuild ends without swapping. */
    private static final class Stopped extends Exception {
        Stopped() {
            super(STOPPED, null, false, false);
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            p.setLong(1, REBUILD_LOCK);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection c) {
        try (PreparedStatement p = c.prepareStatement("select pg_advisory_unlock(?)")) {
            p.setLong(1, REBUILD_LOCK);
            p.execute();
        } catch (SQLException e) {
            // the session is gone, and its locks with it
            LOG.debugf("Releasing the rebuild lock: %s", e);
        }
    }

    private static boolean isValid(Connection c) {
        try {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    private Rebuild latestRebuild() throws SQLException {
        return oneRebuild("select " + REBUILD_COLUMNS + " from read_model_rebuild order by id desc limit 1");
    }

    private Rebuild runningRebuild() throws SQLException {
        return oneRebuild("select " + REBUILD_COLUMNS + " from read_model_rebuild where state = 'RUNNING'");
    }

    private Rebuild oneRebuild(String query) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(query);
                ResultSet rs = p.executeQuery()) {
            return rs.next() ? rebuild(rs) : null;
        }
    }

    private static Rebuild rebuild(ResultSet rs) throws SQLException {
        return new Rebuild(rs.getString("state"), instant(rs, "started_at"), instant(rs, "finished_at"),
                rs.getLong("events"), rs.getDouble("events_per_second"), rs.getString("error"),
                rs.getString("abandoned_reason"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    /**
     * Creates the shadow tables as copies of the live ones, without their GIN and GiST indexes (trigram, full text,
     * date ranges): keeping those up to date row by row costs more than the replay itself, and building each once
     * from the full table ({@link #createDeferredIndexes}) is several times faster. Returns the definitions of those
     * built before the swap; the trigram index, which only search's fallback reads, is built after it on the live
     * table ({@link DeferredIndexes}). Leaving out the btree and hash indexes too (all but the primary keys) did not
     * pay at 1,000,000 events: the replay took as long (104 s) and their builds added 10.7 s (decision 0024).
     */
    private static List<String> createShadowTables(Connection c) throws SQLException {
        List<String> deferred = new java.util.ArrayList<>();
        try (var s = c.createStatement()) {
            for (String table : TABLES) {
                s.execute("drop table if exists " + table + SHADOW);
                s.execute("create table " + table + SHADOW + " (like " + table + " including all)");
                try (PreparedStatement p = c.prepareStatement("select indexname, indexdef from pg_indexes "
                        + "where schemaname = current_schema() and tablename = ? and indexdef ~ ' USING (gin|gist) '")) {
                    p.setString(1, table + SHADOW);
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            if (!DeferredIndexes.afterSwap(rs.getString(2))) {
                                deferred.add(rs.getString(2)); // the others are built on the live table after the swap
                            }
                            try (var drop = c.createStatement()) {
                                drop.execute("drop index " + quote(rs.getString(1)));
                            }
                        }
                    }
                }
            }
        }
        return deferred;
    }

    /**
     * Builds the indexes {@link #createShadowTables} left out and the swap needs, each once over the replayed rows, one
     * after the other. Side by side, each on a connection of its own, they took as long at 1,000,000 events (125.6 s
     * against 125.5, the trigram index then among them): the trigram build was most of it, and the others slowed it
     * as much as they saved (docs/benchmarks.md).
     */
    private static void createDeferredIndexes(Connection c, List<String> definitions) throws SQLException {
        try (var s = c.createStatement()) {
            for (String definition : definitions) {
                s.execute(definition);
            }
        }
    }

    private static void dropShadowTables(Connection c) throws SQLException {
        try (var s = c.createStatement()) {
            for (String table : TABLES) {
                s.execute("drop table if exists " + table + SHADOW);
            }
        }
    }

    /**
     * Replaces the live tables by the rebuilt ones and records the new consumer group, in one transaction. The
     * rebuilt tables' indexes and constraints got new names from {@code like … including all}; they take the
     * original names back, so that later migrations find them by the names the migrations gave them. The rebuild is
     * recorded as done in the same transaction: a process that dies before it commits leaves the rebuild running (to
     * be abandoned) and the live read model as it was.
     */
    private static void swap(Connection c, long id, String group, long events, double eventsPerSecond,
            StoredViews views) throws SQLException {
        c.setAutoCommit(false);
        try (var s = c.createStatement()) {
            // Every live table's lock first, each wait shorter than PostgreSQL's deadlock timeout (1 s): a reader that
            // holds one table and asks for the next, as a view's statements do, would otherwise deadlock with the
            // renames, and PostgreSQL would end one of the two, the reader's request or the rebuild. Giving up the
            // locks instead lets the readers finish; the caller tries again at once.
            s.execute("set local lock_timeout = '" + LOCK_WAIT.toMillis() + "ms'");
            // and before them the stored views' epoch: the view composer reads the live tables under it
            views.holdForSwap(c);
            s.execute("lock table " + String.join(", ", TABLES) + " in access exclusive mode");
            try (PreparedStatement p = c.prepareStatement("insert into projector_state (id, consumer_group, rebuilt_at) "
                    + "values (1, ?, now()) on conflict (id) do update set consumer_group = excluded.consumer_group, "
                    + "rebuilt_at = excluded.rebuilt_at")) {
                p.setString(1, group);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("update read_model_rebuild set state = 'DONE', "
                    + "finished_at = now(), events = ?, events_per_second = ? where id = ? and state = 'RUNNING'")) {
                p.setLong(1, events);
                p.setDouble(2, eventsPerSecond);
                p.setLong(3, id);
                if (p.executeUpdate() != 1) {
                    throw new IllegalStateException("Rebuild #" + id + " is no longer recorded as running");
                }
            }
            // the indexes the shadow tables lack until after the swap, by the live tables' names and definitions
            DeferredIndexes.record(c, TABLES);
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
            // the stored views were composed from the retired tables
            views.swapped(c);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
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
