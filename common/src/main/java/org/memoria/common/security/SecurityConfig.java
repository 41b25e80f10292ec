package org.memoria.common.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who may read, which claim names a partner, and how many requests a caller may make. */
@ConfigMapping(prefix = "memoria.security")
public interface SecurityConfig {

    /** Reads of the public archive need no token; false makes every read need one of the four roles. */
    @WithDefault("true")
    boolean anonymousReads();

    /** The token claim that holds a partner's id (a partner token without it may not write). */
    @WithDefault("partner_id")
    String partnerClaim();

    RateLimit rateLimit();

    /** A token bucket per principal (per client address for anonymous callers), refilled steadily. */
    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Requests a caller may make per second, sustained. */
        @WithDefault("100")
        long perSecond();

        /** Requests a caller may make at once after being idle. */
        @WithDefault("200")
        long burst();

        /** Callers whose buckets are kept at once (least recently seen ones are forgotten first). */
        @WithDefault("100000")
        long maxCallers();
    }
}
