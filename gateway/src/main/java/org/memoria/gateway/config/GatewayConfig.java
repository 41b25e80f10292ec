package org.memoria.gateway.config;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "memoria.gateway")
public interface GatewayConfig {

    /** Base URLs of the owning services, where writes are routed. */
    Owners owners();

    /** Consumer group of the projector; a new group id replays the topics from the start. */
    @WithDefault("memoria-gateway")
    String consumerGroup();

    /** Records applied per database transaction at most. */
    @WithDefault("1000")
    int maxBatch();

    /** Partitions of the owners' topics when the gateway has to create them (Kubernetes creates them with Strimzi). */
    @WithDefault("3")
    int topicPartitions();

    /** How writes are routed to the owners. */
    Router router();

    interface Router {

        /** How long connecting to an owner may take; past it the write is answered 503 (nothing was written). */
        @WithDefault("2s")
        Duration connectTimeout();

        /** How long an owner may take to answer; past it the write is answered 504 (it may have been applied). */
        @WithDefault("15s")
        Duration requestTimeout();
    }

    interface Owners {
        URI people();

        URI events();

        URI sources();
    }
}
