package org.memoria.common.validation;

/**
 * The text Memoria accepts and how it quotes text back. Every string a client sends (body fields at any depth, path
 * and query parameters) must be text that PostgreSQL, JSON (UTF-8) and XML 1.0 (the OAI-PMH surface) can all hold:
 * no U+0000, no other C0 control character but tab, line feed and carriage return, no unpaired UTF-16 surrogate and no
 * Unicode noncharacter (U+FDD0..U+FDEF and the last two code points of every plane, U+FFFE, U+FFFF, U+1FFFE…).
 * Errors quote what the client sent only as an {@link #excerpt}, never whole.
 */
public final class Text {

    /** How many characters of a rejected value an error quotes. */
    public static final int EXCERPT_LENGTH = 60;

    private Text() {
    }

    /** Why the text cannot be stored, naming the first offending character and its index; null when it can. */
    public static String problem(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(i + 1));
                if (isNoncharacter(cp)) {
                    return "must not contain the noncharacter " + codePoint(cp) + ", found at index " + i;
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain an unpaired surrogate (" + codePoint(c) + "), found at index " + i;
            } else if (c == 0) {
                return "must not contain U+0000 (NUL), found at index " + i;
            } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return "must not contain the control character " + codePoint(c) + ", found at index " + i;
            } else if (isNoncharacter(c)) {
                return "must not contain the noncharacter " + codePoint(c) + ", found at index " + i;
            }
        }
        return null;
    }

    /** Whether every character of the text can be stored (see {@link #problem}). */
    public static boolean storable(String text) {
        return problem(text) == null;
    }

    /**
     * At most {@link #EXCERPT_LENGTH} characters of the text, then an ellipsis; characters that cannot be stored are
     * written as {@code \\uXXXX}, so the excerpt itself is always safe to put in a JSON answer.
     */
    public static String excerpt(String text) {
        return excerpt(text, EXCERPT_LENGTH);
    }

    /** As {@link #excerpt(String)}, with another length. */
    public static String excerpt(String text, int length) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(Math.min(text.length(), length) + 8);
        int taken = 0;
        for (int i = 0; i < text.length(); i++) {
            if (taken == length) {
                return sb.append('…').toString();
            }
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(i + 1));
                if (isNoncharacter(cp)) {
                    sb.append("\\u").append(hex(c)).append("\\u").append(hex(text.charAt(i + 1)));
                } else {
                    sb.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c) || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                    || isNoncharacter(c)) {
                sb.append("\\u").append(hex(c));
            } else {
                sb.append(c);
            }
            taken++;
        }
        return sb.toString();
    }

    /** The text quoted for an error message: {@code 'excerpt'}. */
    public static String quoted(String text) {
        return "'" + excerpt(text) + "'";
    }

    /**
     * Rejects the value with this reason instead of the constraint's message. The reason (which may quote the input)
     * is escaped, so that nothing in it is read as a message parameter or an expression.
     *
     * @return false, for the validator to return
     */
    public static boolean reject(jakarta.validation.ConstraintValidatorContext context, String reason) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(reason.replace("\\", "\\\\").replace("{", "\\{")
                .replace("$", "\\$")).addConstraintViolation();
        return false;
    }

    static boolean isNoncharacter(int cp) {
        return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
    }

    private static String codePoint(int cp) {
        return "U+" + (cp > 0xFFFF ? Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT) : hex((char) cp));
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
