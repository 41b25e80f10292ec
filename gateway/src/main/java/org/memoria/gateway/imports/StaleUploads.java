package org.memoria.gateway.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.memoria.common.problem.RepeatedFailures;
import org.memoria.gateway.config.ImportConfig;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Deletes the jobs of uploads that died with their gateway: a job still {@code UPLOADING} whose heartbeat is older than
 * the lease ({@code memoria.imports.lease}). A live upload renews the heartbeat with every chunk and holds the job's
 * row locked while a chunk is open, so it is never taken for dead ({@code skip locked}). No worker takes an UPLOADING
 * job, so one left behind never blocks anything; this only frees its rows.
 */
@ApplicationScoped
public class StaleUploads {

    private static final Logger LOG = Logger.getLogger(StaleUploads.class);
    private static final RepeatedFailures FAILURES = new RepeatedFailures(LOG);

    @Inject
    DataSource dataSource;
    @Inject
    ImportConfig config;

    private ScheduledExecutorService sweeper;

    void start(@Observes StartupEvent event) {
        long every = Math.max(1_000, config.lease().toMillis() / 4);
        sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("import-stale-uploads").daemon()
                .factory());
        sweeper.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    private void sweepQuietly() {
        try {
            sweep(config.lease());
        } catch (SQLException | RuntimeException e) {
            FAILURES.warn(e.getClass().getName(), "Stale import uploads could not be swept; tried again later: " + e);
        }
    }

    /** Deletes the jobs of uploads silent for longer than {@code lease}; how many. */
    public int sweep(Duration lease) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                delete from import_job where id in (select id from import_job
                    where state = 'UPLOADING' and heartbeat < now() - make_interval(secs => ?)
                    for update skip locked)""")) {
            s.setDouble(1, lease.toMillis() / 1000.0);
            int deleted = s.executeUpdate();
            if (deleted > 0) {
                LOG.infof("Deleted %d import job(s) whose upload stopped without an end (a gateway stopped mid-upload)",
                        deleted);
            }
            return deleted;
        }
    }
}
