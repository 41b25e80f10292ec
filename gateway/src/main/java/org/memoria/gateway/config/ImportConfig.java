package org.memoria.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the import worker takes up jobs (docs/import.md). */
@ConfigMapping(prefix = "memoria.imports")
public interface ImportConfig {

    /** How often the worker looks for a job while it has none. */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * How long a running job's worker may go without a sign of life before another worker (another replica, or this
     * one after a restart) takes the job over; longer than an owner's request timeout.
     */
    @WithDefault("60s")
    Duration lease();
}
