package org.memoria.sources.service;

import java.util.List;

import org.memoria.common.problem.Problem;

/** The input names entities of this service that do not exist, or are of another kind: a 400 naming each field. */
public class InvalidReferencesException extends RuntimeException {
    private final List<Problem.FieldError> errors;

    public InvalidReferencesException(List<Problem.FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.reason()).reduce((a, b) -> a + "; " + b).orElse(""));
        this.errors = List.copyOf(errors);
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
