package org.memoria.events.service;

import java.util.List;
import java.util.stream.Collectors;

import org.memoria.common.problem.Problem;

/** A write names a place or event that does not exist, is of the other kind, or would close a loop. Answered 400. */
public class InvalidReferenceException extends RuntimeException {
    private final transient List<Problem.FieldError> errors;

    public InvalidReferenceException(List<Problem.FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.reason()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
