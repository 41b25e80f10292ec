package org.memoria.common.contract.events;

import java.util.List;

import org.memoria.common.contract.vocabulary.ManagedVocabulary;

/**
 * Kinds of place. A managed vocabulary ({@link ManagedVocabulary#PLACE_TYPES}), no longer a closed list: an admin adds, labels
 * and deprecates terms through {@code /vocabularies/place-types} (docs/model.md). These are the
 * codes it is seeded with.
 */
public final class PlaceType {
    public static final ManagedVocabulary VOCABULARY = ManagedVocabulary.PLACE_TYPES;

    public static final String COUNTRY = "COUNTRY";
    public static final String REGION = "REGION";
    public static final String CITY = "CITY";
    public static final String DISTRICT = "DISTRICT";
    public static final String BUILDING = "BUILDING";
    public static final String SITE = "SITE";
    public static final String RIVER = "RIVER";
    public static final String OTHER = "OTHER";

    /** The seeded codes, in the order the vocabulary was first written. */
    public static final List<String> SEEDED = List.of(COUNTRY, REGION, CITY, DISTRICT, BUILDING, SITE, RIVER, OTHER);

    private PlaceType() {
    }
}
