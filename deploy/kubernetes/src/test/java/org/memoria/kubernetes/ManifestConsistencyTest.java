package org.memoria.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every overlay's manifests, rendered and parsed into typed models, agree with the application as the repository
 * has it: services, configuration keys, ports and probes, addresses, secrets, topics, selectors, network policies,
 * sizes, connection budgets, the route and the databases (see {@link Checks} for each rule).
 */
class ManifestConsistencyTest {

    static final List<String> OVERLAYS = Overlay.NAMES;
    static final Repo REPO = Repo.current();
    static final Application APP = new Application(REPO);

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void manifestsFollowTheApplication(String name) {
        Overlay overlay = Overlay.render(REPO, name);
        List<String> problems = new Checks(APP, overlay).all();
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyServiceIsDeployed(String name) {
        Overlay overlay = Overlay.render(REPO, name);
        assertEquals(List.of("events-service", "gateway", "people-service", "sources-service"),
                APP.services.stream().map(Application.Service::name).sorted().toList());
        assertTrue(overlay.deployments().size() == APP.services.size(), "one Deployment per service");
    }
}
