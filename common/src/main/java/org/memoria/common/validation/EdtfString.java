package org.memoria.common.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The string, when present, is an EDTF date the platform supports and can store (see docs/edtf.md): at most
 * {@link #MAX_LENGTH} characters, bounds within PostgreSQL's date range.
 */
@Documented
@Constraint(validatedBy = EdtfStringValidator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface EdtfString {
    /** The length of every {@code *_edtf} column. */
    int MAX_LENGTH = 200;
    /** The format the OpenAPI documents give an EDTF string. */
    String FORMAT = "edtf";

    String message() default "not a valid EDTF date";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
