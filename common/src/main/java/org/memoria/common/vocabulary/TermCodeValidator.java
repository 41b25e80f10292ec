package org.memoria.common.vocabulary;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import org.memoria.common.contract.vocabulary.ManagedVocabulary;
import org.memoria.common.validation.Text;

/** Checks a {@link TermCode} against the owning service's terms; where there are none (the gateway), its shape only. */
public class TermCodeValidator implements ConstraintValidator<TermCode, String> {

    @Inject
    Instance<Vocabularies> vocabularies;

    private ManagedVocabulary vocabulary;

    @Override
    public void initialize(TermCode annotation) {
        vocabulary = annotation.value();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        String reason = Vocabularies.shapeProblem(value);
        if (reason == null && vocabularies != null && vocabularies.isResolvable()) {
            reason = vocabularies.get().unknown(vocabulary, value);
        }
        if (reason == null) {
            return true;
        }
        return Text.reject(context, reason);
    }
}
