package org.memoria.common.edtf;

/**
 * Entry point: parses Extended Date/Time Format (EDTF, ISO 8601-2) strings.
 * See {@code package-info.java} for what is supported and the conventions used.
 */
public final class Edtf {

    private Edtf() {
    }

    /**
     * Parses an EDTF string.
     *
     * @throws EdtfParseException if the text is null, empty, malformed or uses an unsupported feature
     */
    public static EdtfDate parse(String text) {
        if (text == null) {
            throw new EdtfParseException(null, 0, "input is null");
        }
        try {
            return new Parser(text).parse();
        } catch (Parser.Failure f) {
            throw new EdtfParseException(text, f.position, f.reason);
        }
    }

    /** Whether {@link #parse(String)} would accept the text; never throws. */
    public static boolean isValid(String text) {
        if (text == null) {
            return false;
        }
        try {
            new Parser(text).parse();
            return true;
        } catch (Parser.Failure f) {
            return false;
        }
    }
}
