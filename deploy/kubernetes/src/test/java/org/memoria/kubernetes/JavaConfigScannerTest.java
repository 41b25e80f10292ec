package org.memoria.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The source scanner finds the keys a @ConfigMapping or @ConfigProperty reads, as SmallRye Config names them. */
class JavaConfigScannerTest {

    @Test
    void mappingsWithGroupsNamesDefaultsAndMaps() {
        String source = """
                package x;
                // @ConfigMapping(prefix = "commented.out")
                @ConfigMapping(prefix = "shop")
                public interface ShopConfig {
                    /** The name, e.g. {@code "a // b"}. */
                    @WithDefault("a // b")
                    String displayName();

                    Optional<Integer> maxItems();

                    @WithName("url")
                    URI baseUri();

                    Limits limits();

                    Map<String, Branch> branches();

                    default String shout() {
                        return displayName().toUpperCase();
                    }

                    interface Limits {
                        @WithDefault("10")
                        int perSecond();
                    }

                    interface Branch {
                        String city();
                    }
                }
                class Other {
                    @ConfigProperty(name = "shop.legacy", defaultValue = "no")
                    String legacy;
                }
                """;
        Map<String, JavaConfigScanner.Key> keys = JavaConfigScanner.byName(JavaConfigScanner.keys("ShopConfig.java", source));
        assertEquals(java.util.Set.of("shop.display-name", "shop.max-items", "shop.url", "shop.limits.per-second",
                "shop.branches.*.city", "shop.legacy"), keys.keySet());
        assertEquals(Optional.of("a // b"), keys.get("shop.display-name").defaultValue());
        assertEquals(Optional.of("10"), keys.get("shop.limits.per-second").defaultValue());
        assertTrue(keys.get("shop.url").required());
        assertFalse(keys.get("shop.max-items").required());
        assertFalse(keys.get("shop.display-name").required());
    }

    @Test
    void theServicesKeysAreFound() {
        Application app = new Application(Repo.current());
        Map<String, JavaConfigScanner.Key> gateway = app.service("gateway").keys();
        assertTrue(gateway.get("memoria.gateway.owners.people").required());
        assertEquals(Optional.of("memoria-gateway"), gateway.get("memoria.gateway.consumer-group").defaultValue());
        assertEquals(Optional.of("100"), gateway.get("memoria.security.rate-limit.per-second").defaultValue());
        assertEquals(Optional.of("3"), gateway.get("memoria.outbox.partitions").defaultValue());
        assertTrue(gateway.containsKey("kafka.bootstrap.servers"));
        assertFalse(app.service("people-service").keys().containsKey("memoria.gateway.owners.people"),
                "an owner does not read the gateway's keys");
    }

    @Test
    void environmentVariableNames() {
        assertEquals("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING",
                JavaConfigScanner.envName("quarkus.http.proxy.proxy-address-forwarding"));
        assertEquals("QUARKUS_HTTP_HEADER__X_CONTENT_TYPE_OPTIONS__VALUE",
                JavaConfigScanner.envName("quarkus.http.header.\"X-Content-Type-Options\".value"));
    }
}
