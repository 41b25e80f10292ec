package org.memoria.gateway.events;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.memoria.common.health.ProbeAdmin;
import org.memoria.gateway.config.GatewayConfig;

/**
 * Ready only while the archive this gateway serves is current: its projector has its partitions, polls the broker,
 * and the owners' changes on those partitions not yet in the read model (end offset minus the offset the projector
 * committed after its database transaction) are at most {@code memoria.gateway.projector.ready-lag}. An orchestrator
 * then sends no reader to a gateway that has just started on a backlog, or whose projector stalled; a replica is
 * judged on its own partitions, so one stuck replica does not take the others out.
 */
@Readiness
@ApplicationScoped
public class ProjectorReadiness implements HealthCheck {

    @Inject
    ChangeEventProjector projector;
    @Inject
    GatewayConfig config;
    @Inject
    ProbeAdmin probe;

    @Override
    public HealthCheckResponse call() {
        ChangeEventProjector.Progress p = projector.progress();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Read-model projector");
        if (p.group() != null) {
            response.withData("group", p.group());
        }
        if (p.assigned() == null) {
            // while a rebuild swaps its tables in, the live tables keep serving
            return p.rebuilding() ? response.up().withData("state", "swapping in a rebuild").build()
                    : response.down().withData("state", "joining the consumer group").build();
        }
        response.withData("partitions", p.assigned().size());
        Duration quiet = p.lastPoll() == null ? null : Duration.between(p.lastPoll(), Instant.now());
        if (quiet == null || quiet.compareTo(config.projector().stallAfter()) > 0) {
            return response.down().withData("state", "stalled").build();
        }
        long lag;
        try {
            lag = lag(p.group(), p.assigned());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return response.down().withData("state", "lag unknown: the broker does not answer").build();
        }
        response.withData("lag", lag);
        return lag > config.projector().readyLag() ? response.down().withData("state", "catching up").build()
                : response.up().withData("state", "current").build();
    }

    private long lag(String group, Set<TopicPartition> partitions) throws Exception {
        if (partitions.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = probe.admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(3, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        for (TopicPartition tp : partitions) {
            latest.put(tp, OffsetSpec.latest());
            earliest.put(tp, OffsetSpec.earliest());
        }
        Map<TopicPartition, ListOffsetsResultInfo> ends = probe.admin().listOffsets(latest).all().get(3, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> starts = null;
        long lag = 0;
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata done = committed.get(tp);
            long from;
            if (done != null) {
                from = done.offset();
            } else {
                if (starts == null) {
                    starts = probe.admin().listOffsets(earliest).all().get(3, TimeUnit.SECONDS);
                }
                from = starts.get(tp).offset();
            }
            lag += Math.max(0, ends.get(tp).offset() - from);
        }
        return lag;
    }
}
