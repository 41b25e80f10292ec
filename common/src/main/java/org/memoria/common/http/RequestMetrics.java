package org.memoria.common.http;

import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Per-endpoint request rate and latency: Quarkus's HTTP binder times every request as {@code http_server_requests_seconds}
 * tagged with the method, the status, the outcome and the matched route template ({@code /api/people/{id}}, never the
 * raw path, so no id becomes a label). This adds fixed histogram buckets to that timer, so that a dashboard can compute
 * percentiles across replicas ({@code histogram_quantile}) from a dozen series per endpoint.
 */
@Singleton
public class RequestMetrics {

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";
    /** Bucket bounds: from a cached read to a routed write that waits for its owner. */
    static final Duration[] BUCKETS = { Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10) };

    @Produces
    @Singleton
    MeterFilter requestLatencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals(HTTP_SERVER_REQUESTS)) {
                    return config;
                }
                double[] bounds = new double[BUCKETS.length];
                for (int i = 0; i < BUCKETS.length; i++) {
                    bounds[i] = BUCKETS[i].toNanos();
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(bounds).build().merge(config);
            }
        };
    }
}
