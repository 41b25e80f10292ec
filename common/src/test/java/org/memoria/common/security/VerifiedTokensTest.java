package org.memoria.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The verified-token cache against a verifier that counts its calls: what it must never do is accept a token longer
 * than the verifier would (past its expiry, or after a failure), or keep one longer than {@link VerifiedTokens#HOLD}.
 */
class VerifiedTokensTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final Map<String, Long> expiries = new HashMap<>();
    private final Set<String> refused = new java.util.HashSet<>();
    private final AtomicLong verifications = new AtomicLong();
    private final VerifiedTokens tokens = new VerifiedTokens(verifier(), now::get);

    @Test
    void aVerifiedTokenIsCheckedOnceUntilItsHoldEnds() throws Exception {
        expiries.put("a", Instant.now().plusSeconds(3600).getEpochSecond());
        JsonWebToken first = tokens.parse("a");
        assertSame(first, tokens.parse("a"));
        assertEquals(1, verifications.get());
        now.addAndGet(VerifiedTokens.HOLD.plusSeconds(1).toNanos());
        tokens.parse("a");
        assertEquals(2, verifications.get());
    }

    @Test
    void aTokenIsNotRememberedPastItsOwnExpiry() throws Exception {
        expiries.put("short", Instant.now().plusSeconds(5).getEpochSecond());
        tokens.parse("short");
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        refused.add("short"); // the verifier now refuses it (expired): so must the cache
        assertThrows(ParseException.class, () -> tokens.parse("short"));
    }

    @Test
    void aTokenThatFailsIsVerifiedAgainEachTime() {
        refused.add("bad");
        assertThrows(ParseException.class, () -> tokens.parse("bad"));
        assertThrows(ParseException.class, () -> tokens.parse("bad"));
        assertEquals(2, verifications.get());
    }

    @Test
    void anExpiredOrExpiryLessTokenIsNeverRemembered() throws Exception {
        expiries.put("old", Instant.now().minusSeconds(30).getEpochSecond()); // within a verifier's clock skew
        expiries.put("none", 0L);
        tokens.parse("old");
        tokens.parse("old");
        tokens.parse("none");
        tokens.parse("none");
        assertEquals(4, verifications.get());
    }

    private JWTParser verifier() {
        return (JWTParser) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { JWTParser.class },
                (proxy, method, args) -> {
                    if (!method.getName().equals("parse") || args.length != 1) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    verifications.incrementAndGet();
                    String token = (String) args[0];
                    if (refused.contains(token)) {
                        throw new ParseException("refused: " + token);
                    }
                    long exp = expiries.get(token);
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { JsonWebToken.class },
                            (p, m, a) -> switch (m.getName()) {
                                case "getExpirationTime" -> exp;
                                case "getName" -> token;
                                case "hashCode" -> System.identityHashCode(p);
                                case "equals" -> p == a[0];
                                default -> null;
                            });
                });
    }
}
