package org.memoria.common.vocabulary;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Picks a label by the caller's Accept-Language (RFC 4647 lookup), English when none of theirs is there. */
public final class Languages {

    public static final String DEFAULT = "en";

    private Languages() {
    }

    /** The caller's language ranges, best first; none when the header is absent or malformed. */
    public static List<Locale.LanguageRange> ranges(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > 500) {
            return List.of();
        }
        try {
            return Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /** The tag of {@code texts} that best matches {@code ranges}: the lookup's, else English, else any; null when empty. */
    public static String pick(Map<String, String> texts, List<Locale.LanguageRange> ranges) {
        if (texts == null || texts.isEmpty()) {
            return null;
        }
        if (!ranges.isEmpty()) {
            String tag = Locale.lookupTag(ranges, texts.keySet());
            if (tag != null) {
                // lookupTag answers in lower case; give the key as stored
                for (String key : texts.keySet()) {
                    if (key.equalsIgnoreCase(tag)) {
                        return key;
                    }
                }
            }
        }
        if (texts.containsKey(DEFAULT)) {
            return DEFAULT;
        }
        return texts.keySet().stream().sorted().findFirst().orElse(null);
    }
}
