package org.memoria.common.problem;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

/**
 * Logs a failure that repeats (a database outage seen by every request) once, then at most once a period with how
 * many times it happened since: an outage of minutes is a few lines in the log, not one stack trace per request.
 */
public final class RepeatedFailures {

    private static final long PERIOD_NANOS = 30_000_000_000L;

    private final Logger log;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        volatile long startedAt;
        final AtomicLong suppressed = new AtomicLong();

        Window(long startedAt) {
            this.startedAt = startedAt;
        }
    }

    public RepeatedFailures(Logger log) {
        this.log = log;
    }

    /** Logs {@code message} (a WARN without stack trace) unless the same key was logged within the period. */
    public void warn(String key, String message) {
        long now = System.nanoTime();
        Window window = windows.computeIfAbsent(key, k -> new Window(now - PERIOD_NANOS - 1));
        synchronized (window) {
            if (now - window.startedAt > PERIOD_NANOS) {
                long more = window.suppressed.getAndSet(0);
                window.startedAt = now;
                log.warn(more == 0 ? message : message + " (and " + more + " more times in the last 30 s)");
            } else {
                window.suppressed.incrementAndGet();
            }
        }
    }
}
