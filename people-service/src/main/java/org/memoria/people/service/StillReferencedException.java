package org.memoria.people.service;

/** A person or organisation cannot be deleted while memberships or relations name it (a 409 problem). */
public class StillReferencedException extends RuntimeException {
    public StillReferencedException(String detail) {
        super(detail);
    }
}
