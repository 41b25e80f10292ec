package org.memoria.common.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What text and which ids Memoria accepts, and how an error quotes what it refused. */
class TextTest {

    /** Escapes in the table: {@code \\uXXXX} is the UTF-16 code unit, so a lone surrogate can be written. */
    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.startsWith("\\u", i)) {
                sb.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                sb.append(s.charAt(i));
            }
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "''{0}'': {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "ok", textBlock = """
        # text                          | why it cannot be stored (ok: it can)
        Ramón Mercader                  | ok
        "line one\\u000Aline two\\u0009" | ok
        carriage\\u000D                  | ok
        é 中 \\uD835\\uDD04 emoji \\uD83D\\uDE00 | ok
        \\uFFFD replacement character    | ok
        a\\u0000b                        | must not contain U+0000 (NUL), found at index 1
        \\u0007bell                      | must not contain the control character U+0007, found at index 0
        x\\u001Fy                        | must not contain the control character U+001F, found at index 1
        ab\\uD800                        | must not contain an unpaired surrogate (U+D800), found at index 2
        \\uDC00ab                        | must not contain an unpaired surrogate (U+DC00), found at index 0
        \\uDBFF\\uDBFF\\uDC00            | must not contain an unpaired surrogate (U+DBFF), found at index 0
        a\\uFFFF                         | must not contain the noncharacter U+FFFF, found at index 1
        a\\uFFFE                         | must not contain the noncharacter U+FFFE, found at index 1
        \\uFDD0                          | must not contain the noncharacter U+FDD0, found at index 0
        \\uFDEF                          | must not contain the noncharacter U+FDEF, found at index 0
        x\\uD83F\\uDFFE                  | must not contain the noncharacter U+1FFFE, found at index 1
        \\uDBFF\\uDFFF                   | must not contain the noncharacter U+10FFFF, found at index 0
        """)
    void storableText(String text, String problem) {
        assertEquals(problem, Text.problem(unescape(text)));
    }

    @org.junit.jupiter.api.Test
    void anExcerptShowsUnstorableCharactersAsEscapes() {
        assertEquals("short", Text.excerpt("short"));
        assertEquals("a\\u0000b\\uD800c\\uFFFF", Text.excerpt("a\u0000b\uD800c\uFFFF"));
        assertEquals("\uD83D\uDE00x", Text.excerpt("\uD83D\uDE00x"));
    }

    @org.junit.jupiter.api.Test
    void anExcerptOfLongTextIsSixtyCharactersAndAnEllipsis() {
        String tenMegabytes = "x".repeat(10 * 1024 * 1024);
        assertEquals("x".repeat(60) + "…", Text.excerpt(tenMegabytes));
        assertEquals("'" + "x".repeat(60) + "…'", Text.quoted(tenMegabytes));
        // a pair of surrogates counts as one character and is never cut in two
        assertEquals("\uD83D\uDE00".repeat(60) + "…", Text.excerpt("\uD83D\uDE00".repeat(61)));
        assertEquals("\\u0000".repeat(60) + "…", Text.excerpt("\u0000".repeat(100)));
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
        # text                                   | UUID (none: not a canonical UUID)
        599d5dc6-a390-3f2e-8484-4b1c1c5c59a4     | 599d5dc6-a390-3f2e-8484-4b1c1c5c59a4
        599D5DC6-A390-3F2E-8484-4B1C1C5C59A4     | 599d5dc6-a390-3f2e-8484-4b1c1c5c59a4
        1-1-1-1-1                                | none
        599d5dc6-a390-3f2e-8484-4b1c1c5c59a      | none
        599d5dc6-a390-3f2e-8484-4b1c1c5c59a40    | none
        599d5dc6a390-3f2e-8484-4b1c1c5c59a4-     | none
        599d5dc6-a390-3f2e-8484-4b1c1c5c59g4     | none
        599d5dc6-a390-3f2e-8484-4b1c1c5c５９a4   | none
        AAAAAAAAAAAAAAAAAAAAAA==                 | none
        ''                                       | none
        """)
    void strictUuids(String text, String uuid) {
        assertEquals(uuid == null ? null : UUID.fromString(uuid), Uuids.parse(text));
    }

    @org.junit.jupiter.api.Test
    void nullIsNoProblem() {
        assertNull(Text.problem(null));
        assertNull(Uuids.parse(null));
    }
}
