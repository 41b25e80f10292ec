package org.memoria.common.outbox;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Outbox settings. Only services with {@code memoria.outbox.enabled=true} (a build property) have an outbox. */
@ConfigMapping(prefix = "memoria.outbox")
public interface OutboxConfig {

    /** Build property: whether this service has an outbox and relay (the owners do; the gateway does not). */
    @WithDefault("false")
    boolean enabled();

    /** CloudEvents {@code source} of the events this service publishes, e.g. {@code /memoria/people-service}. */
    @WithDefault("/memoria")
    String source();

    /** The topic this service publishes to, e.g. {@code memoria.people.v1}. */
    Optional<String> topic();

    /** Rows published per relay transaction. */
    @WithDefault("500")
    int batchSize();

    /** How often the relay looks for rows when no commit woke it (crash recovery, other replicas' rows). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Pause after a failed publish before trying again. */
    @WithDefault("2s")
    Duration retryBackoff();

    /** How long published rows are kept before they are purged. */
    @WithDefault("1h")
    Duration retention();

    /** Partitions of the topic when the service has to create it (Kubernetes creates it with Strimzi). */
    @WithDefault("3")
    int partitions();
}
