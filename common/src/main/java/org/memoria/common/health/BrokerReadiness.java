package org.memoria.common.health;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the Kafka broker answers. Replaces Quarkus's own Kafka check, whose answer lists the brokers'
 * addresses: a health endpoint is public, and says up or down, nothing about the network behind it.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    @Inject
    ProbeAdmin probe;

    @Override
    public HealthCheckResponse call() {
        try {
            probe.admin().describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).clusterId().get(3, TimeUnit.SECONDS);
            return HealthCheckResponse.up("Kafka broker");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return HealthCheckResponse.down("Kafka broker");
        }
    }
}
