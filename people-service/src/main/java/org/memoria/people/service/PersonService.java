package org.memoria.people.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.memoria.common.api.Page;
import org.memoria.common.contract.people.PersonInput;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.events.Topics;
import org.memoria.common.revision.RevisionHistory;
import org.memoria.common.revision.RevisionView;
import org.memoria.common.service.OwnedEntityCommands;
import org.memoria.people.domain.Person;
import org.memoria.people.mapping.PersonMapper;
import org.memoria.people.rest.PersonView;

import com.fasterxml.jackson.databind.ObjectMapper;

@ApplicationScoped
public class PersonService extends OwnedEntityCommands<Person, PersonInput, PersonState> {

    @Inject
    PersonMapper mapper;
    @Inject
    ObjectMapper json;

    public PersonService() {
        super(Person.class, Topics.PEOPLE, "person");
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<PersonView> list(String name, int page, int size) {
        return new Page<>(Person.search(name, page, size).stream().map(mapper::toView).toList(), page, size,
                Person.countMatching(name));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PersonView> find(UUID id) {
        return Person.<Person> findByIdOptional(id).map(mapper::toView);
    }

    /** The person's revisions, oldest first; empty if the id was never used. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RevisionView> revisions(UUID id) {
        return RevisionHistory.of(Person.getEntityManager(), json, Person.class, id, mapper::toView);
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
