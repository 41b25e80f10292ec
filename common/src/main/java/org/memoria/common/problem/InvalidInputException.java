package org.memoria.common.problem;

import java.util.List;

/**
 * A request body that could be read only in part: {@link #errors} names each rejected value, and {@link #value} is
 * what was read, the rejected values left null, so that Bean Validation can report the other fields' problems in the
 * same answer.
 */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Object value;
    private final transient List<Problem.FieldError> errors;

    public InvalidInputException(Object value, List<Problem.FieldError> errors) {
        super(errors.size() + " invalid value(s) in the request body", null, false, false);
        this.value = value;
        this.errors = List.copyOf(errors);
    }

    /** The body as read, rejected values left null; null when not even its outline could be read. */
    public Object value() {
        return value;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
