package org.memoria.common.lifecycle;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;

/**
 * A service started by the local stack's launcher ends when the launcher does, however the launcher ended (a SIGKILL
 * runs no shutdown hook): no service is left running as an orphan, acknowledging writes with no broker behind it.
 * The launcher passes its pid as {@code memoria.parent-pid}; without it (a cluster, a test) nothing is watched.
 */
@ApplicationScoped
public class ParentWatch {

    private static final Logger LOG = Logger.getLogger(ParentWatch.class);

    @ConfigProperty(name = "memoria.parent-pid")
    Optional<Long> parentPid;

    void watch(@Observes StartupEvent event) {
        parentPid.flatMap(ProcessHandle::of).ifPresentOrElse(parent -> parent.onExit().thenRun(() -> {
            LOG.warnf("The launcher (pid %d) has ended; stopping", parent.pid());
            Quarkus.asyncExit(0);
        }), () -> parentPid.ifPresent(pid -> {
            LOG.warnf("The launcher (pid %d) is already gone; stopping", pid);
            Quarkus.asyncExit(0);
        }));
    }
}
