package org.memoria.people.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.memoria.common.api.Page;
import org.memoria.common.api.Preconditions;
import org.memoria.common.contract.people.OrganisationInput;
import org.memoria.common.contract.people.OrganisationState;
import org.memoria.common.events.Topics;
import org.memoria.common.service.OwnedEntityService;
import org.memoria.people.domain.Membership;
import org.memoria.people.domain.Organisation;
import org.memoria.people.mapping.MembershipMapper;
import org.memoria.people.mapping.OrganisationMapper;
import org.memoria.common.contract.people.MembershipView;
import org.memoria.common.contract.people.OrganisationView;

@ApplicationScoped
public class OrganisationService extends OwnedEntityService<Organisation, OrganisationInput, OrganisationState, OrganisationView> {

    @Inject
    OrganisationMapper mapper;
    @Inject
    MembershipMapper memberships;
    @Inject
    References references;

    public OrganisationService() {
        super(Organisation.class, Topics.PEOPLE, "organisation");
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<OrganisationView> list(String name, String type, int page, int size) {
        return page(Organisation.search(name, type, page, size), page, size,
                Organisation.countMatching(name, type));
    }

    /** The organisation's memberships with the members' names, chronologically; empty if there is no such organisation. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Page<MembershipView>> members(UUID id, int page, int size) {
        if (Organisation.count("id", id) == 0) {
            return Optional.empty();
        }
        return Optional.of(new Page<>(memberships.toViews(Membership.search(null, id, page, size)), page, size,
                Membership.countMatching(null, id)));
    }

    /** As {@link OwnedEntityService#delete}, but an organisation that memberships name is kept (409). */
    @Override
    @Transactional
    public boolean delete(UUID id, Preconditions conditions) {
        return deleteUnreferenced(id, conditions, references::requireUnreferencedOrganisation);
    }

    @Override
    public OrganisationView view(Organisation organisation) {
        return mapper.toView(organisation);
    }

    @Override
    protected Organisation newEntity() {
        return new Organisation();
    }

    @Override
    protected void apply(OrganisationInput input, Organisation organisation) {
        mapper.apply(input, organisation);
    }

    @Override
    protected OrganisationInput inputOf(Organisation organisation) {
        return mapper.toInput(organisation);
    }

    @Override
    protected OrganisationState stateOf(Organisation organisation) {
        return mapper.toState(organisation);
    }
}
