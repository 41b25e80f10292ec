package org.memoria.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where {@code kubectl} (with its built-in kustomize) is installed, the renderer's output equals
 * {@code kubectl kustomize}'s, resource by resource. Elsewhere (CI machines have no kubectl) this is skipped, and the
 * renderer's own tests stand.
 */
class KustomizeAgreementTest {

    static final List<String> OVERLAYS = Overlay.NAMES;
    static final Repo REPO = Repo.current();

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void rendererAgreesWithKubectlKustomize(String overlay) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", REPO.kubernetes().resolve("overlays").resolve(overlay).toString())
                    .redirectErrorStream(false).start();
        } catch (IOException e) {
            assumeTrue(false, "kubectl is not installed");
            return;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "kubectl kustomize did not run");

        Map<String, JsonNode> kustomize = new TreeMap<>();
        Kustomize.readAllText(output).forEach(r -> kustomize.put(Kustomize.id(r), r));
        Map<String, JsonNode> ours = new TreeMap<>();
        Kustomize.build(REPO.kubernetes().resolve("overlays").resolve(overlay)).forEach(r -> ours.put(Kustomize.id(r), r));

        assertEquals(kustomize.keySet(), ours.keySet());
        for (String id : ours.keySet()) {
            assertEquals(kustomize.get(id), ours.get(id), id);
        }
    }
}
