package org.memoria.common.persistence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.quarkus.panache.common.Parameters;

/**
 * The where clause of a list's Panache (HQL) query, built from its optional criteria: each condition applies only when
 * its value is given, and binds it as a named parameter. The owners' lists share it, so that every list treats an
 * absent criterion, a text match and a date overlap the same way.
 */
public final class QueryFilter {

    private final List<String> conditions = new ArrayList<>();
    private final Parameters parameters = new Parameters();

    /** The condition (which names {@code :name}) when the value is given. */
    public QueryFilter when(Object value, String condition, String name) {
        if (value != null) {
            conditions.add(condition);
            parameters.and(name, value);
        }
        return this;
    }

    /** {@code path = :name} when the value is given. */
    public QueryFilter equal(String path, String name, Object value) {
        return when(value, path + " = :" + name, name);
    }

    /**
     * The condition (which names {@code :name} in {@code like :name escape '\'} clauses) when the text is given and not
     * blank, bound to a pattern that finds the text anywhere, case-insensitively ({@link #containing}).
     */
    public QueryFilter contains(String text, String condition, String name) {
        return text == null || text.isBlank() ? this : when(containing(text), condition, name);
    }

    /**
     * Whether a date ({@code path} is an {@link EdtfValue}) may fall on some day of [from, to]: an open or unknown end
     * of the date reaches any day on that side; an undated entity matches no date criterion.
     */
    public QueryFilter overlaps(String path, LocalDate from, LocalDate to) {
        when(from, path + ".edtf is not null and (" + path + ".latest is null or " + path + ".latest >= :from)", "from");
        return when(to, path + ".edtf is not null and (" + path + ".earliest is null or " + path + ".earliest <= :to)",
                "to");
    }

    /**
     * Whether one of the entity's subject references (a collection of elements with {@code kind} and
     * {@code subjectId}) names this kind and id, when either is given; {@code prefix} names the parameters.
     */
    public QueryFilter refersTo(String collection, String prefix, Object kind, Object id) {
        if (kind == null && id == null) {
            return this;
        }
        List<String> match = new ArrayList<>();
        if (kind != null) {
            match.add("r.kind = :" + prefix + "Kind");
            parameters.and(prefix + "Kind", kind);
        }
        if (id != null) {
            match.add("r.subjectId = :" + prefix + "Id");
            parameters.and(prefix + "Id", id);
        }
        conditions.add("exists (select 1 from " + collection + " r where " + String.join(" and ", match) + ")");
        return this;
    }

    /** {@code " where …"}, or nothing when no criterion was given. */
    public String where() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    public Parameters parameters() {
        return parameters;
    }

    /** A {@code like} pattern (escape character {@code \}) that finds the text anywhere, in lower case. */
    public static String containing(String text) {
        return "%" + text.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                + "%";
    }
}
