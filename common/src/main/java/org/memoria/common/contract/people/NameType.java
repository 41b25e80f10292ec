package org.memoria.common.contract.people;

import java.util.List;

import org.memoria.common.contract.vocabulary.ManagedVocabulary;

/**
 * Kinds of name a person or an organisation is known by. A managed vocabulary ({@link ManagedVocabulary#NAME_TYPES}), no longer a closed list: an admin adds, labels
 * and deprecates terms through {@code /vocabularies/name-types} (docs/model.md). These are the
 * codes it is seeded with.
 */
public final class NameType {
    public static final ManagedVocabulary VOCABULARY = ManagedVocabulary.NAME_TYPES;

    public static final String BIRTH = "BIRTH";
    public static final String LEGAL = "LEGAL";
    public static final String ALIAS = "ALIAS";
    public static final String PARTY_NAME = "PARTY_NAME";
    public static final String PSEUDONYM = "PSEUDONYM";
    public static final String NICKNAME = "NICKNAME";
    public static final String ABBREVIATION = "ABBREVIATION";
    public static final String TRANSLATION = "TRANSLATION";

    /** The seeded codes, in the order the vocabulary was first written. */
    public static final List<String> SEEDED = List.of(BIRTH, LEGAL, ALIAS, PARTY_NAME, PSEUDONYM, NICKNAME, ABBREVIATION, TRANSLATION);

    private NameType() {
    }
}
