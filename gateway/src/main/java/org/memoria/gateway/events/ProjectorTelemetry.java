package org.memoria.gateway.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.memoria.common.events.CloudEvents;
import org.memoria.common.events.TraceContext;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;

/**
 * What the live projector shows of itself (docs/operations.md): its consumer lag per partition
 * ({@code memoria_projector_consumer_lag_records}, as the consumer knows it after each poll: no call to the broker),
 * how long ago it last polled ({@code memoria_projector_last_poll_age_seconds}), the events it consumed per topic and
 * applied ({@code memoria_projector_consumed_events_total}, {@code memoria_projector_applied_events_total}), and a span
 * per record it applies, the child of the write that made it ({@code ce_traceparent}). The projector's one thread
 * reports; a scrape reads. A rebuild's run is not reported: its lag is the replay's, not the read model's.
 */
@ApplicationScoped
public class ProjectorTelemetry {

    @Inject
    MeterRegistry registry;
    @Inject
    OpenTelemetry openTelemetry;

    private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();
    private final Map<String, Counter> consumed = new ConcurrentHashMap<>();
    private MultiGauge lagGauge;
    private Counter applied;
    private Tracer tracer;
    private volatile long lastPoll = System.nanoTime();

    @PostConstruct
    void meters() {
        lagGauge = MultiGauge.builder("memoria.projector.consumer.lag").baseUnit("records")
                .description("Records of a partition the live projector has not consumed yet").register(registry);
        Gauge.builder("memoria.projector.last.poll.age", this, t -> (System.nanoTime() - t.lastPoll) / 1e9)
                .baseUnit("seconds").description("How long ago the live projector last polled the broker")
                .register(registry);
        applied = Counter.builder("memoria.projector.applied").baseUnit("events")
                .description("Change events that changed the read model (newer than what it held)").register(registry);
        tracer = openTelemetry.getTracer("org.memoria.gateway.projector");
    }

    /**
     * After a poll: the lag of each partition the consumer holds ({@code currentLag}; a partition whose lag it does not
     * know yet keeps its last value). Partitions it no longer holds stop being reported.
     */
    void polled(Set<TopicPartition> assigned, Map<TopicPartition, Long> known) {
        lastPoll = System.nanoTime();
        boolean changed = lag.keySet().retainAll(assigned);
        for (Map.Entry<TopicPartition, Long> e : known.entrySet()) {
            changed |= lag.put(e.getKey(), e.getValue()) == null;
        }
        if (changed) {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (TopicPartition tp : lag.keySet()) {
                rows.add(MultiGauge.Row.of(Tags.of("topic", tp.topic(), "partition", Integer.toString(tp.partition())),
                        lag, l -> l.getOrDefault(tp, 0L)));
            }
            lagGauge.register(rows, true);
        }
    }

    /** After a poll's records were applied and their offsets committed. */
    void projected(ConsumerRecords<String, byte[]> records, int changed) {
        for (TopicPartition tp : records.partitions()) {
            consumed.computeIfAbsent(tp.topic(), topic -> Counter.builder("memoria.projector.consumed")
                    .baseUnit("events").tag("topic", topic)
                    .description("Change events the live projector consumed (applied, already held, or set aside)")
                    .register(registry)).increment(records.records(tp).size());
        }
        applied.increment(changed);
    }

    /** Spans for a poll's records, each the child of the write that made it; ended by {@link Batch#close()}. */
    Batch begin(ConsumerRecords<String, byte[]> records) {
        List<Span> spans = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.headers().lastHeader(CloudEvents.H_TRACEPARENT) == null) {
                continue; // published with tracing off: nothing to continue
            }
            spans.add(tracer.spanBuilder("ProjectionRun.apply").setParent(TraceContext.parent(record.headers()))
                    .setSpanKind(SpanKind.CONSUMER)
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.operation.type", "process")
                    .setAttribute("messaging.destination.name", record.topic())
                    .setAttribute("messaging.destination.partition.id", Integer.toString(record.partition()))
                    .setAttribute("messaging.kafka.offset", record.offset())
                    .setAttribute("messaging.batch.message_count", records.count())
                    .startSpan());
        }
        return new Batch(spans);
    }

    /** The spans of one poll, ended together: the records are applied in one transaction. */
    static final class Batch implements AutoCloseable {
        static final Batch NONE = new Batch(List.of());
        private final List<Span> spans;

        private Batch(List<Span> spans) {
            this.spans = spans;
        }

        void failed(Exception e) {
            for (Span span : spans) {
                span.recordException(e);
                span.setStatus(StatusCode.ERROR);
            }
        }

        @Override
        public void close() {
            spans.forEach(Span::end);
        }
    }
}
