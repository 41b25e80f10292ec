package org.memoria.common.validation;

import java.util.UUID;

/**
 * Strict UUID parsing: exactly 36 characters, 8-4-4-4-12 hexadecimal digits (either case) separated by hyphens.
 * {@link UUID#fromString} alone also takes shortened groups ({@code 1-1-1-1-1}), so the same id could be written in
 * many ways; Memoria accepts only the canonical form, in bodies, paths and query parameters alike.
 */
public final class Uuids {

    /** The reason given for a value that is not a UUID. */
    public static final String REASON = "is not a UUID (8-4-4-4-12 hexadecimal digits, e.g. 599d5dc6-a390-3f2e-8484-4b1c1c5c59a4)";

    private Uuids() {
    }

    /** The UUID, or null when the text is not one in canonical form. */
    public static UUID parse(String text) {
        if (text == null || text.length() != 36) {
            return null;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean hyphen = i == 8 || i == 13 || i == 18 || i == 23;
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (hyphen ? c != '-' : !hex) {
                return null;
            }
        }
        return UUID.fromString(text);
    }
}
