package org.memoria.common.events;

/**
 * CloudEvents 1.0 in Kafka binary content mode: attributes travel as {@code ce_*} headers, the value is the
 * data (the entity's full state as JSON), or null for a deletion tombstone so that compaction can drop the key.
 */
public final class CloudEvents {
    public static final String SPEC_VERSION = "1.0";
    public static final String H_SPEC_VERSION = "ce_specversion";
    public static final String H_ID = "ce_id";
    public static final String H_SOURCE = "ce_source";
    public static final String H_TYPE = "ce_type";
    public static final String H_SUBJECT = "ce_subject";
    public static final String H_TIME = "ce_time";
    /** Extension attribute: the entity's version after this change; consumers apply only newer versions. */
    public static final String H_ENTITY_VERSION = "ce_entityversion";
    /**
     * CloudEvents Distributed Tracing extension: the W3C trace context of the write that made the event, so that a
     * consumer's span continues its trace; absent when tracing was off.
     */
    public static final String H_TRACEPARENT = "ce_traceparent";
    public static final String H_CONTENT_TYPE = "content-type";
    public static final String JSON = "application/json";

    private static final String PREFIX = "org.memoria.";

    private CloudEvents() {
    }

    /** {@code org.memoria.person.changed.v1} */
    public static String changedType(String aggregate) {
        return PREFIX + aggregate + ".changed.v1";
    }

    /** {@code org.memoria.person.deleted.v1} */
    public static String deletedType(String aggregate) {
        return PREFIX + aggregate + ".deleted.v1";
    }

    /** The aggregate named by a type, e.g. {@code person} for {@code org.memoria.person.changed.v1}. */
    public static String aggregateOf(String type) {
        if (type == null || !type.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not a Memoria event type: " + type);
        }
        int end = type.indexOf('.', PREFIX.length());
        if (end < 0) {
            throw new IllegalArgumentException("Not a Memoria event type: " + type);
        }
        return type.substring(PREFIX.length(), end);
    }
}
