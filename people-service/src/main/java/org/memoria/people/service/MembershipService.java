package org.memoria.people.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.memoria.common.api.Page;
import org.memoria.common.contract.people.MembershipInput;
import org.memoria.common.contract.people.MembershipState;
import org.memoria.common.events.Topics;
import org.memoria.common.revision.RevisionHistory;
import org.memoria.common.revision.RevisionView;
import org.memoria.common.service.OwnedEntityCommands;
import org.memoria.people.domain.Membership;
import org.memoria.people.mapping.MembershipMapper;
import org.memoria.people.rest.MembershipView;


@ApplicationScoped
public class MembershipService extends OwnedEntityCommands<Membership, MembershipInput, MembershipState> {

    @Inject
    MembershipMapper mapper;
    @Inject
    References references;

    public MembershipService() {
        super(Membership.class, Topics.PEOPLE, "membership");
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<MembershipView> list(UUID personId, UUID organisationId, int page, int size) {
        return new Page<>(mapper.toViews(Membership.search(personId, organisationId, page, size)), page, size,
                Membership.countMatching(personId, organisationId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<MembershipView> find(UUID id) {
        return Membership.<Membership> findByIdOptional(id).map(mapper::toView);
    }

    /** The membership's revisions, oldest first; empty if the id was never used. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RevisionView> revisions(UUID id) {
        return RevisionHistory.of(Membership.getEntityManager(), json, Membership.class, id, mapper::toView);
    }

    /** Its persons (and organisation) must exist, else nothing is written. */
    @Override
    protected void checkReferences(MembershipInput input) {
        references.check().person("personId", input.personId())
                .organisation("organisationId", input.organisationId()).verify();
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
