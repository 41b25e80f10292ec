package org.memoria.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The configuration keys the services' extensions and libraries read, as they declare them themselves: Quarkus
 * extensions in their config model ({@code META-INF/quarkus-config-doc/quarkus-config-model.json}: key, environment
 * variable, phase, default), SmallRye JWT in its {@code @ConfigProperty} fields ({@code mp.jwt.*},
 * {@code smallrye.jwt.*}). The test classpath holds the extensions whose keys the manifests set (see the pom).
 */
final class ExtensionConfig {

    /** A key an extension reads. {@code runtime} is false for build-time keys, which an environment variable cannot change. */
    record Key(String name, String env, boolean runtime, Optional<String> defaultValue, String extension) {
    }

    private static final ExtensionConfig INSTANCE = load();

    private final Map<String, Key> byName;
    private final Map<String, Key> byEnv;

    private ExtensionConfig(Map<String, Key> byName) {
        this.byName = byName;
        Map<String, Key> env = new HashMap<>();
        byName.values().forEach(k -> env.putIfAbsent(k.env(), k));
        this.byEnv = env;
    }

    static ExtensionConfig get() {
        return INSTANCE;
    }

    Optional<Key> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    Optional<Key> byEnv(String env) {
        return Optional.ofNullable(byEnv.get(env));
    }

    /** A Quarkus default, from the extension's own model (fails if the model is not on the classpath). */
    String quarkusDefault(String name) {
        return byName(name).flatMap(Key::defaultValue)
                .orElseThrow(() -> new IllegalStateException("no default for " + name + " in the Quarkus config models"));
    }

    private static ExtensionConfig load() {
        Map<String, Key> keys = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        try {
            for (URL url : Collections.list(ExtensionConfig.class.getClassLoader()
                    .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json"))) {
                try (InputStream in = url.openStream()) {
                    collect(json.readTree(in), null, keys);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // SmallRye JWT reads mp.jwt.* and smallrye.jwt.* through @ConfigProperty fields of this class
        try {
            Class<?> provider = Class.forName("io.smallrye.jwt.config.JWTAuthContextInfoProvider");
            for (Field field : provider.getDeclaredFields()) {
                ConfigProperty property = field.getAnnotation(ConfigProperty.class);
                if (property != null) {
                    String def = property.defaultValue().equals(ConfigProperty.UNCONFIGURED_VALUE) ? null
                            : property.defaultValue();
                    keys.putIfAbsent(property.name(), new Key(property.name(), JavaConfigScanner.envName(property.name()),
                            true, Optional.ofNullable(def), "smallrye-jwt"));
                }
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("smallrye-jwt is not on the test classpath", e);
        }
        return new ExtensionConfig(keys);
    }

    private static void collect(JsonNode node, String extension, Map<String, Key> keys) {
        if (node.isObject()) {
            String ext = node.path("extension").path("artifactId").asText(extension);
            JsonNode path = node.get("path");
            if (path != null && path.has("property") && node.has("phase")) {
                String phase = node.get("phase").asText();
                String name = path.get("property").asText();
                keys.putIfAbsent(name, new Key(name, path.path("environmentVariable").asText(JavaConfigScanner.envName(name)),
                        phase.equals("RUN_TIME"), Optional.ofNullable(node.hasNonNull("defaultValue")
                                ? node.get("defaultValue").asText() : null), ext));
            }
            node.fields().forEachRemaining(e -> collect(e.getValue(), ext, keys));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, extension, keys));
        }
    }
}
