package org.memoria.gateway.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.problem.RepeatedFailures;
import org.memoria.gateway.api.ArchiveViews.Versioned;
import org.memoria.gateway.config.GatewayConfig;
import org.memoria.gateway.service.ReadModel.Row;
import org.memoria.gateway.service.ViewDocuments.Document;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Composes the views the projector marked ({@link ViewDocuments#mark}), oldest mark first, and stores them, on one
 * thread of each gateway replica. A batch is one read-committed transaction that first takes {@code view_epoch} for
 * share: it waits for a projector transaction in flight, and no projector transaction that changes the read model
 * commits until the batch ends (each updates that row first), so every statement of the batch reads the same state of
 * the read model and the views it stores are what a live read answers when their marks clear. A batch composes for
 * at most {@code memoria.gateway.views.batch-time}, which bounds how long it holds off a projector, and stops early
 * when this replica's projector is waiting for it. Replicas may
 * compose side by side: each takes the marks no other holds ({@code for update skip locked}).
 *
 * <p>A batch commits without waiting for its write-ahead log to reach the disk ({@code synchronous_commit = off}): it
 * only stores what it derived from the read model, and clears the marks of those views in the same transaction, so a
 * crash that loses the commit loses both and the views are composed again.
 *
 * <p>A view whose composition throws (a document the read model cannot show) keeps its mark, moved behind the others,
 * and is logged: it is served live meanwhile, and never stops the others.
 */
@ApplicationScoped
public class ViewComposer {

    private static final Logger LOG = Logger.getLogger(ViewComposer.class);
    private static final RepeatedFailures FAILURES = new RepeatedFailures(LOG);

    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper mapper;
    @Inject
    GatewayConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    DossierQuery dossiers;
    @Inject
    EventQuery events;
    @Inject
    SourceQuery sources;
    @Inject
    ClaimQuery claims;
    @Inject
    ViewDocuments documents;

    private Map<EntityKind, EntityQuery<? extends Versioned>> queries;
    private final Semaphore signal = new Semaphore(0);
    private final AtomicInteger projectorsWaiting = new AtomicInteger();
    private volatile boolean stopped;
    private Thread thread;
    private Counter composed;

    @PostConstruct
    void init() {
        queries = Map.of(EntityKind.PERSON, dossiers, EntityKind.EVENT, events, EntityKind.SOURCE, sources,
                EntityKind.CLAIM, claims);
        composed = Counter.builder("memoria.views.composed").baseUnit("views")
                .description("Views of people, events, sources and claims composed ahead of reads and stored")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        thread = Thread.ofPlatform().name("view-composer").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stopped = true;
        signal.release();
        if (thread != null) {
            thread.join(5_000);
        }
    }

    /**
     * Called by this replica's projector before it asks for {@code view_epoch}, and again once it has it: while a
     * projector waits, the batch in flight stops composing and stores what it has, so that the projector waits for
     * one composition rather than a whole batch.
     */
    void projectorWaits(boolean waiting) {
        if (waiting) {
            projectorsWaiting.incrementAndGet();
        } else {
            projectorsWaiting.decrementAndGet();
        }
    }

    /** Called as views are marked: the composer takes them once the marking transaction commits. */
    public void wake() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    /** Views marked and not composed yet, across all replicas. */
    public long pending() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select count(*) from view_pending");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void run() {
        while (!stopped) {
            try {
                signal.tryAcquire(config.views().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                signal.drainPermits();
                while (!stopped && composeBatch() > 0) {
                    // batch after batch while marks remain; the projector commits between them
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                FAILURES.warn(e.getClass().getName(), "The view composer failed, will retry: " + e);
            }
        }
    }

    private record Marked(UUID id, EntityKind kind) {
    }

    /** What a batch did: the marks it cleared, the views it stored (the others' entities are gone). */
    private record Batch(int cleared, int stored) {
    }

    /** Composes and stores one batch of marked views; answers how many marks it cleared. */
    int composeBatch() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Batch batch = composeBatch(c);
                c.commit();
                composed.increment(batch.stored());
                return batch.cleared();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private Batch composeBatch(Connection c) throws SQLException {
        try (var s = c.createStatement()) {
            // what a batch stores is derived from the read model, and its marks clear in the same transaction: a
            // crash that loses the commit loses both, and the views are composed again; not waiting for the flush
            // shortens how long the batch holds view_epoch, and so how long the projector waits
            s.execute("set local synchronous_commit = off");
            s.executeQuery("select epoch from view_epoch for share").close();
        }
        List<Marked> marked = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "select id, kind from view_pending order by mark limit ? for update skip locked")) {
            s.setInt(1, config.views().batchSize());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    marked.add(new Marked(rs.getObject(1, UUID.class), EntityKind.valueOf(rs.getString(2))));
                }
            }
        }
        if (marked.isEmpty()) {
            return new Batch(0, 0);
        }
        long until = System.nanoTime() + config.views().batchTime().toNanos();
        List<UUID> done = new ArrayList<>();
        List<UUID> gone = new ArrayList<>();
        List<UUID> failed = new ArrayList<>();
        try (PreparedStatement doc = c.prepareStatement("insert into view_document (id, kind, version, etag, body) "
                + "values (?, ?, ?, ?, ?) on conflict (id) do update set kind = excluded.kind, "
                + "version = excluded.version, etag = excluded.etag, body = excluded.body, built_at = now()");
                PreparedStatement deps = c.prepareStatement(
                        "insert into view_dependency (depends_on, links, document_id) values (?, ?, ?)")) {
            for (Marked m : marked) {
                if (!done.isEmpty() && (System.nanoTime() > until || projectorsWaiting.get() > 0)) {
                    break; // the rest stay marked for the next batch
                }
                ReadModel model = new ReadModel(c, mapper);
                Row row = model.entity(m.id(), m.kind());
                if (row == null) {
                    gone.add(m.id());
                    done.add(m.id());
                    continue;
                }
                Document document;
                try {
                    document = documents.document(queries.get(m.kind()).compose(m.id(), row, model));
                } catch (RuntimeException e) {
                    FAILURES.warn("compose " + m.kind(), "The view of " + m.kind() + " " + m.id()
                            + " could not be composed; it is served live and tried again later: " + e);
                    failed.add(m.id());
                    continue;
                }
                done.add(m.id());
                doc.setObject(1, m.id());
                doc.setString(2, m.kind().name());
                doc.setLong(3, row.version());
                doc.setString(4, document.etag());
                doc.setBytes(5, document.body());
                doc.addBatch();
                ReadModel.Shown shown = model.shown();
                for (UUID read : shown.rows()) {
                    if (!read.equals(m.id())) { // a change of its own entity marks it anyway
                        dependency(deps, read, false, m.id());
                    }
                }
                for (UUID target : shown.listed()) {
                    dependency(deps, target, true, m.id());
                }
            }
            // what the views read before is replaced by what they read now
            execute(c, "delete from view_dependency where document_id = any(?)", done);
            execute(c, "delete from view_document where id = any(?)", gone);
            doc.executeBatch();
            deps.executeBatch();
        }
        execute(c, "delete from view_pending where id = any(?)", done);
        execute(c, "update view_pending set mark = nextval('view_pending_mark') where id = any(?)", failed);
        return new Batch(done.size(), done.size() - gone.size());
    }

    private static void dependency(PreparedStatement deps, UUID on, boolean links, UUID document) throws SQLException {
        deps.setObject(1, on);
        deps.setBoolean(2, links);
        deps.setObject(3, document);
        deps.addBatch();
    }

    private static void execute(Connection c, String sql, List<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            s.executeUpdate();
        }
    }
}
