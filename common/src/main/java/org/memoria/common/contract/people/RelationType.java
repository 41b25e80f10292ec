package org.memoria.common.contract.people;

import java.util.List;

import org.memoria.common.contract.vocabulary.ManagedVocabulary;

/**
 * Kinds of person-to-person relation, read from the first person: "A is SPOUSE of B", "A is HANDLER of B"; each term has the label read from the other end. A managed vocabulary ({@link ManagedVocabulary#RELATION_TYPES}), no longer a closed list: an admin adds, labels
 * and deprecates terms through {@code /vocabularies/relation-types} (docs/model.md). These are the
 * codes it is seeded with.
 */
public final class RelationType {
    public static final ManagedVocabulary VOCABULARY = ManagedVocabulary.RELATION_TYPES;

    public static final String SPOUSE = "SPOUSE";
    public static final String PARENT = "PARENT";
    public static final String GRANDPARENT = "GRANDPARENT";
    public static final String SIBLING = "SIBLING";
    public static final String HANDLER = "HANDLER";
    public static final String LIAISON = "LIAISON";
    public static final String SECRETARY = "SECRETARY";
    public static final String ASSOCIATE = "ASSOCIATE";

    /** The seeded codes, in the order the vocabulary was first written. */
    public static final List<String> SEEDED = List.of(SPOUSE, PARENT, GRANDPARENT, SIBLING, HANDLER, LIAISON, SECRETARY, ASSOCIATE);

    private RelationType() {
    }
}
