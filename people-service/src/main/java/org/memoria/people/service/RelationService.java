package org.memoria.people.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.memoria.common.api.Page;
import org.memoria.common.contract.people.RelationInput;
import org.memoria.common.contract.people.RelationState;
import org.memoria.common.contract.people.RelationType;
import org.memoria.common.events.Topics;
import org.memoria.common.revision.RevisionHistory;
import org.memoria.common.revision.RevisionView;
import org.memoria.common.service.OwnedEntityCommands;
import org.memoria.people.domain.Relation;
import org.memoria.people.mapping.RelationMapper;
import org.memoria.people.rest.RelationView;


@ApplicationScoped
public class RelationService extends OwnedEntityCommands<Relation, RelationInput, RelationState> {

    @Inject
    RelationMapper mapper;
    @Inject
    References references;

    public RelationService() {
        super(Relation.class, Topics.PEOPLE, "relation");
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<RelationView> list(UUID personId, RelationType type, int page, int size) {
        return new Page<>(mapper.toViews(Relation.search(personId, type, page, size)), page, size,
                Relation.countMatching(personId, type));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<RelationView> find(UUID id) {
        return Relation.<Relation> findByIdOptional(id).map(mapper::toView);
    }

    /** The relation's revisions, oldest first; empty if the id was never used. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RevisionView> revisions(UUID id) {
        return RevisionHistory.of(Relation.getEntityManager(), json, Relation.class, id, mapper::toView);
    }

    /** Its persons (and organisation) must exist, else nothing is written. */
    @Override
    protected void checkReferences(RelationInput input) {
        var check = references.check().person("fromPersonId", input.fromPersonId())
                .person("toPersonId", input.toPersonId());
        if (input.fromPersonId() != null && input.fromPersonId().equals(input.toPersonId())) {
            check.error("toPersonId", "must differ from fromPersonId: a relation is between two persons");
        }
        check.verify();
    }

    @Override
    protected Relation newEntity() {
        return new Relation();
    }

    @Override
    protected void apply(RelationInput input, Relation relation) {
        mapper.apply(input, relation);
    }

    @Override
    protected RelationInput inputOf(Relation relation) {
        return mapper.toInput(relation);
    }

    @Override
    protected RelationState stateOf(Relation relation) {
        return mapper.toState(relation);
    }
}
