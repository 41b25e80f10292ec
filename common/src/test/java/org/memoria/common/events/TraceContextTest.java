package org.memoria.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

/** The trace context a change event carries: written from the current span, read back as the consumer's parent. */
class TraceContextTest {

    @Test
    void withoutASpanThereIsNoTraceparent() {
        assertNull(TraceContext.traceparent());
    }

    @Test
    void theCurrentSpanBecomesTheRecordsTraceparentAndItsConsumersParent() {
        try (SdkTracerProvider tracing = SdkTracerProvider.builder().build()) {
            Span span = tracing.get("test").spanBuilder("PersonResource.create").startSpan();
            String traceparent;
            try (Scope scope = span.makeCurrent()) {
                traceparent = TraceContext.traceparent();
            } finally {
                span.end();
            }
            SpanContext written = span.getSpanContext();
            assertEquals("00-" + written.getTraceId() + "-" + written.getSpanId() + "-01", traceparent);

            var record = CloudEventRecords.record(Topics.PEOPLE, UUID.randomUUID(), "/memoria/test",
                    CloudEvents.deletedType("person"), UUID.randomUUID(), OffsetDateTime.now(), 0, null, traceparent);
            SpanContext parent = Span.fromContext(TraceContext.parent(record.headers())).getSpanContext();
            assertEquals(written.getTraceId(), parent.getTraceId());
            assertEquals(written.getSpanId(), parent.getSpanId());
            assertTrue(parent.isRemote());
        }
    }

    @Test
    void aMissingOrMalformedTraceparentNamesNoParent() {
        assertFalse(Span.fromContext(TraceContext.parent(new RecordHeaders())).getSpanContext().isValid());
        RecordHeaders bad = new RecordHeaders();
        bad.add(CloudEvents.H_TRACEPARENT, "00-not-a-trace-01".getBytes(StandardCharsets.UTF_8));
        assertFalse(Span.fromContext(TraceContext.parent(bad)).getSpanContext().isValid());
    }
}
