package org.memoria.people.mapping;

import jakarta.enterprise.context.ApplicationScoped;

import org.memoria.common.api.DateView;
import org.memoria.common.contract.people.OrganisationInput;
import org.memoria.common.contract.people.OrganisationState;
import org.memoria.common.persistence.EdtfValue;
import org.memoria.people.domain.Identifiers;
import org.memoria.people.domain.Organisation;
import org.memoria.common.contract.people.OrganisationView;

/** The three shapes of an organisation: write model, entity and event payload, and the answer to clients. */
@ApplicationScoped
public class OrganisationMapper {

    @jakarta.inject.Inject
    org.memoria.common.vocabulary.Vocabularies vocabularies;

    public void apply(OrganisationInput input, Organisation organisation) {
        organisation.preferredName = input.preferredName();
        Names.replace(organisation.names, input.names(), vocabularies);
        organisation.type = vocabularies.code(org.memoria.common.contract.people.OrganisationType.VOCABULARY, input.type());
        if (!Values.same(organisation.founded, input.founded())) {
            organisation.founded = EdtfValue.of(input.founded());
        }
        if (!Values.same(organisation.dissolved, input.dissolved())) {
            organisation.dissolved = EdtfValue.of(input.dissolved());
        }
        organisation.description = input.description();
        Identifiers identifiers = Identifiers.of(input.identifiers());
        if (!Values.same(organisation.identifiers, identifiers)) {
            organisation.identifiers = identifiers;
        }
    }

    public OrganisationInput toInput(Organisation organisation) {
        return new OrganisationInput(organisation.preferredName, Names.toInput(organisation.names), organisation.type,
                EdtfValue.edtf(organisation.founded), EdtfValue.edtf(organisation.dissolved), organisation.description,
                Identifiers.ids(organisation.identifiers));
    }

    public OrganisationState toState(Organisation organisation) {
        return new OrganisationState(organisation.id, organisation.version, organisation.preferredName,
                Names.toState(organisation.names), organisation.type, EdtfValue.edtf(organisation.founded),
                EdtfValue.edtf(organisation.dissolved), organisation.description,
                Identifiers.ids(organisation.identifiers));
    }

    public OrganisationView toView(Organisation organisation) {
        return new OrganisationView(organisation.id, organisation.version, organisation.preferredName,
                Names.toView(organisation.names), organisation.type, DateView.of(EdtfValue.edtf(organisation.founded)),
                DateView.of(EdtfValue.edtf(organisation.dissolved)), organisation.description,
                Identifiers.ids(organisation.identifiers), organisation.createdAt, organisation.updatedAt);
    }
}
