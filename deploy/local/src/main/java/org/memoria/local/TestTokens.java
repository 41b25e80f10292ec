package org.memoria.local;

import java.time.Instant;
import java.util.Set;

/**
 * Tokens for the services' tests, signed by the test JVM's issuer ({@link SharedInfrastructure#tokens()}), which
 * every test application verifies. Requests that set no Authorization header already carry an archivist's token
 * ({@link ArchivistTokenByDefault}); use these to test the other roles, or {@link #ANONYMOUS} for none. Each
 * answers the whole header value: {@code given().header("Authorization", TestTokens.partner("acme"))}.
 */
public final class TestTokens {

    /** {@code given().header("Authorization", TestTokens.ANONYMOUS)} sends no token at all. */
    public static final String ANONYMOUS = ArchivistTokenByDefault.ANONYMOUS;

    private TestTokens() {
    }

    public static Tokens issuer() {
        return SharedInfrastructure.get().tokens();
    }

    public static String archivist(String name) {
        return "Bearer " + issuer().archivist(name);
    }

    public static String partner(String partnerId) {
        return "Bearer " + issuer().partner(partnerId);
    }

    public static String admin(String name) {
        return "Bearer " + issuer().admin(name);
    }

    public static String reader(String name) {
        return "Bearer " + issuer().reader(name);
    }

    /** An archivist's token that expired ten minutes ago, well past the verifier's clock skew. */
    public static String expired(String name) {
        return "Bearer " + issuer().issue(Tokens.ISSUER, name, Set.of("archivist"), null, Instant.now().minusSeconds(600));
    }

    /** An archivist's token from another issuer, signed with the right key. */
    public static String otherIssuer(String name) {
        return "Bearer " + issuer().issue("https://elsewhere.example/issuer", name, Set.of("archivist"), null,
                Instant.now().plusSeconds(600));
    }
}
