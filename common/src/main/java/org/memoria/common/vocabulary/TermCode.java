package org.memoria.common.vocabulary;

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

import org.memoria.common.contract.vocabulary.ManagedVocabulary;

/**
 * The string, when present, is a code of this managed vocabulary, in any case. An unknown code is refused with the
 * closest terms (docs/model.md). Checked by the service that owns the vocabulary; elsewhere (the gateway) only its
 * shape is.
 */
@Documented
@Constraint(validatedBy = TermCodeValidator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface TermCode {
    ManagedVocabulary value();

    String message() default "not a term of the vocabulary";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
