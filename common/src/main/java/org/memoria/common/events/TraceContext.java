package org.memoria.common.events;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * The W3C trace context a change event carries (CloudEvents Distributed Tracing extension, {@code ce_traceparent}):
 * taken from the current span when the outbox row is written, and turned back into a parent context by a consumer.
 * W3C Trace Context whatever propagators the HTTP side is configured with, since the extension names that format.
 */
public final class TraceContext {

    private static final String TRACEPARENT = "traceparent";
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Headers> CE_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return List.of(TRACEPARENT);
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null || !TRACEPARENT.equals(key) ? null
                    : headers.lastHeader(CloudEvents.H_TRACEPARENT);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private TraceContext() {
    }

    /** The current span's context as a {@code traceparent} value, or null without a valid span (tracing off). */
    public static String traceparent() {
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(Context.current(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** The remote parent a record's {@code ce_traceparent} names, or the root context if it names none (or badly). */
    public static Context parent(Headers headers) {
        return W3C.extract(Context.root(), headers, CE_HEADERS);
    }
}
