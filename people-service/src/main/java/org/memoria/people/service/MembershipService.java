package org.memoria.people.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.memoria.common.api.Page;
import org.memoria.common.contract.people.MembershipInput;
import org.memoria.common.contract.people.MembershipState;
import org.memoria.common.events.Topics;
import org.memoria.common.service.OwnedEntityService;
import org.memoria.people.domain.Membership;
import org.memoria.people.mapping.MembershipMapper;
import org.memoria.common.contract.people.MembershipView;

@ApplicationScoped
public class MembershipService extends OwnedEntityService<Membership, MembershipInput, MembershipState, MembershipView> {

    @Inject
    MembershipMapper mapper;
    @Inject
    References references;

    public MembershipService() {
        super(Membership.class, Topics.PEOPLE, "membership");
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<MembershipView> list(UUID personId, UUID organisationId, int page, int size) {
        return page(Membership.search(personId, organisationId, page, size), page, size,
                Membership.countMatching(personId, organisationId));
    }

    /** Its persons (and organisation) must exist, else nothing is written. */
    @Override
    protected void checkReferences(MembershipInput input) {
        references.check().person("personId", input.personId())
                .organisation("organisationId", input.organisationId()).verify();
    }

    @Override
    public MembershipView view(Membership membership) {
        return mapper.toView(membership);
    }

    /** The views of several at once, with the names they show read in one query. */
    @Override
    protected List<MembershipView> views(List<Membership> entities) {
        return mapper.toViews(entities);
    }

    @Override
    protected Membership newEntity() {
        return new Membership();
    }

    @Override
    protected void apply(MembershipInput input, Membership membership) {
        mapper.apply(input, membership);
    }

    @Override
    protected MembershipInput inputOf(Membership membership) {
        return mapper.toInput(membership);
    }

    @Override
    protected MembershipState stateOf(Membership membership) {
        return mapper.toState(membership);
    }
}
