package org.memoria.common.security;

/**
 * The four roles a Memoria token can carry (in its {@code groups} claim, or where
 * {@code smallrye.jwt.path.groups} points for another issuer): see docs/security.md.
 */
public final class Roles {
    /** Reads the archive where reads are not anonymous ({@code memoria.security.anonymous-reads=false}). */
    public static final String READER = "reader";
    /** Records and changes anything. */
    public static final String ARCHIVIST = "archivist";
    /** A partner archive: records, and changes or deletes only what its own partner id created. */
    public static final String PARTNER = "partner";
    /** Manages the platform (read-model rebuild, dead letters) and may change anything. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
