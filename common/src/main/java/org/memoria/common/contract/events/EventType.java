package org.memoria.common.contract.events;

/** The event vocabulary (docs/model/events.md explains each). */
public enum EventType {
    ATTACK, ASSASSINATION, MURDER, ABDUCTION, DEATH, DISCOVERY, TRIAL, CONGRESS, PUBLICATION, INVESTIGATION,
    ASYLUM, EXPULSION, EXILE, MEETING, ASSIGNMENT, WAR, SURRENDER, REUNIFICATION, ARCHIVE_RELEASE, OTHER
}
