package org.memoria.people.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The where clause of a list query, built from the filters a client gave, with its named parameters. */
final class Where {
    private final List<String> clauses = new ArrayList<>();
    private final Map<String, Object> parameters = new HashMap<>();

    /** Adds {@code clause} (which uses {@code :parameter}) when {@code value} is given. */
    Where and(String clause, String parameter, Object value) {
        if (value != null) {
            clauses.add(clause);
            parameters.put(parameter, value);
        }
        return this;
    }

    String clause() {
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    Map<String, Object> parameters() {
        return parameters;
    }

    /** A case-insensitive "contains" pattern; null for an absent or blank text. */
    static String contains(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return "%" + text.strip().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
