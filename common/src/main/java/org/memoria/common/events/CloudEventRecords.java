package org.memoria.common.events;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds the Kafka record of a change event: CloudEvents 1.0 binary mode, key = entity id. */
public final class CloudEventRecords {

    private CloudEventRecords() {
    }

    /**
     * @param payload the entity's full state as JSON, or null for a deletion tombstone
     */
    public static ProducerRecord<String, byte[]> record(String topic, UUID eventId, String source, String type,
            UUID subject, OffsetDateTime time, long entityVersion, byte[] payload) {
        return record(topic, eventId, source, type, subject, time, entityVersion, payload, null);
    }

    /**
     * @param payload     the entity's full state as JSON, or null for a deletion tombstone
     * @param traceparent the W3C trace context of the write that made the event ({@code ce_traceparent}), or null
     */
    public static ProducerRecord<String, byte[]> record(String topic, UUID eventId, String source, String type,
            UUID subject, OffsetDateTime time, long entityVersion, byte[] payload, String traceparent) {
        String key = subject.toString();
        var headers = new RecordHeaders();
        add(headers, CloudEvents.H_SPEC_VERSION, CloudEvents.SPEC_VERSION);
        add(headers, CloudEvents.H_ID, eventId.toString());
        add(headers, CloudEvents.H_SOURCE, source);
        add(headers, CloudEvents.H_TYPE, type);
        add(headers, CloudEvents.H_SUBJECT, key);
        add(headers, CloudEvents.H_TIME, time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        add(headers, CloudEvents.H_ENTITY_VERSION, Long.toString(entityVersion));
        if (traceparent != null) {
            add(headers, CloudEvents.H_TRACEPARENT, traceparent);
        }
        if (payload != null) {
            add(headers, CloudEvents.H_CONTENT_TYPE, CloudEvents.JSON);
        }
        return new ProducerRecord<>(topic, null, key, payload, headers);
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
