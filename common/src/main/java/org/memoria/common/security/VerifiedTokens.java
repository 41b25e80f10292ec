package org.memoria.common.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The bearer-token verifier every request goes through ({@code MpJwtValidator} calls {@link #parse(String)}), with the
 * tokens it verified remembered for a while: the same caller's next request skips the RSA signature check, which the
 * write benchmark's profile put at 15 % of the gateway's CPU and 6–9 % of an owner's (docs/benchmarks.md, 2026-12-02).
 *
 * <p>A token is remembered by its exact text (the same text is the same signature over the same claims), only once
 * SmallRye JWT has verified it in full (signature, issuer, expiry), never longer than {@link #HOLD} and never past its
 * own expiry; a token that fails is not remembered, so it fails again on every request. What this changes: a token
 * signed by a key that a JWKS rotation then withdrew keeps passing for at most {@link #HOLD} in a process that
 * verified it before. The cache holds at most {@link #SIZE} tokens (a few megabytes). Every other method of the parser
 * is SmallRye JWT's own.
 */
@ApplicationScoped
@Alternative
@Priority(1)
@Typed(JWTParser.class)
public class VerifiedTokens implements JWTParser {

    /** How long a verified token is remembered at most. */
    static final Duration HOLD = Duration.ofSeconds(60);
    /** How many verified tokens are remembered at most. */
    static final int SIZE = 1_000;

    private final JWTParser verifier;
    private final Cache<String, JsonWebToken> verified;

    @Inject
    public VerifiedTokens(DefaultJWTParser verifier) {
        this(verifier, Ticker.systemTicker());
    }

    VerifiedTokens(JWTParser verifier, Ticker ticker) {
        this.verifier = verifier;
        this.verified = Caffeine.newBuilder().maximumSize(SIZE).ticker(ticker).expireAfter(new UntilExpiry())
                .build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        JsonWebToken jwt = verifier.parse(token); // throws for a token that does not verify: nothing is remembered
        verified.put(token, jwt);
        return jwt;
    }

    /** Remembered until the token's own expiry or {@link #HOLD}, whichever comes first (never, if it has expired). */
    private static final class UntilExpiry implements Expiry<String, JsonWebToken> {

        @Override
        public long expireAfterCreate(String token, JsonWebToken jwt, long currentTime) {
            // exp is wall-clock seconds; a token without one is verified every time
            long untilExpiry = jwt.getExpirationTime() <= 0 ? 0
                    : jwt.getExpirationTime() * 1000 - System.currentTimeMillis();
            return Math.max(0, Math.min(HOLD.toNanos(), Duration.ofMillis(untilExpiry).toNanos()));
        }

        @Override
        public long expireAfterUpdate(String token, JsonWebToken jwt, long currentTime, long currentDuration) {
            return expireAfterCreate(token, jwt, currentTime);
        }

        @Override
        public long expireAfterRead(String token, JsonWebToken jwt, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
