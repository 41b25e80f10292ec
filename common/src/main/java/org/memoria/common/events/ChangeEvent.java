package org.memoria.common.events;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A change event as a consumer sees it: the CloudEvents attributes and the raw JSON data (null for a tombstone).
 */
public record ChangeEvent(String id, String source, String type, UUID subject, OffsetDateTime time,
        long entityVersion, String aggregate, byte[] data) {

    public boolean deleted() {
        return data == null;
    }

    public static ChangeEvent from(ConsumerRecord<String, byte[]> record) {
        Headers h = record.headers();
        String type = header(h, CloudEvents.H_TYPE);
        String version = header(h, CloudEvents.H_ENTITY_VERSION);
        String time = header(h, CloudEvents.H_TIME);
        String subject = header(h, CloudEvents.H_SUBJECT);
        if (type == null || version == null) {
            throw new IllegalArgumentException("Record at " + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + " is not a Memoria CloudEvent (missing ce_type or ce_entityversion)");
        }
        return new ChangeEvent(header(h, CloudEvents.H_ID), header(h, CloudEvents.H_SOURCE), type,
                UUID.fromString(subject != null ? subject : record.key()),
                time == null ? null : OffsetDateTime.parse(time), Long.parseLong(version),
                CloudEvents.aggregateOf(type), record.value());
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
