package org.memoria.common.contract.events;

/** How a person or an organisation took part in an event. */
public enum ParticipantRole {
    ORGANISER, PERPETRATOR, ACCOMPLICE, VICTIM, WITNESS, GUARD_ON_DUTY, AUTHOR, INVESTIGATOR, SUBJECT, PARTICIPANT
}
