package org.memoria.gateway.config;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How an import is uploaded and how the worker takes up jobs (docs/import.md). */
@ConfigMapping(prefix = "memoria.imports")
public interface ImportConfig {

    /** How often the worker looks for a job while it has none. */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * How long a running job's worker may go without a sign of life before another worker (another replica, or this
     * one after a restart) takes the job over; longer than an owner's request timeout. An upload (a job still
     * UPLOADING) that shows no sign of life for as long is given up: its job is deleted.
     */
    @WithDefault("60s")
    Duration lease();

    /** The most records one batch to an owner holds (at most 1,000, the owners' limit). */
    @WithDefault("500")
    int batchSize();

    /**
     * How many batches of one kind the worker sends to its owner at once: while the owner writes one, the next is
     * on its way. 1 sends them one after another.
     */
    @WithDefault("2")
    int batchesInFlight();

    /**
     * The most bytes an NDJSON upload ({@code POST /api/imports}) may have, declared or streamed; every other request
     * body, the JSON document form of an import too, is held to {@code memoria.http.max-body-size}. The gateway's
     * {@code quarkus.http.limits.max-body-size} is this (application.properties).
     */
    @WithDefault("1G")
    MemorySize maxUploadSize();
}
