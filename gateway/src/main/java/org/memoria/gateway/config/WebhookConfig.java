package org.memoria.gateway.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How webhook deliveries are made (docs/partners.md). */
@ConfigMapping(prefix = "memoria.webhooks")
public interface WebhookConfig {

    /**
     * The waits before each retry of a failed delivery, each with up to 20 % jitter; when they are used up the
     * subscription is paused. Standard Webhooks' schedule by default.
     */
    @WithDefault("5s,5m,30m,2h,5h,10h,10h")
    List<Duration> retrySchedule();

    /** How long connecting to a receiver may take. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** How long a receiver may take to answer; longer is a failed attempt, retried. */
    @WithDefault("10s")
    Duration requestTimeout();

    /**
     * Whether receivers on 127.0.0.1 (loopback) are allowed: for the local stack and tests. Private, link-local and
     * other non-public addresses are refused whatever this says.
     */
    @WithDefault("false")
    boolean allowLoopback();

    /** How often the dispatcher looks for due deliveries. */
    @WithDefault("250ms")
    Duration pollInterval();

    /** Deliveries in flight at most (each to a different subscription). */
    @WithDefault("4")
    int concurrency();

    /** Subscriptions one partner (or one other caller) may hold. */
    @WithDefault("20")
    int maxPerOwner();
}
