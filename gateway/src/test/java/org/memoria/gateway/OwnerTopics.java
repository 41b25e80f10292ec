package org.memoria.gateway;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
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

    OwnerTopics(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    void changed(String topic, String aggregate, UUID id, long version, Object state) {
        try {
            send(topic, CloudEvents.changedType(aggregate), id, version, JSON.writeValueAsBytes(state));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void deleted(String topic, String aggregate, UUID id, long version) {
        send(topic, CloudEvents.deletedType(aggregate), id, version, null);
    }

    void raw(String topic, String aggregate, UUID id, long version, byte[] payload) {
        send(topic, CloudEvents.changedType(aggregate), id, version, payload);
    }

    private void send(String topic, String type, UUID id, long version, byte[] payload) {
        try {
            producer.send(CloudEventRecords.record(topic, UUID.randomUUID(), "/memoria/test-owner", type, id,
                    OffsetDateTime.now(), version, payload)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
