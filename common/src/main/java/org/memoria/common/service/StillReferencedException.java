package org.memoria.common.service;

/**
 * A delete of an entity that others still reference; the detail names them. Nothing was deleted;
 * {@code org.memoria.common.problem.ReferenceProblems} answers 409.
 */
public class StillReferencedException extends RuntimeException {
    public StillReferencedException(String detail) {
        super(detail);
    }
}
