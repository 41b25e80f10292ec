package org.memoria.common.edtf;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every example of the Library of Congress EDTF specification for level 0, level 1 and the
 * level 2 sets (plus the level 1 qualified intervals of the earlier draft): parse, round-trip,
 * kind, qualifiers, bounds, precision and rendering. Empty bound cells mean null.
 */
class EdtfSpecExamplesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # edtf                    | kind     | qual | earliest          | latest            | precision | render
        # Level 0: date
        1985-04-12                | DATE     | none | 1985-04-12        | 1985-04-12        | DAY       | April 12, 1985
        1985-04                   | DATE     | none | 1985-04-01        | 1985-04-30        | MONTH     | April 1985
        1985                      | DATE     | none | 1985-01-01        | 1985-12-31        | YEAR      | 1985
        # Level 0: date and time
        1985-04-12T23:20:30       | DATE     | none | 1985-04-12        | 1985-04-12        | DAY       | April 12, 1985, 23:20:30
        1985-04-12T23:20:30Z      | DATE     | none | 1985-04-12        | 1985-04-12        | DAY       | April 12, 1985, 23:20:30 UTC
        1985-04-12T23:20:30-04    | DATE     | none | 1985-04-12        | 1985-04-12        | DAY       | April 12, 1985, 23:20:30 UTC-04
        1985-04-12T23:20:30+04:30 | DATE     | none | 1985-04-12        | 1985-04-12        | DAY       | April 12, 1985, 23:20:30 UTC+04:30
        # Level 0: time interval
        1964/2008                 | INTERVAL | none | 1964-01-01        | 2008-12-31        | YEAR      | 1964 – 2008
        2004-06/2006-08           | INTERVAL | none | 2004-06-01        | 2006-08-31        | MONTH     | June 2004 – August 2006
        2004-02-01/2005-02-08     | INTERVAL | none | 2004-02-01        | 2005-02-08        | DAY       | February 1, 2004 – February 8, 2005
        2004-02-01/2005-02        | INTERVAL | none | 2004-02-01        | 2005-02-28        | MONTH     | February 1, 2004 – February 2005
        2004-02-01/2005           | INTERVAL | none | 2004-02-01        | 2005-12-31        | YEAR      | February 1, 2004 – 2005
        2005/2006-02              | INTERVAL | none | 2005-01-01        | 2006-02-28        | YEAR      | 2005 – February 2006
        # Level 1: letter-prefixed calendar year
        Y170000002                | DATE     | none | +170000002-01-01  | +170000002-12-31  | YEAR      | 170,000,002
        Y-170000002               | DATE     | none | -170000002-01-01  | -170000002-12-31  | YEAR      | 170,000,003 BCE
        # Level 1: seasons
        2001-21                   | DATE     | none | 2001-03-01        | 2001-05-31        | SEASON    | spring 2001
        2001-22                   | DATE     | none | 2001-06-01        | 2001-08-31        | SEASON    | summer 2001
        2001-23                   | DATE     | none | 2001-09-01        | 2001-11-30        | SEASON    | autumn 2001
        2001-24                   | DATE     | none | 2001-12-01        | 2002-02-28        | SEASON    | winter 2001
        # Level 1: qualification of a date (complete)
        1984?                     | DATE     | u    | 1984-01-01        | 1984-12-31        | YEAR      | 1984 (uncertain)
        2004-06~                  | DATE     | a    | 2004-06-01        | 2004-06-30        | MONTH     | c. June 2004
        2004-06-11%               | DATE     | ua   | 2004-06-11        | 2004-06-11        | DAY       | c. June 11, 2004 (uncertain)
        # Level 1: unspecified digits from the right
        201X                      | DATE     | none | 2010-01-01        | 2019-12-31        | DECADE    | the 2010s
        20XX                      | DATE     | none | 2000-01-01        | 2099-12-31        | CENTURY   | the 2000s
        2004-XX                   | DATE     | none | 2004-01-01        | 2004-12-31        | MONTH     | some month in 2004
        1985-04-XX                | DATE     | none | 1985-04-01        | 1985-04-30        | DAY       | some day in April 1985
        1985-XX-XX                | DATE     | none | 1985-01-01        | 1985-12-31        | DAY       | some day in 1985
        # Level 1: extended interval
        1985-04-12/..             | INTERVAL | none | 1985-04-12        |                   | DAY       | from April 12, 1985 onwards
        1985-04/..                | INTERVAL | none | 1985-04-01        |                   | MONTH     | from April 1985 onwards
        1985/..                   | INTERVAL | none | 1985-01-01        |                   | YEAR      | from 1985 onwards
        ../1985-04-12             | INTERVAL | none |                   | 1985-04-12        | DAY       | until April 12, 1985
        ../1985-04                | INTERVAL | none |                   | 1985-04-30        | MONTH     | until April 1985
        ../1985                   | INTERVAL | none |                   | 1985-12-31        | YEAR      | until 1985
        1985-04-12/               | INTERVAL | none | 1985-04-12        |                   | DAY       | April 12, 1985 – unknown
        1985-04/                  | INTERVAL | none | 1985-04-01        |                   | MONTH     | April 1985 – unknown
        1985/                     | INTERVAL | none | 1985-01-01        |                   | YEAR      | 1985 – unknown
        /1985-04-12               | INTERVAL | none |                   | 1985-04-12        | DAY       | unknown – April 12, 1985
        /1985-04                  | INTERVAL | none |                   | 1985-04-30        | MONTH     | unknown – April 1985
        /1985                     | INTERVAL | none |                   | 1985-12-31        | YEAR      | unknown – 1985
        # Level 1: qualified interval ends (2012 draft examples)
        1984~/2004-06             | INTERVAL | a    | 1984-01-01        | 2004-06-30        | YEAR      | c. 1984 – June 2004
        1984/2004-06~             | INTERVAL | a    | 1984-01-01        | 2004-06-30        | YEAR      | 1984 – c. June 2004
        1984~/2004~               | INTERVAL | a    | 1984-01-01        | 2004-12-31        | YEAR      | c. 1984 – c. 2004
        1984?/2004%               | INTERVAL | ua   | 1984-01-01        | 2004-12-31        | YEAR      | 1984 (uncertain) – c. 2004 (uncertain)
        1984-06?/2004-08?         | INTERVAL | u    | 1984-06-01        | 2004-08-31        | MONTH     | June 1984 (uncertain) – August 2004 (uncertain)
        1984-06-02?/2004-08-08~   | INTERVAL | ua   | 1984-06-02        | 2004-08-08        | DAY       | June 2, 1984 (uncertain) – c. August 8, 2004
        1984-06-02?/..            | INTERVAL | u    | 1984-06-02        |                   | DAY       | from June 2, 1984 (uncertain) onwards
        # Level 1: negative calendar year (-1985 is 1986 BCE; year 0 is 1 BCE)
        -1985                     | DATE     | none | -1985-01-01       | -1985-12-31       | YEAR      | 1986 BCE
        # Level 2: set representation, one of
        [1667,1668,1670..1672]    | SET      | none | 1667-01-01        | 1672-12-31        | YEAR      | 1667, 1668 or 1670 to 1672
        [..1760-12-03]            | SET      | none |                   | 1760-12-03        | DAY       | December 3, 1760 or earlier
        [1760-12..]               | SET      | none | 1760-12-01        |                   | MONTH     | December 1760 or later
        [1760-01,1760-02,1760-12..] | SET    | none | 1760-01-01        |                   | MONTH     | January 1760, February 1760 or December 1760 or later
        [1667,1760-12]            | SET      | none | 1667-01-01        | 1760-12-31        | YEAR      | 1667 or December 1760
        [..1984]                  | SET      | none |                   | 1984-12-31        | YEAR      | 1984 or earlier
        # Level 2: set representation, all members
        {1667,1668,1670..1672}    | SET      | none | 1667-01-01        | 1672-12-31        | YEAR      | 1667, 1668 and 1670 to 1672
        {1960,1961-12}            | SET      | none | 1960-01-01        | 1961-12-31        | YEAR      | 1960 and December 1961
        {..1984}                  | SET      | none |                   | 1984-12-31        | YEAR      | 1984 and earlier
        """)
    void specExample(String edtf, String kind, String qual, LocalDate earliest, LocalDate latest,
                     Precision precision, String render) {
        assertTrue(Edtf.isValid(edtf), "isValid");
        EdtfDate d = Edtf.parse(edtf);
        assertAll(
            () -> assertEquals(edtf, d.edtf(), "round-trip"),
            () -> assertEquals(edtf, Edtf.parse(d.edtf()).edtf(), "re-parse"),
            () -> assertEquals(kind.equals("INTERVAL"), d.isInterval(), "isInterval"),
            () -> assertEquals(kind.equals("SET"), d.isSet(), "isSet"),
            () -> assertEquals(qual.contains("u"), d.uncertain(), "uncertain"),
            () -> assertEquals(qual.contains("a"), d.approximate(), "approximate"),
            () -> assertEquals(earliest, d.earliest(), "earliest"),
            () -> assertEquals(latest, d.latest(), "latest"),
            () -> assertEquals(precision, d.precision(), "precision"),
            () -> assertEquals(render, d.render(), "render"));
    }
}
