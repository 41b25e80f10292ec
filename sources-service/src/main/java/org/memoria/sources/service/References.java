package org.memoria.sources.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.memoria.common.problem.StillReferencedException;
import org.memoria.common.problem.InvalidReferenceException;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.SubjectRef;
import org.memoria.common.problem.Problem;
import org.memoria.sources.domain.Citation;
import org.memoria.sources.domain.Claim;
import org.memoria.sources.domain.Source;

/**
 * References between the entities this service owns (sources, citations, claims): checked when written, and kept
 * from dangling when deleted. References to entities of other services (people, events, ...) are not checked here.
 */
@ApplicationScoped
public class References {

    static final Set<EntityKind> LOCAL = Set.of(EntityKind.SOURCE, EntityKind.CITATION, EntityKind.CLAIM);

    /** Collects the rejected references of one input. */
    public final class Check {
        private final List<Problem.FieldError> errors = new ArrayList<>();
        private final UUID self;
        private final EntityKind selfKind;

        private Check(EntityKind selfKind, UUID self) {
            this.selfKind = selfKind;
            this.self = self;
        }

        /** The id in {@code field} must be an existing entity of this kind. */
        public Check require(String field, UUID id, EntityKind expected) {
            if (id == null || (expected == selfKind && id.equals(self))) {
                return this;
            }
            EntityKind actual = kindOf(id);
            if (actual == null) {
                errors.add(new Problem.FieldError(field, "no " + name(expected) + " with id " + id));
            } else if (actual != expected) {
                errors.add(new Problem.FieldError(field, id + " is a " + name(actual) + ", not a " + name(expected)));
            }
            return this;
        }

        /** Each entry of a kind this service owns must exist here; other kinds belong to other services. */
        public Check requireLocal(String field, List<SubjectRef> refs) {
            for (int i = 0; i < refs.size(); i++) {
                SubjectRef ref = refs.get(i);
                if (ref != null && LOCAL.contains(ref.kind())) {
                    require(field + "[" + i + "].id", ref.id(), ref.kind());
                }
            }
            return this;
        }

        public Check reject(String field, String reason) {
            errors.add(new Problem.FieldError(field, reason));
            return this;
        }

        /** Throws {@link InvalidReferenceException} if anything was rejected. */
        public void verify() {
            if (!errors.isEmpty()) {
                throw new InvalidReferenceException(errors);
            }
        }
    }

    /** A check of the input of {@code self} (which may name itself). */
    public Check check(EntityKind selfKind, UUID self) {
        return new Check(selfKind, self);
    }

    /** Which of this service's kinds has this id; null if none. */
    public EntityKind kindOf(UUID id) {
        if (Source.count("id", id) > 0) {
            return EntityKind.SOURCE;
        }
        if (Citation.count("id", id) > 0) {
            return EntityKind.CITATION;
        }
        if (Claim.count("id", id) > 0) {
            return EntityKind.CLAIM;
        }
        return null;
    }

    /**
     * Throws {@link StillReferencedException} if a citation's {@code about} or a claim's subjects name this entity
     * ({@code others} lists what else refers to it, already described).
     */
    public void requireUnreferenced(EntityKind kind, UUID id, List<String> others) {
        List<String> referrers = new ArrayList<>(others);
        Set<UUID> seen = new HashSet<>();
        List<Citation> citations = Citation.about(kind, id).stream().filter(c -> !c.id.equals(id) && seen.add(c.id))
                .toList();
        if (!citations.isEmpty()) {
            referrers.add("named in the about of citation" + (citations.size() > 1 ? "s " : " ")
                    + citations.stream().map(c -> c.id.toString()).collect(Collectors.joining(", ")));
        }
        List<Claim> claims = Claim.about(kind, id).stream().filter(c -> !c.id.equals(id) && seen.add(c.id)).toList();
        if (!claims.isEmpty()) {
            referrers.add("a subject of " + describe(claims));
        }
        if (!referrers.isEmpty()) {
            throw new StillReferencedException("The " + name(kind) + " " + id + " cannot be deleted: it is "
                    + String.join("; ", referrers));
        }
    }

    /** "claim <id> ("statement")", joined. */
    static String describe(List<Claim> claims) {
        return (claims.size() > 1 ? "claims " : "claim ") + claims.stream()
                .map(c -> c.id + " (\"" + c.statement + "\")").collect(Collectors.joining(", "));
    }

    static String name(EntityKind kind) {
        return kind.name().toLowerCase();
    }
}
