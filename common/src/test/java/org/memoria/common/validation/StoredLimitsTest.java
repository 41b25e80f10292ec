package org.memoria.common.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.memoria.common.contract.people.PersonInput;
import org.memoria.common.contract.sources.SourceIdentifiers;
import org.memoria.common.contract.sources.SourceInput;
import org.memoria.common.contract.sources.SourceType;

/**
 * Every stored field is checked against its column before the database sees it; EDTF dates are at most 200
 * characters and lie within PostgreSQL's date range (docs/edtf.md).
 */
class StoredLimitsTest {

    private static jakarta.validation.ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.byDefaultProvider().configure().messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    private static String messages(Object input) {
        Set<ConstraintViolation<Object>> violations = validator.validate(input);
        return violations.stream().map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted()
                .collect(Collectors.joining("; "));
    }

    private static PersonInput born(String edtf) {
        return new PersonInput("Someone", List.of(), edtf, null, null, null, null, null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "ok", textBlock = """
        # birthDate           | violation (ok: stored as given)
        1940-05-24            | ok
        -4712                 | ok
        -4713-11-24           | ok
        Y5874897              | ok
        1985/..               | ok
        ../1985               | ok
        -4713                 | birthDate: '-4713' lies outside the dates Memoria can store (-4713-11-24 to +5874897-12-31, the range of PostgreSQL's date type)
        -5000                 | birthDate: '-5000' lies outside the dates Memoria can store (-4713-11-24 to +5874897-12-31, the range of PostgreSQL's date type)
        Y170000002            | birthDate: 'Y170000002' lies outside the dates Memoria can store (-4713-11-24 to +5874897-12-31, the range of PostgreSQL's date type)
        Y5874898              | birthDate: 'Y5874898' lies outside the dates Memoria can store (-4713-11-24 to +5874897-12-31, the range of PostgreSQL's date type)
        Y-170000002/1940      | birthDate: 'Y-170000002/1940' lies outside the dates Memoria can store (-4713-11-24 to +5874897-12-31, the range of PostgreSQL's date type)
        1940-13               | birthDate: Invalid EDTF date '1940-13' at position 5: month must be 01-12 or a season 21-24
        """)
    void edtfDatesMustFitPostgresDates(String edtf, String violation) {
        assertEquals(violation == null ? "" : violation, messages(born(edtf)));
    }

    @org.junit.jupiter.api.Test
    void edtfStringsMustFitTheirColumns() {
        String set = "[" + "1940-05-24,".repeat(18) + "1940-05-25]"; // 210 characters, valid EDTF
        assertEquals("birthDate: must be at most 200 characters", messages(born(set)));
        assertEquals("", messages(born(set.substring(0, 188) + "1940-05-25]")));
    }

    @org.junit.jupiter.api.Test
    void aDoiHasALimit() {
        SourceInput source = new SourceInput(SourceType.ARTICLE, "t", List.of(), null, null, null, null, null, null,
                new SourceIdentifiers(null, null, "10.1000/" + "x".repeat(300), null), null);
        assertEquals("identifiers.doi: size must be between 0 and 300", messages(source));
    }
}
