package org.memoria.common.edtf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Memoria's own reference cases and rendering conventions. */
class EdtfProjectCasesTest {

    @ParameterizedTest(name = "{0} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
        1940-05-24                | 1940-05-24 | 1940-05-24 | May 24, 1940
        1940-05                   | 1940-05-01 | 1940-05-31 | May 1940
        1940                      | 1940-01-01 | 1940-12-31 | 1940
        1984?                     | 1984-01-01 | 1984-12-31 | 1984 (uncertain)
        2004-06~                  | 2004-06-01 | 2004-06-30 | c. June 2004
        2004-06-11%               | 2004-06-11 | 2004-06-11 | c. June 11, 2004 (uncertain)
        201X                      | 2010-01-01 | 2019-12-31 | the 2010s
        19XX                      | 1900-01-01 | 1999-12-31 | the 1900s
        2004-XX                   | 2004-01-01 | 2004-12-31 | some month in 2004
        1937-22                   | 1937-06-01 | 1937-08-31 | summer 1937
        1936-12/1940-08-20        | 1936-12-01 | 1940-08-20 | December 1936 – August 20, 1940
        1985/..                   | 1985-01-01 |            | from 1985 onwards
        ../1985                   |            | 1985-12-31 | until 1985
        /1985                     |            | 1985-12-31 | unknown – 1985
        [1940-05-26,1940-05-27]   | 1940-05-26 | 1940-05-27 | May 26 or 27, 1940
        [1940-05-31,1940-06-01]   | 1940-05-31 | 1940-06-01 | May 31 or June 1, 1940
        [1940-05-26,1940-05-27,1940-05-29] | 1940-05-26 | 1940-05-29 | May 26, 27 or 29, 1940
        [1940-12-31,1941-01-01]   | 1940-12-31 | 1941-01-01 | December 31, 1940 or January 1, 1941
        [1760-01,1760-02]         | 1760-01-01 | 1760-02-29 | January or February 1760
        {1940-05-26,1940-05-27}   | 1940-05-26 | 1940-05-27 | May 26 and 27, 1940
        [1940-05-26?,1940-05-27]  | 1940-05-26 | 1940-05-27 | May 26, 1940 (uncertain) or May 27, 1940
        [1984]                    | 1984-01-01 | 1984-12-31 | 1984
        -0044                     | -0044-01-01 | -0044-12-31 | 45 BCE
        -0044-03-15               | -0044-03-15 | -0044-03-15 | March 15, 45 BCE
        0000                      | 0000-01-01 | 0000-12-31 | 1 BCE
        0001                      | 0001-01-01 | 0001-12-31 | 1
        -0001/0001                | -0001-01-01 | 0001-12-31 | 2 BCE – 1
        -201X                     | -2019-01-01 | -2010-12-31 | some year between 2020 BCE and 2011 BCE
        1937-24                   | 1937-12-01 | 1938-02-28 | winter 1937
        1939-24                   | 1939-12-01 | 1940-02-29 | winter 1939
        Y-12000~                  | -12000-01-01 | -12000-12-31 | c. 12,001 BCE
        2003-22/2003-23           | 2003-06-01 | 2003-11-30 | summer 2003 – autumn 2003
        00XX                      | 0000-01-01 | 0099-12-31 | some year between 1 BCE and 99
        [1940-12-30,1940-12-31]   | 1940-12-30 | 1940-12-31 | December 30 or 31, 1940
        2004-06-11T10:10:10Z      | 2004-06-11 | 2004-06-11 | June 11, 2004, 10:10:10 UTC
        Y999999999                | +999999999-01-01 | +999999999-12-31 | 999,999,999
        Y12345678901234567        | +999999999-12-31 | +999999999-12-31 | 12,345,678,901,234,567
        Y-999999999               | -999999999-01-01 | -999999999-12-31 | 1,000,000,000 BCE
        """)
    void boundsAndRender(String edtf, LocalDate earliest, LocalDate latest, String render) {
        EdtfDate d = Edtf.parse(edtf);
        assertEquals(edtf, d.edtf());
        assertEquals(earliest, d.earliest());
        assertEquals(latest, d.latest());
        assertEquals(render, d.render());
    }

    @Test
    void setOfTwoDaysHasNoExactDay() {
        EdtfDate d = Edtf.parse("[1940-05-26,1940-05-27]");
        assertTrue(d.isSet());
        assertFalse(d.isInterval());
        assertEquals(Optional.empty(), d.exactDay());
        assertEquals(Precision.DAY, d.precision());
    }

    @ParameterizedTest(name = "{0} exact day {1}")
    @CsvSource(delimiter = '|', textBlock = """
        1940-05-24                | 1940-05-24
        2004-06-11%               | 2004-06-11
        1984-06-02?               | 1984-06-02
        2000-02-29                | 2000-02-29
        1940-01-15                | 1940-01-15
        1940-12-31                | 1940-12-31
        1985-04-12T23:20:30+04:30 | 1985-04-12
        -0044-03-15               | -0044-03-15
        1940-05                   |
        1940                      |
        1937-22                   |
        201X                      |
        1985-04-XX                |
        1985-XX-XX                |
        1940-05-24/1940-05-24     |
        [1940-05-24]              |
        {1940-05-24}              |
        1940-05-24/..             |
        """)
    void exactDay(String edtf, LocalDate expected) {
        assertEquals(Optional.ofNullable(expected), Edtf.parse(edtf).exactDay());
    }

    @Test
    void qualifiersKeepExactDayButAreReported() {
        EdtfDate d = Edtf.parse("2004-06-11%");
        assertEquals(Optional.of(LocalDate.of(2004, 6, 11)), d.exactDay());
        assertTrue(d.uncertain());
        assertTrue(d.approximate());
        EdtfDate plain = Edtf.parse("2004-06-11");
        assertFalse(plain.uncertain());
        assertFalse(plain.approximate());
    }

    @Test
    void qualifiersDoNotWidenBounds() {
        EdtfDate q = Edtf.parse("1984-06~");
        EdtfDate p = Edtf.parse("1984-06");
        assertEquals(p.earliest(), q.earliest());
        assertEquals(p.latest(), q.latest());
    }

    @Test
    void qualifiersInsideSetsAndIntervalsAreReported() {
        assertTrue(Edtf.parse("[1667,1668~]").approximate());
        assertFalse(Edtf.parse("[1667,1668~]").uncertain());
        assertTrue(Edtf.parse("{1667?..1670}").uncertain());
        assertTrue(Edtf.parse("../1985%").uncertain());
        assertTrue(Edtf.parse("../1985%").approximate());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        1940-05-24                 | DAY
        1940-05                    | MONTH
        2004-XX                    | MONTH
        1985-04-XX                 | DAY
        1937-22                    | SEASON
        1940                       | YEAR
        Y170000002                 | YEAR
        201X                       | DECADE
        19XX                       | CENTURY
        1936-12/1940-08-20         | MONTH
        1985/..                    | YEAR
        /1985-04-12                | DAY
        1937-22/1940-05-02         | SEASON
        [1940-05-26,1941]          | YEAR
        {1667,1960-06,19XX}        | CENTURY
        """)
    void precision(String edtf, Precision expected) {
        assertEquals(expected, Edtf.parse(edtf).precision());
    }

