package org.memoria.events.service;

/** A delete of a place or event that others still reference. Answered 409, naming them. */
public class StillReferencedException extends RuntimeException {
    public StillReferencedException(String detail) {
        super(detail);
    }
}
