package org.memoria.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/**
 * The local issuer of Memoria tokens: an RSA key pair kept in a folder (the stack's {@code keys/}, made on first
 * use), the public half given to every service as its verification key, the private half signing tokens for
 * {@code ./memoria token}, the sample loader and the tests. In production an OIDC provider issues the tokens instead.
 */
public final class Tokens {

    /** The issuer ({@code iss}) of locally signed tokens; the services' default {@code mp.jwt.verify.issuer}. */
    public static final String ISSUER = "memoria-local";
    public static final String PARTNER_CLAIM = "partner_id";
    public static final Duration DEFAULT_TTL = Duration.ofHours(12);

    private final Path publicKey;
    private final PrivateKey privateKey;

    private Tokens(Path publicKey, PrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /** The key pair in {@code dir} ({@code private.pem}, {@code public.pem}), made there if it is missing. */
    public static synchronized Tokens inDirectory(Path dir) {
        try {
            Path priv = dir.resolve("private.pem");
            Path pub = dir.resolve("public.pem");
            if (!Files.exists(priv) || !Files.exists(pub)) {
                Files.createDirectories(dir);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                var pair = generator.generateKeyPair();
                Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Path tmp = Files.createTempFile(dir, "private", ".tmp");
                Files.writeString(tmp, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                Files.move(tmp, priv, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            String body = Files.readString(priv).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            return new Tokens(pub, key);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read or make the token key pair in " + dir, e);
        }
    }

    /** The configuration a service needs to verify these tokens. */
    public Map<String, String> verifierConfig() {
        return Map.of("mp.jwt.verify.publickey.location", publicKey.toUri().toString(),
                "mp.jwt.verify.issuer", ISSUER);
    }

    public Path publicKey() {
        return publicKey;
    }

    /** A token for {@code subject} with these roles (and partner id, or null), valid for {@link #DEFAULT_TTL}. */
    public String issue(String subject, Set<String> roles, String partnerId) {
        return issue(ISSUER, subject, roles, partnerId, Instant.now().plus(DEFAULT_TTL));
    }

    /** A token with every claim chosen, e.g. one of another issuer or one already expired (for tests). */
    public String issue(String issuer, String subject, Set<String> roles, String partnerId, Instant expiresAt) {
        var claims = Jwt.issuer(issuer).subject(subject).groups(roles).issuedAt(Instant.now()).expiresAt(expiresAt);
        if (partnerId != null) {
            claims.claim(PARTNER_CLAIM, partnerId);
        }
        return claims.jws().keyId("memoria-local").sign(privateKey);
    }

    public String archivist(String name) {
        return issue(name, Set.of("archivist"), null);
    }

    public String partner(String partnerId) {
        return issue("partner:" + partnerId, Set.of("partner"), partnerId);
    }

    public String admin(String name) {
        return issue(name, Set.of("admin"), null);
    }

    public String reader(String name) {
        return issue(name, Set.of("reader"), null);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
