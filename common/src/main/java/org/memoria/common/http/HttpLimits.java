package org.memoria.common.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The limits {@link RequestLimits} enforces before a request reaches a resource (defaults in memoria-common's
 * microprofile-config.properties).
 */
@ConfigMapping(prefix = "memoria.http")
public interface HttpLimits {

    /**
     * The most bytes a request body may have, but on a route that takes larger ones ({@link LargerBodies}): a larger
     * Content-Length is answered 413 before the body is read, and a chunked body is cut off beyond it. Quarkus's own
     * {@code quarkus.http.limits.max-body-size} must not be smaller (it is this, unless a service has larger bodies).
     */
    @WithDefault("1M")
    MemorySize maxBodySize();

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
