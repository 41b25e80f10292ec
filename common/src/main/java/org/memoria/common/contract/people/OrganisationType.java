package org.memoria.common.contract.people;

import java.util.List;

import org.memoria.common.contract.vocabulary.ManagedVocabulary;

/**
 * Kinds of organisation. A managed vocabulary ({@link ManagedVocabulary#ORGANISATION_TYPES}), no longer a closed list: an admin adds, labels
 * and deprecates terms through {@code /vocabularies/organisation-types} (docs/model.md). These are the
 * codes it is seeded with.
 */
public final class OrganisationType {
    public static final ManagedVocabulary VOCABULARY = ManagedVocabulary.ORGANISATION_TYPES;

    public static final String POLITICAL_PARTY = "POLITICAL_PARTY";
    public static final String INTERNATIONAL = "INTERNATIONAL";
    public static final String INTELLIGENCE_SERVICE = "INTELLIGENCE_SERVICE";
    public static final String POLICE = "POLICE";
    public static final String TRADE_UNION = "TRADE_UNION";
    public static final String GOVERNMENT = "GOVERNMENT";
    public static final String PUBLISHER = "PUBLISHER";
    public static final String MILITIA = "MILITIA";
    public static final String OTHER = "OTHER";

    /** The seeded codes, in the order the vocabulary was first written. */
    public static final List<String> SEEDED = List.of(POLITICAL_PARTY, INTERNATIONAL, INTELLIGENCE_SERVICE, POLICE, TRADE_UNION, GOVERNMENT, PUBLISHER, MILITIA, OTHER);

    private OrganisationType() {
    }
}