    @Test
    void yearsBeyondLocalDateAreClamped() {
        EdtfDate big = Edtf.parse("Y1000000000");
        assertEquals(LocalDate.MAX, big.earliest());
        assertEquals(LocalDate.MAX, big.latest());
        EdtfDate small = Edtf.parse("Y-1000000000");
        assertEquals(LocalDate.MIN, small.earliest());
        assertEquals(LocalDate.MIN, small.latest());
        EdtfDate edge = Edtf.parse("Y999999999");
        assertEquals(LocalDate.of(999_999_999, 1, 1), edge.earliest());
        assertEquals(LocalDate.MAX, edge.latest());
        EdtfDate span = Edtf.parse("Y-170000000000/Y170000000000");
        assertEquals(LocalDate.MIN, span.earliest());
        assertEquals(LocalDate.MAX, span.latest());
        assertEquals("170,000,000,001 BCE – 170,000,000,000", span.render());
    }

    @Test
    void leapYears() {
        assertTrue(Edtf.isValid("2000-02-29"));
        assertTrue(Edtf.isValid("1996-02-29"));
        assertTrue(Edtf.isValid("0000-02-29"));
        assertFalse(Edtf.isValid("1900-02-29"));
        assertFalse(Edtf.isValid("2001-02-29"));
        assertEquals(LocalDate.of(2000, 2, 29), Edtf.parse("2000-02").latest());
        assertEquals(LocalDate.of(1900, 2, 28), Edtf.parse("1900-02").latest());
    }

    @Test
    void equalityIsByText() {
        assertEquals(Edtf.parse("1984?"), Edtf.parse("1984?"));
        assertEquals(Edtf.parse("1984?").hashCode(), Edtf.parse("1984?").hashCode());
        assertFalse(Edtf.parse("1984?").equals(Edtf.parse("1984")));
        assertEquals("1936-12/1940-08-20", Edtf.parse("1936-12/1940-08-20").toString());
    }

    @Test
    void isValidHandlesNull() {
        assertFalse(Edtf.isValid(null));
    }
}
