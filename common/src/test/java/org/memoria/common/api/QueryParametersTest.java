package org.memoria.common.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.function.Function;

import jakarta.ws.rs.BadRequestException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.memoria.common.persistence.EdtfValue;
import org.memoria.common.problem.Problem;

/** Query parameters: each bad value is a 400 problem naming the parameter; dates beyond the storable range clamp. */
class QueryParametersTest {

    private static final java.util.Map<String, Function<String, Object>> CONVERSIONS = java.util.Map.of(
            "page", v -> QueryParameters.page(null, v),
            "size", v -> QueryParameters.size(null, v),
            "personId", v -> QueryParameters.uuid(null, "personId", v),
            "id", v -> QueryParameters.requiredUuid(null, "id", v),
            "from", v -> QueryParameters.day(null, "from", v),
            "bornFrom", v -> QueryParameters.earliest(null, "bornFrom", v),
            "name", v -> QueryParameters.text(null, "name", v),
            "type", v -> QueryParameters.termCode(null, "type", v));

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        # parameter | value                                  | reason starts with
        page        | abc                                    | 'abc' is not a whole number
        page        | first                                  | 'first' is not a whole number
        page        | 1.5                                    | '1.5' is not a whole number
        page        | -1                                     | must be between 0 and 21474836
        page        | 21474837                               | must be between 0 and 21474836
        page        | 2147483647                             | must be between 0 and 21474836
        page        | 99999999999999999999999                | '99999999999999999999999' is not a whole number
        size        | 0                                      | must be between 1 and 100
        size        | 101                                    | must be between 1 and 100
        size        | ten                                    | 'ten' is not a whole number
        personId    | 1-1-1-1-1                              | '1-1-1-1-1' is not a UUID
        personId    | 599d5dc6-a390-3f2e-8484-4b1c1c5c59a     | '599d5dc6-a390-3f2e-8484-4b1c1c5c59a' is not a UUID
        id          | "  "                                   | must not be blank
        from        | 1940-02-30                             | '1940-02-30' is not an ISO day
        from        | 1940                                   | '1940' is not an ISO day
        bornFrom    | 1940-13                                | Invalid EDTF date '1940-13' at position 5
        type        | 1940                                   | '1940' is not a code: a letter, then
        type        | SIEGE OF                               | 'SIEGE OF' is not a code
        type        | ABCDEFGHIJKLMNOPQRSTUVWXYZABCDE        | 'ABCDEFGHIJKLMNOPQRSTUVWXYZABCDE' is not a code
        """)
    void aBadValueIsA400NamingTheParameter(String parameter, String value, String reason) {
        BadRequestException e = assertThrows(BadRequestException.class, () -> CONVERSIONS.get(parameter).apply(value));
        Problem problem = (Problem) e.getResponse().getEntity();
        assertEquals(400, problem.status());
        assertEquals(parameter, problem.errors().get(0).field());
        assertTrue(problem.errors().get(0).reason().startsWith(reason), problem.errors().get(0).reason());
    }

    @Test
    void textFiltersAreStorableAndShort() {
        assertEquals("Mornard", QueryParameters.text(null, "name", "  Mornard "));
        assertEquals(null, QueryParameters.text(null, "name", " "));
        assertReason("name", "must be at most 200 characters", () -> QueryParameters.text(null, "name", "x".repeat(201)));
        assertReason("name", "must not contain U+0000 (NUL), found at index 1",
                () -> QueryParameters.text(null, "name", "a\u0000"));
        assertReason("bornFrom", "must be at most 200 characters",
                () -> QueryParameters.earliest(null, "bornFrom", "1".repeat(201)));
    }

    @Test
    void anEchoedValueIsAnExcerpt() {
        String long_ = "x".repeat(4000);
        BadRequestException e = assertThrows(BadRequestException.class, () -> QueryParameters.page(null, long_));
        assertEquals("'" + "x".repeat(60) + "…' is not a whole number",
                ((Problem) e.getResponse().getEntity()).errors().get(0).reason());
    }

    @Test
    void pagingDefaultsAndLimits() {
        assertEquals(0, QueryParameters.page(null, null));
        assertEquals(Page.MAX_PAGE, QueryParameters.page(null, Integer.toString(Page.MAX_PAGE)));
        assertTrue((long) Page.MAX_PAGE * Page.MAX_SIZE <= Integer.MAX_VALUE, "the last page's offset fits an int");
        assertEquals(Page.DEFAULT_SIZE, QueryParameters.size(null, ""));
        assertEquals(7, QueryParameters.size(null, " 7 "));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
        # parameter: a day or EDTF date beyond what PostgreSQL's date holds selects as the range's end does
        from     | +999999999-12-31 | +5874897-12-31
        from     | -999999999-01-01 | -4713-11-24
        from     | 1940-05-24       | 1940-05-24
        bornFrom | Y170000002       | +5874897-12-31
        bornFrom | -5000            | -4713-11-24
        bornFrom | 1913             | 1913-01-01
        """)
    void datesBeyondTheStorableRangeClamp(String parameter, String value, String day) {
        assertEquals(LocalDate.parse(day), CONVERSIONS.get(parameter).apply(value));
        assertEquals(EdtfValue.LATEST, QueryParameters.latest(null, "bornTo", "Y170000002"));
    }

    private static void assertReason(String field, String reason, Runnable conversion) {
        BadRequestException e = assertThrows(BadRequestException.class, conversion::run);
        Problem problem = (Problem) e.getResponse().getEntity();
        assertEquals(field, problem.errors().get(0).field());
        assertEquals(reason, problem.errors().get(0).reason());
    }
}
