package org.memoria.common.events;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/** Creates the compacted change-event topics if they are missing (on Kubernetes, Strimzi already made them). */
public final class TopicAdmin {

    private static final Logger LOG = Logger.getLogger(TopicAdmin.class);

    private TopicAdmin() {
    }

    /** Retries until the topics exist or {@code keepTrying} turns false. */
    public static void ensureTopics(String bootstrapServers, List<String> topics, int partitions,
            BooleanSupplier keepTrying) {
        while (keepTrying.getAsBoolean()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
                for (String topic : topics) {
                    var newTopic = new NewTopic(topic, partitions, (short) -1)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                    try {
                        admin.createTopics(List.of(newTopic)).all().get();
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("Cannot create topics %s yet: %s", topics, e.toString());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
