package org.memoria.common.security;

import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * Who may pass before any resource runs: reads need a role where anonymous reads are off, and every caller has a
 * rate limit. Bucket4j token buckets, one per caller (a principal, or the client address of an anonymous caller), kept in a
 * bounded Caffeine cache so that many callers cannot grow memory without limit.
 */
@ApplicationScoped
public class RequestLimits {

    /** Where anonymous reads are off, a read needs one of the four roles: 401 without a token, else 403. */
    public void checkRead(io.quarkus.security.identity.SecurityIdentity identity) {
        if (config.anonymousReads()) {
            return;
        }
        if (identity.isAnonymous()) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        if (!(identity.hasRole(Roles.READER) || identity.hasRole(Roles.ARCHIVIST) || identity.hasRole(Roles.PARTNER)
                || identity.hasRole(Roles.ADMIN))) {
            throw new io.quarkus.security.ForbiddenException("Reading the archive needs the reader role");
        }
    }


    @Inject
    SecurityConfig config;

    private Cache<String, Bucket> buckets;

    @PostConstruct
    void init() {
        buckets = Caffeine.newBuilder().maximumSize(config.rateLimit().maxCallers())
                .expireAfterAccess(Duration.ofMinutes(10)).build();
    }

    /**
     * Takes one request from the caller's bucket.
     *
     * @return 0 if the request may go on, else the whole seconds to wait before the next one is allowed
     */
    public long take(String caller) {
        if (!config.rateLimit().enabled()) {
            return 0;
        }
        var probe = buckets.get(caller, k -> newBucket()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }

    private Bucket newBucket() {
        var limit = config.rateLimit();
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(Math.max(limit.burst(), 1))
                .refillGreedy(Math.max(limit.perSecond(), 1), Duration.ofSeconds(1)).build()).build();
    }
}
