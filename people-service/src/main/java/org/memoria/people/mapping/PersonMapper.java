package org.memoria.people.mapping;

import jakarta.enterprise.context.ApplicationScoped;

import org.memoria.common.api.DateView;
import org.memoria.common.contract.people.NameInput;
import org.memoria.common.contract.people.PersonInput;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.persistence.EdtfValue;
import org.memoria.people.domain.Person;
import org.memoria.people.domain.PersonName;
import org.memoria.people.rest.PersonView;

/** The three shapes of a person: write model, entity and event payload, and the answer to clients. */
@ApplicationScoped
public class PersonMapper {

    public void apply(PersonInput input, Person person) {
        person.preferredName = input.preferredName();
        person.names.clear();
        input.names().forEach(n -> person.names.add(new PersonName(n.name(), n.type())));
        person.birth = EdtfValue.of(input.birthDate());
        person.death = EdtfValue.of(input.deathDate());
        person.description = input.description();
    }

    public PersonInput toInput(Person person) {
        return new PersonInput(person.preferredName,
                person.names.stream().map(n -> new NameInput(n.name, n.type, null, null)).toList(),
                EdtfValue.edtf(person.birth), null, EdtfValue.edtf(person.death), null, person.description, null);
    }

    public PersonState toState(Person person) {
        return new PersonState(person.id, person.version, person.preferredName,
                person.names.stream().map(n -> new PersonState.Name(n.name, n.type, null, null)).toList(),
                EdtfValue.edtf(person.birth), null, EdtfValue.edtf(person.death), null, person.description, null);
    }

    public PersonView toView(Person person) {
        return new PersonView(person.id, person.version, person.preferredName,
                person.names.stream().map(n -> new PersonView.Name(n.name, n.type)).toList(),
                DateView.of(EdtfValue.edtf(person.birth)), DateView.of(EdtfValue.edtf(person.death)),
                person.description, person.createdAt, person.updatedAt);
    }
}
