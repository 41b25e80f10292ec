package org.memoria.sources.service;

/** The entity cannot be deleted while others refer to it: a 409 whose detail names them. */
public class StillReferencedException extends RuntimeException {
    public StillReferencedException(String detail) {
        super(detail);
    }
}
