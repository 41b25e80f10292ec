package org.memoria.people.service;

import java.util.List;

import org.memoria.common.problem.Problem;

/** A write names ids that are not what its fields require (a 400 problem naming each field); nothing was written. */
public class InvalidReferenceException extends RuntimeException {
    private final List<Problem.FieldError> errors;

    public InvalidReferenceException(List<Problem.FieldError> errors) {
        super(errors.toString());
        this.errors = List.copyOf(errors);
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
