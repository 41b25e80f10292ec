package org.memoria.people.mapping;

import jakarta.enterprise.context.ApplicationScoped;

import org.memoria.common.api.DateView;
import org.memoria.common.contract.people.PersonInput;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.persistence.EdtfValue;
import org.memoria.people.domain.Identifiers;
import org.memoria.people.domain.Person;
import org.memoria.common.contract.people.PersonView;

/** The three shapes of a person: write model, entity and event payload, and the answer to clients. */
@ApplicationScoped
public class PersonMapper {

    @jakarta.inject.Inject
    org.memoria.common.vocabulary.Vocabularies vocabularies;

    public void apply(PersonInput input, Person person) {
        person.preferredName = input.preferredName();
        Names.replace(person.names, input.names(), vocabularies);
        if (!Values.same(person.birth, input.birthDate())) {
            person.birth = EdtfValue.of(input.birthDate());
        }
        person.birthPlaceId = input.birthPlaceId();
        if (!Values.same(person.death, input.deathDate())) {
            person.death = EdtfValue.of(input.deathDate());
        }
        person.deathPlaceId = input.deathPlaceId();
        person.description = input.description();
        Identifiers identifiers = Identifiers.of(input.identifiers());
        if (!Values.same(person.identifiers, identifiers)) {
            person.identifiers = identifiers;
        }
    }

    public PersonInput toInput(Person person) {
        return new PersonInput(person.preferredName, Names.toInput(person.names), EdtfValue.edtf(person.birth),
                person.birthPlaceId, EdtfValue.edtf(person.death), person.deathPlaceId, person.description,
                Identifiers.ids(person.identifiers));
    }

    public PersonState toState(Person person) {
        return new PersonState(person.id, person.version, person.preferredName, Names.toState(person.names),
                EdtfValue.edtf(person.birth), person.birthPlaceId, EdtfValue.edtf(person.death), person.deathPlaceId,
                person.description, Identifiers.ids(person.identifiers));
    }

    public PersonView toView(Person person) {
        return new PersonView(person.id, person.version, person.preferredName, Names.toView(person.names),
                DateView.of(EdtfValue.edtf(person.birth)), person.birthPlaceId,
                DateView.of(EdtfValue.edtf(person.death)), person.deathPlaceId, person.description,
                Identifiers.ids(person.identifiers), person.createdAt, person.updatedAt);
    }
}
