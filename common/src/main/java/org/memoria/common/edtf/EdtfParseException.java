package org.memoria.common.edtf;

/**
 * Thrown by {@link Edtf#parse(String)} for text that is not a supported EDTF value.
 * {@link #position()} is the 0-based index in the input where the problem was found and
 * {@link #reason()} a short English explanation.
 */
public final class EdtfParseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String input;
    private final int position;
    private final String reason;

    public EdtfParseException(String input, int position, String reason) {
        super("Invalid EDTF date '" + excerpt(input) + "' at position " + position + ": " + reason);
        this.input = input;
        this.position = position;
        this.reason = reason;
    }

    /** The input as the message quotes it: at most 60 characters, then an ellipsis. */
    private static String excerpt(String input) {
        if (input == null || input.codePointCount(0, input.length()) <= 60) {
            return input;
        }
        return input.substring(0, input.offsetByCodePoints(0, 60)) + "\u2026";
    }

    /** The rejected text as given (may be {@code null}). */
    public String input() {
        return input;
    }

    /** 0-based index in the input where the problem was found. */
    public int position() {
        return position;
    }

    /** Short English reason, e.g. "month must be 01-12 or a season 21-24". */
    public String reason() {
        return reason;
    }
}
