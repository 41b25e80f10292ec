package org.memoria.common.problem;

/**
 * A delete of an entity that others still reference; the detail names them. Nothing was deleted;
 * {@link ReferenceProblems} answers 409.
 */
public class StillReferencedException extends RuntimeException {
    public StillReferencedException(String detail) {
        super(detail);
    }
}
