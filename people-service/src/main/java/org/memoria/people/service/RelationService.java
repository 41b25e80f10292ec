package org.memoria.people.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.memoria.common.api.Page;
import org.memoria.common.contract.people.RelationInput;
import org.memoria.common.contract.people.RelationState;
import org.memoria.common.events.Topics;
import org.memoria.common.service.OwnedEntityService;
import org.memoria.people.domain.Relation;
import org.memoria.people.mapping.RelationMapper;
import org.memoria.common.contract.people.RelationView;

@ApplicationScoped
public class RelationService extends OwnedEntityService<Relation, RelationInput, RelationState, RelationView> {

    @Inject
    RelationMapper mapper;
    @Inject
    References references;

    public RelationService() {
        super(Relation.class, Topics.PEOPLE, "relation");
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<RelationView> list(UUID personId, String type, int page, int size) {
        return page(Relation.search(personId, type, page, size), page, size,
                Relation.countMatching(personId, type));
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
    public RelationView view(Relation relation) {
        return mapper.toView(relation);
    }

    /** The views of several at once, with the names they show read in one query. */
    @Override
    protected List<RelationView> views(List<Relation> entities) {
        return mapper.toViews(entities);
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
