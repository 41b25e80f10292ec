package org.memoria.people.mapping;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.memoria.common.api.DateView;
import org.memoria.common.contract.people.RelationInput;
import org.memoria.common.contract.people.RelationType;
import org.memoria.common.contract.people.RelationState;
import org.memoria.common.persistence.EdtfValue;
import org.memoria.people.domain.Person;
import org.memoria.people.domain.Relation;
import org.memoria.common.contract.people.PersonRelationView;
import org.memoria.common.contract.people.RelationView;

/** The three shapes of a relation, and a relation read from one of its persons. */
@ApplicationScoped
public class RelationMapper {

    @jakarta.inject.Inject
    org.memoria.common.vocabulary.Vocabularies vocabularies;

    public void apply(RelationInput input, Relation relation) {
        relation.fromPersonId = input.fromPersonId();
        relation.type = vocabularies.code(RelationType.VOCABULARY, input.type());
        relation.toPersonId = input.toPersonId();
        if (!Values.same(relation.period, input.period())) {
            relation.period = EdtfValue.of(input.period());
        }
        relation.note = input.note();
        relation.sourceId = input.sourceId();
    }

    public RelationInput toInput(Relation relation) {
        return new RelationInput(relation.fromPersonId, relation.type, relation.toPersonId,
                EdtfValue.edtf(relation.period), relation.note, relation.sourceId);
    }

    public RelationState toState(Relation relation) {
        return new RelationState(relation.id, relation.version, relation.fromPersonId, relation.type,
                relation.toPersonId, EdtfValue.edtf(relation.period), relation.note, relation.sourceId);
    }

    public RelationView toView(Relation relation) {
        return toViews(List.of(relation)).get(0);
    }

    /** Views of several relations, with the current names of their persons (one query). */
    public List<RelationView> toViews(List<Relation> relations) {
        Map<UUID, String> names = namesOf(relations);
        return relations.stream().map(r -> new RelationView(r.id, r.version, r.fromPersonId, names.get(r.fromPersonId),
                r.type, vocabularies.label(RelationType.VOCABULARY, r.type), vocabularies.inverseLabel(RelationType.VOCABULARY, r.type), r.toPersonId, names.get(r.toPersonId),
                DateView.of(EdtfValue.edtf(r.period)), r.note, r.sourceId, r.createdAt, r.updatedAt)).toList();
    }

    /**
     * The relations as {@code personId} sees them: the label read from its side (the type's label when it is the
     * from-person, the inverse label when the to-person) and the other person.
     */
    public List<PersonRelationView> toViewsFrom(UUID personId, List<Relation> relations) {
        Map<UUID, String> names = namesOf(relations);
        return relations.stream().map(r -> {
            boolean from = r.fromPersonId.equals(personId);
            UUID other = from ? r.toPersonId : r.fromPersonId;
            return new PersonRelationView(r.id, r.type,
                    from ? PersonRelationView.Side.FROM : PersonRelationView.Side.TO,
                    from ? vocabularies.label(RelationType.VOCABULARY, r.type) : vocabularies.inverseLabel(RelationType.VOCABULARY, r.type), other, names.get(other),
                    DateView.of(EdtfValue.edtf(r.period)), r.note, r.sourceId);
        }).toList();
    }

    private static Map<UUID, String> namesOf(List<Relation> relations) {
        return Person.preferredNames(relations.stream().flatMap(r -> Stream.of(r.fromPersonId, r.toPersonId))
                .collect(Collectors.toSet()));
    }
}
