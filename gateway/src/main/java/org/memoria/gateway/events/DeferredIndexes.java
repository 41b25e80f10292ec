package org.memoria.gateway.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * The read model's indexes that a rebuild builds after its swap, not before: those only search's fallback reads, the
 * pg_trgm GiST index (decision 0020), whose build was 42 % of a rebuild at 1,000,000 events, while each replica's
 * Lucene index answers search (decision 0025). The swap records them in {@code read_model_pending_index}, with the
 * live table's definitions, in its transaction; they are then built {@code CONCURRENTLY} on the live table, so reads
 * and the projector's writes go on meanwhile. Until one is built, search's fallback finds similar names by scanning
 * (the same answers, slower).
 *
 * <p>One session builds at a time, holding {@link #INDEX_LOCK}; a rebuild takes it before its swap, so no swap
 * replaces a table an index is being built on. A process that stops before it is done leaves the row (and perhaps an
 * invalid index, which is dropped first): the next gateway to start builds it, or a running one within a minute.
 */
@ApplicationScoped
public class DeferredIndexes {

    private static final Logger LOG = Logger.getLogger(DeferredIndexes.class);
    /** The session-level advisory lock of the session building the pending indexes, or about to swap ("memoriaI"). */
    static final long INDEX_LOCK = 0x6d656d6f72696149L;

    @Inject
    DataSource dataSource;

    private final AtomicBoolean building = new AtomicBoolean();

    /** Whether an index of this definition (from {@code pg_indexes}) waits until after a rebuild's swap. */
    static boolean afterSwap(String definition) {
        return definition.contains(" USING gist ") && definition.contains("gist_trgm_ops");
    }

    /**
     * In the swap's transaction, before the live tables are replaced: records their indexes that are built after the
     * swap, by the live names and definitions (a row already pending, from a build that did not finish, stays).
     */
    static void record(Connection c, List<String> tables) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select indexname, indexdef from pg_indexes "
                + "where schemaname = current_schema() and tablename = any(?)");
                PreparedStatement insert = c.prepareStatement("insert into read_model_pending_index (name, definition) "
                        + "values (?, ?) on conflict (name) do update set definition = excluded.definition")) {
            p.setArray(1, c.createArrayOf("text", tables.toArray()));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    if (afterSwap(rs.getString(2))) {
                        insert.setString(1, rs.getString(1));
                        insert.setString(2, rs.getString(2));
                        insert.addBatch();
                    }
                }
            }
            insert.executeBatch();
        }
    }

    /** Waits until no other session builds pending indexes or swaps; {@code c} then holds {@link #INDEX_LOCK}. */
    static void lock(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select pg_advisory_lock(?)")) {
            p.setLong(1, INDEX_LOCK);
            p.executeQuery().close();
        }
    }

    static void unlock(Connection c) {
        try (PreparedStatement p = c.prepareStatement("select pg_advisory_unlock(?)")) {
            p.setLong(1, INDEX_LOCK);
            p.executeQuery().close();
        } catch (SQLException e) {
            // the session is gone, and its locks with it
            LOG.debugf("Releasing the index lock: %s", e);
        }
    }

    /**
     * Builds every pending index on {@code c} (which holds {@link #INDEX_LOCK}, in autocommit), concurrently with
     * reads and writes; an invalid one a stopped build left is dropped first. Answers how many it built.
     */
    static int build(Connection c) throws SQLException {
        Map<String, String> pending = new LinkedHashMap<>();
        try (var s = c.createStatement();
                ResultSet rs = s.executeQuery("select name, definition from read_model_pending_index order by since")) {
            while (rs.next()) {
                pending.put(rs.getString(1), rs.getString(2));
            }
        }
        int built = 0;
        for (var index : pending.entrySet()) {
            Boolean valid = validity(c, index.getKey());
            try (var s = c.createStatement()) {
                if (Boolean.FALSE.equals(valid)) {
                    s.execute("drop index concurrently if exists " + quote(index.getKey()));
                }
                if (!Boolean.TRUE.equals(valid)) {
                    long t0 = System.nanoTime();
                    s.execute(index.getValue().replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX CONCURRENTLY "));
                    LOG.infof("Index %s built in %.1f s", index.getKey(), (System.nanoTime() - t0) / 1e9);
                    built++;
                }
            }
            try (PreparedStatement p = c.prepareStatement("delete from read_model_pending_index where name = ?")) {
                p.setString(1, index.getKey());
                p.executeUpdate();
            }
        }
        return built;
    }

    /** Whether the index is valid; null if there is none of that name. */
    private static Boolean validity(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select x.indisvalid from pg_class i join pg_index x "
                + "on x.indexrelid = i.oid where i.relname = ? and i.relnamespace = current_schema()::regnamespace")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The indexes recorded as pending (being built, or left by a process that stopped), by name. */
    public List<String> pending() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); var s = c.createStatement();
                ResultSet rs = s.executeQuery("select name from read_model_pending_index order by since, name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    void atStartup(@Observes StartupEvent event) {
        buildLeftoversInBackground();
    }

    /**
     * Builds, on a thread of its own, what a process that stopped left pending, unless nothing is pending, this
     * process already builds, or another session holds the lock (it builds them, or swaps and then builds them).
     */
    public void buildLeftoversInBackground() {
        if (!building.compareAndSet(false, true)) {
            return;
        }
        Thread.ofPlatform().name("read-model-indexes").daemon().start(() -> {
            try {
                buildLeftovers();
            } finally {
                building.set(false);
            }
        });
    }

    /** Builds what is pending if no other session holds the lock; answers how many it built (0 if it did not try). */
    int buildLeftovers() {
        try (Connection c = dataSource.getConnection()) {
            try (var s = c.createStatement();
                    ResultSet rs = s.executeQuery("select exists (select 1 from read_model_pending_index)")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0;
                }
            }
            try (PreparedStatement p = c.prepareStatement("select pg_try_advisory_lock(?)")) {
                p.setLong(1, INDEX_LOCK);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return 0;
                    }
                }
            }
            try {
                return build(c);
            } finally {
                unlock(c);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Could not build the read model's pending indexes; a gateway tries again within a minute: %s", e);
            return 0;
        }
    }
}
