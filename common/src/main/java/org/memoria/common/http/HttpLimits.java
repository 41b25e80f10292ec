package org.memoria.common.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The limits {@link RequestLimits} enforces before a request reaches a resource (defaults in memoria-common's
 * microprofile-config.properties). The body limit is Quarkus's own, {@code quarkus.http.limits.max-body-size}.
 */
@ConfigMapping(prefix = "memoria.http")
public interface HttpLimits {

    /** The longest request target (path and query) served; a longer one is answered 414. */
    @WithDefault("4096")
    int maxUriLength();

    /** The most header fields a request may carry; more are answered 431. */
    @WithDefault("100")
    int maxHeaders();

    /** The most bytes of header fields (names and values) a request may carry; more are answered 431. */
    @WithDefault("16K")
    MemorySize maxHeaderSize();
}
