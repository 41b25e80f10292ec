package org.memoria.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The renderer does what kustomize does for the features it supports, and refuses every other one. */
class KustomizeTest {

    @TempDir
    Path dir;

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void base() throws IOException {
        write("base/kustomization.yaml", "resources:\n  - app.yaml\n");
        write("base/app.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 1
                  template:
                    spec:
                      initContainers:
                        - name: init
                          image: example/web:old
                      containers:
                        - name: web
                          image: example/web
                        - name: side
                          image: example/side:1@sha256:abc
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  ports:
                    - port: 80
                """);
    }

    @Test
    void resourcesPatchesNamespaceAndImages() throws IOException {
        base();
        write("overlay/kustomization.yaml", """
                namespace: shop
                resources:
                  - ../base
                  - extra.yaml
                images:
                  - name: example/web
                    newName: registry.example/web
                    newTag: "2.0"
                  - name: example/side
                    newTag: "3"
                patches:
                  - path: replicas.yaml
                    target:
                      kind: Deploy.*
                      name: web
                  - target:
                      kind: Service
                    patch: |-
                      - op: add
                        path: /spec/ports/-
                        value: {port: 443}
                """);
        write("overlay/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n");
        write("overlay/replicas.yaml", "- {op: replace, path: /spec/replicas, value: 3}\n- {op: test, path: /spec/replicas, value: 3}\n");

        List<ObjectNode> out = Kustomize.build(dir.resolve("overlay"));

        assertEquals(List.of("apps/v1 Deployment shop/web", "v1 Service shop/web", "v1 ConfigMap shop/extra"),
                out.stream().map(Kustomize::id).toList());
        ObjectNode deployment = out.get(0);
        assertEquals(3, deployment.at("/spec/replicas").asInt());
        assertEquals("registry.example/web:2.0", deployment.at("/spec/template/spec/containers/0/image").asText());
        assertEquals("registry.example/web:2.0", deployment.at("/spec/template/spec/initContainers/0/image").asText());
        assertEquals("example/side:3", deployment.at("/spec/template/spec/containers/1/image").asText(),
                "a new tag replaces tag and digest");
        assertEquals(443, out.get(1).at("/spec/ports/1/port").asInt());
    }

    @Test
    void anImageWithoutNewTagKeepsItsTag() {
        var image = Models.JSON.createObjectNode().put("name", "example/web").put("newName", "other/web");
        assertEquals("other/web:1.2", Kustomize.retag("example/web:1.2", "example/web", image));
        assertEquals("other/web@sha256:f", Kustomize.retag("example/web@sha256:f", "example/web", image));
        assertEquals(null, Kustomize.retag("example/webshop:1", "example/web", image));
        assertEquals("other/web", Kustomize.retag("localhost:5000/x", "localhost:5000/x",
                Models.JSON.createObjectNode().put("newName", "other/web")));
    }

    @Test
    void aConfigMapGeneratedFromFilesGetsTheNamespaceAndTheLabels() throws IOException {
        write("g/kustomization.yaml", """
                namespace: apps
                configMapGenerator:
                  - name: board
                    files: [boards/one.json, renamed.json=boards/two.json]
                    options: {disableNameSuffixHash: true, labels: {grafana_dashboard: "1"}}
                """);
        write("g/boards/one.json", "{\"a\": 1}\n");
        write("g/boards/two.json", "{}");

        ObjectNode board = Kustomize.build(dir.resolve("g")).getFirst();

        assertEquals(Kustomize.readAllText("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: board, namespace: apps, labels: {grafana_dashboard: "1"}}
                data: {one.json: "{\\"a\\": 1}\\n", renamed.json: "{}"}
                """).getFirst(), board);

        write("h/kustomization.yaml", "configMapGenerator:\n  - name: board\n    files: [one.json]\n");
        write("h/one.json", "{}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Kustomize.build(dir.resolve("h"))).getMessage()
                .contains("needs options.disableNameSuffixHash: true"));
        write("i/kustomization.yaml", "configMapGenerator:\n  - name: board\n    literals: [a=b]\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Kustomize.build(dir.resolve("i"))).getMessage()
                .contains("unsupported configMapGenerator field \"literals\""));
        write("j/kustomization.yaml", "configMapGenerator:\n  - name: board\n    files: [../g/boards/two.json]\n"
                + "    options: {disableNameSuffixHash: true}\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Kustomize.build(dir.resolve("j"))).getMessage()
                .contains("outside the kustomization's directory"));
    }

    @Test
    void unsupportedFeaturesAreRefused() throws IOException {
        base();
        write("a/kustomization.yaml", "resources: [../base]\ncommonLabels: {team: x}\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Kustomize.build(dir.resolve("a"))).getMessage()
                .contains("unsupported kustomization field \"commonLabels\""));

        write("b/kustomization.yaml", "resources: [../base]\npatches:\n  - path: p.yaml\n");
        write("b/p.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2}\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Kustomize.build(dir.resolve("b"))).getMessage()
                .contains("strategic merge is not supported"));

        write("c/kustomization.yaml", "resources: [../base]\npatches:\n  - path: p.yaml\n    target: {kind: Deployment, labelSelector: a=b}\n");
        write("c/p.yaml", "- {op: remove, path: /spec/replicas}\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Kustomize.build(dir.resolve("c"))).getMessage()
                .contains("unsupported patch target field \"labelSelector\""));

        write("d/kustomization.yaml", "resources: [../base]\npatches:\n  - path: p.yaml\n    target: {kind: Deployment}\n");
        write("d/p.yaml", "- {op: move, from: /spec/replicas, path: /spec/x}\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Kustomize.build(dir.resolve("d"))).getMessage()
                .contains("unsupported JSON patch operation: move"));
    }

    @Test
    void mistakesAreErrorsNotSilence() throws IOException {
        base();
        write("a/kustomization.yaml", "resources: [../base]\npatches:\n  - path: p.yaml\n    target: {kind: StatefulSet}\n");
        write("a/p.yaml", "- {op: remove, path: /spec/replicas}\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Kustomize.build(dir.resolve("a"))).getMessage()
                .contains("patch target matches nothing"));

        write("b/kustomization.yaml", "resources: [../base]\npatches:\n  - path: p.yaml\n    target: {kind: Deployment}\n");
        write("b/p.yaml", "- {op: replace, path: /spec/replica, value: 2}\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Kustomize.build(dir.resolve("b"))).getMessage()
                .contains("nothing at /spec/replica"));

        write("c/kustomization.yaml", "resources: [../base, ../base/app.yaml]\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Kustomize.build(dir.resolve("c"))).getMessage()
                .contains("resource defined twice"));
    }
}
