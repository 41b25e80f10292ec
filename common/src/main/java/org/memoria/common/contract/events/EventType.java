package org.memoria.common.contract.events;

import java.util.List;

import org.memoria.common.contract.vocabulary.ManagedVocabulary;

/**
 * Kinds of event (docs/model/events.md explains each). A managed vocabulary ({@link ManagedVocabulary#EVENT_TYPES}), no longer a closed list: an admin adds, labels
 * and deprecates terms through {@code /vocabularies/event-types} (docs/model.md). These are the
 * codes it is seeded with.
 */
public final class EventType {
    public static final ManagedVocabulary VOCABULARY = ManagedVocabulary.EVENT_TYPES;

    public static final String ATTACK = "ATTACK";
    public static final String ASSASSINATION = "ASSASSINATION";
    public static final String MURDER = "MURDER";
    public static final String ABDUCTION = "ABDUCTION";
    public static final String DEATH = "DEATH";
    public static final String DISCOVERY = "DISCOVERY";
    public static final String TRIAL = "TRIAL";
    public static final String CONGRESS = "CONGRESS";
    public static final String PUBLICATION = "PUBLICATION";
    public static final String INVESTIGATION = "INVESTIGATION";
    public static final String ASYLUM = "ASYLUM";
    public static final String EXPULSION = "EXPULSION";
    public static final String EXILE = "EXILE";
    public static final String MEETING = "MEETING";
    public static final String ASSIGNMENT = "ASSIGNMENT";
    public static final String WAR = "WAR";
    public static final String SURRENDER = "SURRENDER";
    public static final String REUNIFICATION = "REUNIFICATION";
    public static final String ARCHIVE_RELEASE = "ARCHIVE_RELEASE";
    public static final String OTHER = "OTHER";

    /** The seeded codes, in the order the vocabulary was first written. */
    public static final List<String> SEEDED = List.of(ATTACK, ASSASSINATION, MURDER, ABDUCTION, DEATH, DISCOVERY, TRIAL, CONGRESS, PUBLICATION, INVESTIGATION, ASYLUM, EXPULSION, EXILE, MEETING, ASSIGNMENT, WAR, SURRENDER, REUNIFICATION, ARCHIVE_RELEASE, OTHER);

    private EventType() {
    }
}
