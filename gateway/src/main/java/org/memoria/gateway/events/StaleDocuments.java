package org.memoria.gateway.events;

import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.memoria.common.problem.RepeatedFailures;
import org.memoria.gateway.service.ViewDocuments;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Composes the queued documents ({@code view_stale}: after a change that touched many, a rebuild, or the migration
 * that introduced them) a hundred at a time, each hundred in one transaction under the change feed's lock, so the
 * projector waits at most for one of them. Every replica does it; the queue hands each document to one.
 */
@ApplicationScoped
public class StaleDocuments {

    private static final Logger LOG = Logger.getLogger(StaleDocuments.class);
    private static final RepeatedFailures FAILURES = new RepeatedFailures(LOG);
    private static final int CHUNK = 100;

    @Inject
    ViewDocuments documents;

    private ScheduledExecutorService composer;

    void start(@Observes StartupEvent event) {
        composer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("view-documents").daemon()
                .factory());
        composer.scheduleWithFixedDelay(this::drainQuietly, 200, 200, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (composer != null) {
            composer.shutdownNow();
        }
    }

    private void drainQuietly() {
        try {
            long composed = 0;
            // looking first takes no lock: an idle queue never makes the projector wait
            while (!Thread.currentThread().isInterrupted() && documents.anyStale()) {
                composed += documents.composeStale(CHUNK, ChangeFeedWriter.FEED_LOCK);
            }
            if (composed > 0) {
                LOG.debugf("Composed %d queued view documents", composed);
            }
        } catch (SQLException | RuntimeException e) {
            FAILURES.warn(e.getClass().getName(), "Queued view documents could not be composed; tried again later: " + e);
        }
    }
}
