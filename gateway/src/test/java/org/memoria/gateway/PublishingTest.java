package org.memoria.gateway;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A gateway test that publishes change events to the test broker as the owning services would ({@link OwnerTopics},
 * one producer per test), and reads what the projector made of them. Subclasses are {@code @QuarkusTest}s on the
 * shared test stack.
 */
abstract class PublishingTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    /** The owners' topics, for this test. */
    OwnerTopics owners;

    @BeforeEach
    void connectToTheOwnersTopics() {
        owners = new OwnerTopics(kafka);
    }

    @AfterEach
    void closeTheOwnersTopics() {
        owners.close();
    }
}
