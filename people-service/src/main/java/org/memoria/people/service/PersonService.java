package org.memoria.people.service;

import java.util.List;
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
import org.memoria.common.revision.RevisionHistory;
import org.memoria.common.revision.RevisionView;
import org.memoria.common.service.OwnedEntityCommands;
import org.memoria.people.domain.Membership;
import org.memoria.people.domain.Person;
import org.memoria.people.domain.Relation;
import org.memoria.people.mapping.MembershipMapper;
import org.memoria.people.mapping.PersonMapper;
import org.memoria.people.mapping.RelationMapper;
import org.memoria.people.rest.MembershipView;
import org.memoria.people.rest.PersonRelationView;
import org.memoria.people.rest.PersonView;


@ApplicationScoped
public class PersonService extends OwnedEntityCommands<Person, PersonInput, PersonState> {

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
        return new Page<>(Person.search(filter, order, page, size).stream().map(mapper::toView).toList(), page, size,
                Person.countMatching(filter));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PersonView> find(UUID id) {
        return Person.<Person> findByIdOptional(id).map(mapper::toView);
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

    /** The person's revisions, oldest first; empty if the id was never used. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RevisionView> revisions(UUID id) {
        return RevisionHistory.of(Person.getEntityManager(), json, Person.class, id, mapper::toView);
    }

    /** As {@link OwnedEntityCommands#delete}, but a person that memberships or relations name is kept (409). */
    @Override
    @Transactional
    public boolean delete(UUID id, Preconditions conditions) {
        Person person = Person.findById(id);
        if (person == null) {
            return false;
        }
        conditions.checkExisting("person", id, person.version);
        references.requireUnreferencedPerson(person);
        return super.delete(id, conditions);
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
