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

    /** How often published rows older than the retention are purged, however busy the relay is. */
    @WithDefault("1m")
    Duration purgeInterval();

    /** The relay's Kafka producer (idempotent, {@code acks=all} and in order per entity whatever these say). */
    Producer producer();

    /** Partitions of the topic when the service has to create it (Kubernetes creates it with Strimzi). */
    @WithDefault("3")
    int partitions();

    interface Producer {

        /** How long a send may wait for the broker's metadata or buffer space before it fails. */
        @WithDefault("10s")
        Duration maxBlock();

        /** How long the producer tries to deliver a record (retries included) before it reports a failure. */
        @WithDefault("30s")
        Duration deliveryTimeout();

        /** How long the producer waits for the broker to answer one request. */
        @WithDefault("10s")
        Duration requestTimeout();

        /** How long the producer waits for more records to send them together. */
        @WithDefault("0ms")
        Duration linger();
    }
}
