package org.memoria.common.problem;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A write names ids that are not what its fields require: missing, of another kind, or closing a loop. Nothing was
 * written; {@link ReferenceProblems} answers 400 naming each field.
 */
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
