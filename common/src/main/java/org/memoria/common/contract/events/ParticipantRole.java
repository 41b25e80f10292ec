package org.memoria.common.contract.events;

import java.util.List;

import org.memoria.common.contract.vocabulary.ManagedVocabulary;

/**
 * How a person or an organisation took part in an event. A managed vocabulary ({@link ManagedVocabulary#PARTICIPANT_ROLES}), no longer a closed list: an admin adds, labels
 * and deprecates terms through {@code /vocabularies/participant-roles} (docs/model.md). These are the
 * codes it is seeded with.
 */
public final class ParticipantRole {
    public static final ManagedVocabulary VOCABULARY = ManagedVocabulary.PARTICIPANT_ROLES;

    public static final String ORGANISER = "ORGANISER";
    public static final String PERPETRATOR = "PERPETRATOR";
    public static final String ACCOMPLICE = "ACCOMPLICE";
    public static final String VICTIM = "VICTIM";
    public static final String WITNESS = "WITNESS";
    public static final String GUARD_ON_DUTY = "GUARD_ON_DUTY";
    public static final String AUTHOR = "AUTHOR";
    public static final String INVESTIGATOR = "INVESTIGATOR";
    public static final String SUBJECT = "SUBJECT";
    public static final String PARTICIPANT = "PARTICIPANT";

    /** The seeded codes, in the order the vocabulary was first written. */
    public static final List<String> SEEDED = List.of(ORGANISER, PERPETRATOR, ACCOMPLICE, VICTIM, WITNESS, GUARD_ON_DUTY, AUTHOR, INVESTIGATOR, SUBJECT, PARTICIPANT);

    private ParticipantRole() {
    }
}
