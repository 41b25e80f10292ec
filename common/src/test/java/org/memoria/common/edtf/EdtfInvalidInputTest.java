package org.memoria.common.edtf;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed or unsupported input: each rejected with the position and reason of the problem. */
class EdtfInvalidInputTest {

    private static final String L2 = " not supported (EDTF level 2 feature)";

    @ParameterizedTest(name = "''{0}'' at {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        # input                        | pos | reason
        ""                             | 0   | input is empty
        # month and day ranges, leap years
        1985-13                        | 5   | month must be 01-12 or a season 21-24
        1985-00                        | 5   | month must be 01-12 or a season 21-24
        1985-20                        | 5   | month must be 01-12 or a season 21-24
        1985-42                        | 5   | month must be 01-12 or a season 21-24
        1900-02-29                     | 8   | day must be 01-28 in February 1900
        2001-02-29                     | 8   | day must be 01-28 in February 2001
        -0001-02-29                    | 9   | day must be 01-28 in February -0001
        1985-04-31                     | 8   | day must be 01-30 in April 1985
        1985-04-00                     | 8   | day must be 01-30 in April 1985
        1985-01-32                     | 8   | day must be 01-31 in January 1985
        1985-04-12/2000-13             | 16  | month must be 01-12 or a season 21-24
        # order
        2005/2004                      | 5   | interval start must not be after its end
        2004-06-02/2004-06-01          | 11  | interval start must not be after its end
        2004-06/2004-05-31             | 8   | interval start must not be after its end
        [1672..1670]                   | 7   | range start must not be after its end
        [1760..1760-12]                | 7   | both ends of a '..' range must have the same precision (here year and month)
        "[1667,1760-01..1761]"         | 15  | both ends of a '..' range must have the same precision (here month and year)
        {1985-04-12..1985-05}          | 13  | both ends of a '..' range must have the same precision (here day and month)
        [1960-21..1960-08]             | 10  | both ends of a '..' range must have the same precision (here season and month)
        [196X..1970]                   | 7   | both ends of a '..' range must have the same precision (here decade and year)
        # garbage, shape and trailing characters
        abc                            | 0   | expected a date but found 'a'
        " 1985"                        | 0   | expected a date but found ' '
        "1985 "                        | 4   | unexpected character ' '
        1985-04-12abc                  | 10  | unexpected character 'a'
        1985-04-12?x                   | 11  | unexpected character 'x'
        85                             | 2   | year must have four digits
        -85                            | 3   | year must have four digits
        19850                          | 4   | year must have exactly four digits (use the 'Y' prefix for longer years)
        1985-4                         | 6   | month must have two digits
        1985-                          | 5   | month must have two digits
        1985-04-1                      | 9   | day must have two digits
        1985-04-123                    | 10  | day must have two digits
        1985/04/12                     | 7   | year must have four digits
        1985/2000/2005                 | 9   | an interval has exactly one '/'
        ..                             | 2   | expected '/' after an open start '..'
        [                              | 1   | expected a date
        {                              | 1   | expected a date
        [1940-05-26,                   | 12  | expected a date
        Y1234567890123456789           | 19  | a 'Y' year may have at most 18 digits
        -0000                          | 0   | year -0000 is not allowed (use 0000)
        # case
        201x                           | 3   | unspecified digit must be upper-case 'X'
        2004-xx                        | 5   | unspecified digit must be upper-case 'X'
        y17000                         | 0   | the year prefix must be upper-case 'Y'
        1985-04-12t23:20:30            | 10  | the time separator must be upper-case 'T'
        1985-04-12T23:20:30z           | 19  | the UTC designator must be upper-case 'Z'
        # time
        1985-04-12T23:20               | 16  | time must be hh:mm:ss
        1985-04-12T24:00:00            | 11  | hour must be 00-23
        1985-04-12T23:60:00            | 14  | minute must be 00-59
        1985-04-12T23:20:61            | 17  | second must be 00-59
        1985-04-12T23:20:30+4          | 21  | offset hours must have two digits
        1985-04-12T23:20:30+04:3       | 24  | offset minutes must have two digits
        1985-04-12T23:20:30+24         | 20  | offset hours must be 00-23
        1985-04-12T23:20:30-00         | 19  | a zero offset is written 'Z' or '+00:00' ('-00' would mean an unknown offset)
        1985-04-12T23:20:30-00:00      | 19  | a zero offset is written 'Z' or '+00:00' ('-00' would mean an unknown offset)
        1985-04-12T23:20:30.5          | 19  | fractional seconds are not allowed
        1985-04T23:20:30               | 7   | a time needs a complete date (year, month and day)
        1985-04-XXT23:20:30            | 10  | a time needs a complete date (year, month and day)
        1985-04-12T23:20:30?           | 19  | a qualifier is not allowed on a date-time
        1985-04-12T23:20:30/2000       | 10  | time of day is not allowed in an interval
        2000/1985-04-12T23:20:30       | 15  | time of day is not allowed in an interval
        [1985-04-12T23:20:30]          | 11  | time of day is not allowed in a set
        # qualifiers
        1984?~                         | 5   | only one qualifier is allowed (use '%' for uncertain and approximate)
        # level 1 limits
        2001-21-05                     | 7   | a season cannot have a day
        Y1234                          | 0   | a 'Y' year must have more than four digits
        Y01234                         | 1   | a 'Y' year must not have leading zeros
        Y                              | 1   | expected digits after 'Y'
        Y17000-01                      | 6   | a 'Y' year cannot have a month or day
        Y1700X                         | 5   | a 'Y' year cannot have unspecified digits
        # intervals
        /                              | 1   | an interval needs at least one date
        ../..                          | 3   | an interval needs at least one date
        ../                            | 3   | an interval needs at least one date
        ..1985                         | 2   | expected '/' after an open start '..'
        1985..                         | 4   | '..' ranges are only allowed inside a set
        1985//                         | 5   | expected a date but found '/'
        # sets
        []                             | 1   | a set needs at least one member
        {}                             | 1   | a set needs at least one member
        [1985                          | 5   | missing closing ']'
        [1985..                        | 7   | missing closing ']'
        {1985]                         | 5   | expected ',' or '}' but found ']'
        "[1985,]"                      | 6   | expected a date but found ']'
        [1985]x                        | 6   | unexpected character 'x'
        "[1667,..1668]"                | 6   | '..' before a member is only allowed on the first member
        "[1667..,1668]"                | 5   | '..' after a member is only allowed on the last member
        "[1667, 1668]"                 | 6   | expected a date but found ' '
        "[1667,[1668]]"                | 6   | expected a date but found '['
        # level 2 features that are not supported
        2004?-06-11                    | 4   | qualifying part of a date is""" + L2 + """

        2004-06~-11                    | 7   | qualifying part of a date is""" + L2 + """

        ?2004-06-11                    | 0   | a qualifier before a date is""" + L2 + """

        2004-06-~11                    | 8   | a qualifier inside a date is""" + L2 + """

        2004-06-~01/2004-06-~20        | 8   | a qualifier inside a date is""" + L2 + """

        156X-12-25                     | 4   | a month after unspecified year digits is""" + L2 + """

        1XXX                           | 1   | more than two unspecified year digits is""" + L2 + """

        19X5                           | 3   | a known digit after an unspecified digit is""" + L2 + """

        1985-1X                        | 5   | a partly unspecified month is""" + L2 + """

        1985-04-X1                     | 8   | a partly unspecified day is""" + L2 + """

        1985-XX-12                     | 8   | a known day in an unspecified month is""" + L2 + """

        2001-25                        | 5   | seasons 25-41 are""" + L2 + """

        2001-41                        | 5   | seasons 25-41 are""" + L2 + """

        Y-17E7                         | 4   | exponential years are""" + L2 + """

        1950S2                         | 4   | significant digits are""" + L2 + """

        Y171010000S3                   | 10  | significant digits are""" + L2 + """
        """)
    void rejected(String input, int position, String reason) {
        assertFalse(Edtf.isValid(input), "isValid");
        EdtfParseException e = assertThrows(EdtfParseException.class, () -> Edtf.parse(input));
        assertAll(
            () -> assertEquals(position, e.position(), "position"),
            () -> assertEquals(reason, e.reason(), "reason"),
            () -> assertEquals(input, e.input(), "input"),
            () -> assertEquals("Invalid EDTF date '" + input + "' at position " + position + ": " + reason,
                e.getMessage(), "message"));
    }

    /** Neighbours of rejected input that stay valid: a zero offset with '+', negative offsets, same-precision ranges. */
    @ParameterizedTest(name = "''{0}'' is accepted")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        1985-04-12T23:20:30+00
        1985-04-12T23:20:30+00:00
        1985-04-12T23:20:30-00:30
        1985-04-12T23:20:30-01
        [1760-01..1760-12]
        "[1667,1760-21..1761-22]"
        {1985-04-12..1985-05-01}
        [196X..197X]
        [1760..]
        [..1760-12-03]
        Y999999999999999999
        """)
    void accepted(String input) {
        assertTrue(Edtf.isValid(input), input);
    }

    @Test
    void messageFormat() {
        EdtfParseException e = assertThrows(EdtfParseException.class, () -> Edtf.parse("1985-13"));
        assertEquals("Invalid EDTF date '1985-13' at position 5: month must be 01-12 or a season 21-24",
            e.getMessage());
        assertInstanceOf(IllegalArgumentException.class, e);
    }

    @Test
    void nullIsRejected() {
        EdtfParseException e = assertThrows(EdtfParseException.class, () -> Edtf.parse(null));
        assertEquals(0, e.position());
        assertEquals("input is null", e.reason());
        assertNull(e.input());
    }
}
