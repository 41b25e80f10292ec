package org.memoria.gateway.config;

import java.net.URI;

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

    interface Owners {
        URI people();

        URI events();

        URI sources();
    }
}
