package org.memoria.events.domain;

/** Orders of an event list. */
public enum EventOrder {
    /** By earliest possible day (undated last), then latest, then title. */
    DATE,
    /** By title, case-insensitively, then by date. */
    TITLE
}
