package org.memoria.gateway;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
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

    OwnerTopics(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    RecordMetadata changed(String topic, String aggregate, UUID id, long version, Object state) {
        try {
            return send(topic, CloudEvents.changedType(aggregate), id, version, JSON.writeValueAsBytes(state));
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

    private RecordMetadata send(String topic, String type, UUID id, long version, byte[] payload) {
        try {
            return producer.send(CloudEventRecords.record(topic, UUID.randomUUID(), "/memoria/test-owner", type, id,
                    OffsetDateTime.now(), version, payload)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether the consumer group has committed past this record. The projector commits a poll's offsets only after
     * the database transaction that applied it committed, so this says the record was applied (or kept as a failure).
     */
    boolean consumedBy(String group, RecordMetadata record) throws InterruptedException, ExecutionException {
        OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                .get(new TopicPartition(record.topic(), record.partition()));
        return committed != null && committed.offset() > record.offset();
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
