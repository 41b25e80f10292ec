package org.memoria.common.contract;

/** Every kind of entity in the archive, whichever service owns it. */
public enum EntityKind {
    PERSON, ORGANISATION, MEMBERSHIP, RELATION, EVENT, PLACE, SOURCE, CITATION, CLAIM,
    /** A term of a managed vocabulary (its change events travel with the owner's entities). */
    TERM
}
