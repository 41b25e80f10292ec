package org.memoria.common.security;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.memoria.common.persistence.OwnedEntity;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is making the current request, as the verified token says: the subject names revisions and records what
 * it creates; a partner (a token with the partner role but neither archivist nor admin) may change only what its
 * own partner id created.
 */
@RequestScoped
public class Caller {

    public static final String ANONYMOUS = "anonymous";

    @Inject
    SecurityIdentity identity;
    @Inject
    SecurityConfig config;

    /** The token's subject, or {@value #ANONYMOUS}. */
    public String subject() {
        if (identity.isAnonymous()) {
            return ANONYMOUS;
        }
        String subject = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null
                ? jwt.getSubject() : identity.getPrincipal().getName();
        return subject.length() > 200 ? subject.substring(0, 200) : subject;
    }

    /** The partner id of a caller that writes as a partner; empty for archivists and admins. */
    public Optional<String> partnerId() {
        if (!restrictedToOwnRecords()) {
            return Optional.empty();
        }
        Object claim = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim(config.partnerClaim()) : null;
        String id = claim == null ? null : claim.toString().strip();
        if (id == null || id.isEmpty() || id.length() > 100) {
            throw new ForbiddenException("A partner token must carry a partner id (claim " + config.partnerClaim()
                    + ", at most 100 characters)");
        }
        return Optional.of(id);
    }

    /** A partner that is neither archivist nor admin: limited to what its partner id created. */
    public boolean restrictedToOwnRecords() {
        return identity.hasRole(Roles.PARTNER) && !identity.hasRole(Roles.ARCHIVIST) && !identity.hasRole(Roles.ADMIN);
    }

    /** Records who creates the entity. */
    public void stampCreator(OwnedEntity entity) {
        entity.createdBy = subject();
        entity.partnerId = partnerId().orElse(null);
    }

    /** Throws 403 unless the caller may change or delete the entity: a partner only what its partner id created. */
    public void requireMayChange(String aggregate, UUID id, OwnedEntity entity) {
        Optional<String> partner = partnerId();
        if (partner.isPresent() && !partner.get().equals(entity.partnerId)) {
            throw new ForbiddenException("Partner " + partner.get() + " may change only what it created; " + aggregate
                    + " " + id + " was not created by it");
        }
    }
}
