package org.memoria.people.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.memoria.common.api.Page;
import org.memoria.common.api.Preconditions;
import org.memoria.common.contract.people.PersonInput;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.events.Topics;
import org.memoria.common.service.OwnedEntityService;
import org.memoria.people.domain.Membership;
import org.memoria.people.domain.Person;
import org.memoria.people.domain.Relation;
import org.memoria.people.mapping.MembershipMapper;
import org.memoria.people.mapping.PersonMapper;
import org.memoria.people.mapping.RelationMapper;
import org.memoria.common.contract.people.MembershipView;
import org.memoria.common.contract.people.PersonRelationView;
import org.memoria.common.contract.people.PersonView;

@ApplicationScoped
public class PersonService extends OwnedEntityService<Person, PersonInput, PersonState, PersonView> {

    @Inject
    PersonMapper mapper;
    @Inject
    MembershipMapper memberships;
    @Inject
    RelationMapper relations;
    @Inject
    References references;

    public PersonService() {
        super(Person.class, Topics.PEOPLE, "person");
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<PersonView> list(Person.Filter filter, Person.Order order, int page, int size) {
        return page(Person.search(filter, order, page, size), page, size,
                Person.countMatching(filter));
    }

    /** The person's memberships with the organisations' names, chronologically; empty if there is no such person. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Page<MembershipView>> memberships(UUID id, int page, int size) {
        if (Person.count("id", id) == 0) {
            return Optional.empty();
        }
        return Optional.of(new Page<>(memberships.toViews(Membership.search(id, null, page, size)), page, size,
                Membership.countMatching(id, null)));
    }

    /** The person's relations in both directions, each read from this person's side; empty if there is no such person. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Page<PersonRelationView>> relations(UUID id, int page, int size) {
        if (Person.count("id", id) == 0) {
            return Optional.empty();
        }
        return Optional.of(new Page<>(relations.toViewsFrom(id, Relation.search(id, null, page, size)), page, size,
                Relation.countMatching(id, null)));
    }

    /** As {@link OwnedEntityService#delete}, but a person that memberships or relations name is kept (409). */
    @Override
    @Transactional
    public boolean delete(UUID id, Preconditions conditions) {
        return deleteUnreferenced(id, conditions, references::requireUnreferencedPerson);
    }

    @Override
    public PersonView view(Person person) {
        return mapper.toView(person);
    }

    @Override
    protected Person newEntity() {
        return new Person();
    }

    @Override
    protected void apply(PersonInput input, Person person) {
        mapper.apply(input, person);
    }

    @Override
    protected PersonInput inputOf(Person person) {
        return mapper.toInput(person);
    }

    @Override
    protected PersonState stateOf(Person person) {
        return mapper.toState(person);
    }
}
