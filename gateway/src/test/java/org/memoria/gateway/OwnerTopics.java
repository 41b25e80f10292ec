package org.memoria.gateway;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.memoria.common.events.CloudEventRecords;
import org.memoria.common.events.CloudEvents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Publishes change events to the real broker exactly as an owning service's outbox relay does. */
final class OwnerTopics implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;
    /** While publishing {@link #together}: the sends not acknowledged yet. */
    private List<Future<RecordMetadata>> pending;

    OwnerTopics(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Publishes a change; answers where it landed (null inside {@link #together}, which waits for all at the end). */
    RecordMetadata changed(String topic, String aggregate, UUID id, long version, Object state) {
        return send(topic, CloudEvents.changedType(aggregate), id, version, json(state).getBytes(StandardCharsets.UTF_8));
    }

    /** Publishes a change made by a traced write: its context travels as {@code ce_traceparent}. */
    RecordMetadata changed(String topic, String aggregate, UUID id, long version, Object state, String traceparent) {
        return send(topic, CloudEvents.changedType(aggregate), id, version, json(state).getBytes(StandardCharsets.UTF_8),
                traceparent);
    }

    /** A state as an owner serialises it. */
    static String json(Object state) {
        try {
            return JSON.writeValueAsString(state);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    RecordMetadata deleted(String topic, String aggregate, UUID id, long version) {
        return send(topic, CloudEvents.deletedType(aggregate), id, version, null);
    }

    RecordMetadata raw(String topic, String aggregate, UUID id, long version, byte[] payload) {
        return send(topic, CloudEvents.changedType(aggregate), id, version, payload);
    }

    /**
     * Publishes what {@code publishes} sends without waiting in between, then waits for all: records of one partition
     * travel in one producer batch, and so reach the projector in one poll.
     */
    void together(Runnable publishes) {
        pending = new ArrayList<>();
        try {
            publishes.run();
            producer.flush();
            for (Future<RecordMetadata> sent : pending) {
                sent.get();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            pending = null;
        }
    }

    /** A new entity id whose records go to the same partition of {@code topic} as those of {@code id}. */
    UUID idOnSamePartition(String topic, UUID id) {
        int partitions = producer.partitionsFor(topic).size();
        while (true) {
            UUID other = UUID.randomUUID();
            if (partition(other, partitions) == partition(id, partitions)) {
                return other;
            }
        }
    }

    /** Kafka's default partitioner for a keyed record. */
    private static int partition(UUID id, int partitions) {
        return Utils.toPositive(Utils.murmur2(id.toString().getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * Whether the consumer group has committed past this record. The projector commits a poll's offsets only after
     * the database transaction that applied it committed, so this says the record was applied (or set aside).
     */
    boolean consumedBy(String group, RecordMetadata record) throws InterruptedException, ExecutionException {
        OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                .get(new TopicPartition(record.topic(), record.partition()));
        return committed != null && committed.offset() > record.offset();
    }

    private RecordMetadata send(String topic, String type, UUID id, long version, byte[] payload) {
        return send(topic, type, id, version, payload, null);
    }

    private RecordMetadata send(String topic, String type, UUID id, long version, byte[] payload, String traceparent) {
        try {
            Future<RecordMetadata> sent = producer.send(CloudEventRecords.record(topic, UUID.randomUUID(),
                    "/memoria/test-owner", type, id, OffsetDateTime.now(), version, payload, traceparent));
            if (pending != null) {
                pending.add(sent);
                return null;
            }
            return sent.get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
