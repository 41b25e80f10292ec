package org.memoria.common.outbox;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.memoria.common.events.CloudEvents;
import org.memoria.common.events.TraceContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.properties.IfBuildProperty;

/**
 * Records a change event in the same transaction as the entity change (the transactional outbox).
 * Never publishes directly: {@link OutboxRelay} does, after commit.
 */
@ApplicationScoped
@IfBuildProperty(name = "memoria.outbox.enabled", stringValue = "true")
public class Outbox {

    private static final String INSERT = "insert into outbox_event "
            + "(event_id, topic, aggregate_type, aggregate_id, event_type, entity_version, payload, traceparent) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?)";

    @Inject
    EntityManager entityManager;
    @Inject
    ObjectMapper mapper;
    @Inject
    TransactionSynchronizationRegistry registry;
    @Inject
    OutboxRelay relay;

    /** The entity now has this full state at this version. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(String topic, String aggregate, UUID id, long version, Object state) {
        changedAll(topic, aggregate, java.util.List.of(new Change(id, version, state)));
    }

    /** One entity's new state, for {@link #changedAll}. */
    public record Change(UUID id, long version, Object state) {
    }

    /** {@link #changed} for many entities of one aggregate, their rows inserted in one statement batch. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changedAll(String topic, String aggregate, java.util.List<Change> changes) {
        java.util.List<Row> rows = new java.util.ArrayList<>(changes.size());
        for (Change change : changes) {
            try {
                rows.add(new Row(change.id(), change.version(), mapper.writeValueAsBytes(change.state())));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot serialise " + aggregate + " " + change.id(), e);
            }
        }
        append(topic, aggregate, CloudEvents.changedType(aggregate), rows);
    }

    /** The entity was deleted; {@code version} is one more than its last version. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deleted(String topic, String aggregate, UUID id, long version) {
        append(topic, aggregate, CloudEvents.deletedType(aggregate), java.util.List.of(new Row(id, version, null)));
    }

    /** An outbox row's own part: whose event, at which version, with which payload (null: a tombstone). */
    private record Row(UUID id, long version, byte[] payload) {
    }

    private void append(String topic, String aggregate, String type, java.util.List<Row> rows) {
        // the write's trace context travels with the event (ce_traceparent), null when tracing is off
        String traceparent = TraceContext.traceparent();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (var statement = connection.prepareStatement(INSERT)) {
                for (Row row : rows) {
                    statement.setObject(1, UUID.randomUUID());
                    statement.setString(2, topic);
                    statement.setString(3, aggregate);
                    statement.setObject(4, row.id());
                    statement.setString(5, type);
                    statement.setLong(6, row.version());
                    statement.setBytes(7, row.payload());
                    statement.setString(8, traceparent);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        });
        wakeRelayOnCommit();
    }

    private void wakeRelayOnCommit() {
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
    }
}
