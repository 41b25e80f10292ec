package org.memoria.gateway.events;

/** The kinds of link the read model records from an entity to another (column {@code link.link}). */
public final class Links {
    public static final String PARTICIPANT = "PARTICIPANT";
    public static final String AUTHOR = "AUTHOR";
    public static final String MEMBER = "MEMBER";
    public static final String OF_ORGANISATION = "OF_ORGANISATION";
    public static final String RELATION_FROM = "RELATION_FROM";
    public static final String RELATION_TO = "RELATION_TO";
    public static final String PLACE = "PLACE";
    public static final String PARENT = "PARENT";
    public static final String BIRTH_PLACE = "BIRTH_PLACE";
    public static final String DEATH_PLACE = "DEATH_PLACE";
    public static final String NAME_SOURCE = "NAME_SOURCE";
    public static final String SOURCE = "SOURCE";
    public static final String ABOUT = "ABOUT";
    public static final String SUBJECT = "SUBJECT";
    public static final String EVIDENCE = "EVIDENCE";

    private Links() {
    }
}
