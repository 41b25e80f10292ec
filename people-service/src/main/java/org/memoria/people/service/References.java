package org.memoria.people.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.memoria.common.problem.Problem;
import org.memoria.common.problem.InvalidReferenceException;
import org.memoria.common.problem.StillReferencedException;
import org.memoria.people.domain.Membership;
import org.memoria.people.domain.Organisation;
import org.memoria.people.domain.Person;
import org.memoria.people.domain.Relation;

/**
 * The references between the entities of this service: a membership names a person and an organisation, a relation
 * two persons. A write must name entities that exist and are of the right kind; an entity that is named cannot be
 * deleted. (Ids of other services, such as sources and places, are not checked: they may be recorded later.)
 */
@ApplicationScoped
public class References {

    @jakarta.inject.Inject
    org.memoria.common.vocabulary.Vocabularies vocabularies;

    /** How many referencing entities a 409 names before it says "and n more". */
    private static final int NAMED = 20;

    /** Collects the field errors of one write. */
    public static final class Check {
        private final List<Problem.FieldError> errors = new ArrayList<>();

        public Check person(String field, UUID id) {
            return require(field, id, "person");
        }

        public Check organisation(String field, UUID id) {
            return require(field, id, "organisation");
        }

        public Check error(String field, String reason) {
            errors.add(new Problem.FieldError(field, reason));
            return this;
        }

        private Check require(String field, UUID id, String kind) {
            if (id == null) {
                return this; // @NotNull reports it
            }
            String actual = kindOf(id);
            if (actual == null) {
                errors.add(new Problem.FieldError(field, "no " + kind + " with id " + id));
            } else if (!actual.equals(kind)) {
                errors.add(new Problem.FieldError(field, id + " is " + article(actual) + " " + actual + ", not "
                        + article(kind) + " " + kind));
            }
            return this;
        }

        /** Fails with every error collected; does nothing if there is none. */
        public void verify() {
            if (!errors.isEmpty()) {
                throw new InvalidReferenceException(errors);
            }
        }
    }

    public Check check() {
        return new Check();
    }

    /** What the id names in this service ("person", "organisation", "membership", "relation"), or null. */
    static String kindOf(UUID id) {
        if (Person.count("id", id) > 0) {
            return "person";
        }
        if (Organisation.count("id", id) > 0) {
            return "organisation";
        }
        if (Membership.count("id", id) > 0) {
            return "membership";
        }
        return Relation.count("id", id) > 0 ? "relation" : null;
    }

    private static String article(String kind) {
        return "aeiou".indexOf(kind.charAt(0)) >= 0 ? "an" : "a";
    }

    /** Fails with a {@link StillReferencedException} naming the memberships and relations that name the person. */
    public void requireUnreferencedPerson(Person person) {
        List<Membership> memberships = Membership.list("personId = ?1 order by createdAt, id", person.id);
        List<Relation> relations = Relation.list("fromPersonId = ?1 or toPersonId = ?1 order by createdAt, id",
                person.id);
        if (memberships.isEmpty() && relations.isEmpty()) {
            return;
        }
        Map<UUID, String> persons = Person.preferredNames(relations.stream()
                .flatMap(r -> Stream.of(r.fromPersonId, r.toPersonId)).collect(Collectors.toSet()));
        Map<UUID, String> organisations = Organisation.preferredNames(memberships.stream().map(m -> m.organisationId)
                .collect(Collectors.toSet()));
        List<String> named = new ArrayList<>();
        memberships.forEach(m -> named.add("membership " + m.id + " (member of " + organisations.get(m.organisationId)
                + (m.role == null ? "" : ", " + m.role) + ")"));
        relations.forEach(r -> named.add("relation " + r.id + " (" + persons.get(r.fromPersonId) + " " + vocabularies.label(org.memoria.common.contract.people.RelationType.VOCABULARY, r.type)
                + " " + persons.get(r.toPersonId) + ")"));
        throw referenced("Person " + person.preferredName + " (" + person.id + ")", memberships.size(), relations.size(),
                named);
    }

    /** Fails with a {@link StillReferencedException} naming the memberships of the organisation. */
    public void requireUnreferencedOrganisation(Organisation organisation) {
        List<Membership> memberships = Membership.list("organisationId = ?1 order by createdAt, id", organisation.id);
        if (memberships.isEmpty()) {
            return;
        }
        Map<UUID, String> persons = Person.preferredNames(memberships.stream().map(m -> m.personId)
                .collect(Collectors.toSet()));
        List<String> named = memberships.stream().map(m -> "membership " + m.id + " (" + persons.get(m.personId)
                + (m.role == null ? "" : ", " + m.role) + ")").toList();
        throw referenced("Organisation " + organisation.preferredName + " (" + organisation.id + ")",
                memberships.size(), 0, named);
    }

    private static StillReferencedException referenced(String what, int memberships, int relations, List<String> named) {
        String counts = Stream.of(count(memberships, "membership"), count(relations, "relation"))
                .filter(s -> !s.isEmpty()).collect(Collectors.joining(" and "));
        String list = named.stream().limit(NAMED).collect(Collectors.joining(", "))
                + (named.size() > NAMED ? " and " + (named.size() - NAMED) + " more" : "");
        return new StillReferencedException(what + " is still referenced by " + counts + ": " + list
                + ". Delete or change them first; nothing was deleted.");
    }

    private static String count(int n, String noun) {
        return n == 0 ? "" : n + " " + noun + (n == 1 ? "" : "s");
    }
}
