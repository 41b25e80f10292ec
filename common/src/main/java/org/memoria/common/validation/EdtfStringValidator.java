package org.memoria.common.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import org.memoria.common.edtf.Edtf;
import org.memoria.common.edtf.EdtfParseException;

/** Rejects malformed EDTF with the parser's position and reason as the message. */
public class EdtfStringValidator implements ConstraintValidator<EdtfString, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        try {
            Edtf.parse(value);
            return true;
        } catch (EdtfParseException e) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(e.getMessage().replace("{", "\\{").replace("$", "\\$"))
                    .addConstraintViolation();
            return false;
        }
    }
}
