package org.memoria.common.events;

import java.util.List;

/** The change-event topics, one per owning service. Compacted; key = entity id. */
public final class Topics {
    public static final String PEOPLE = "memoria.people.v1";
    public static final String EVENTS = "memoria.events.v1";
    public static final String SOURCES = "memoria.sources.v1";
    public static final List<String> ALL = List.of(PEOPLE, EVENTS, SOURCES);

    private Topics() {
    }
}
