package org.memoria.common.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import org.memoria.common.edtf.Edtf;
import org.memoria.common.edtf.EdtfDate;
import org.memoria.common.edtf.EdtfParseException;
import org.memoria.common.persistence.EdtfValue;

/**
 * Rejects what cannot be stored as an EDTF date: more than {@link EdtfValue#MAX_LENGTH} characters, malformed EDTF
 * (with the parser's position and reason), or a date whose bounds lie outside PostgreSQL's date range.
 */
public class EdtfStringValidator implements ConstraintValidator<EdtfString, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        String reason;
        if (value.length() > EdtfValue.MAX_LENGTH) {
            reason = "must be at most " + EdtfValue.MAX_LENGTH + " characters";
        } else {
            try {
                EdtfDate date = Edtf.parse(value);
                reason = EdtfValue.outOfRange(date);
                if (reason != null) {
                    reason = Text.quoted(value) + " " + reason;
                }
            } catch (EdtfParseException e) {
                reason = e.getMessage();
            }
        }
        if (reason == null) {
            return true;
        }
        return Text.reject(context, reason);
    }
}
