package org.memoria.common.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import org.memoria.common.edtf.Edtf;
import org.memoria.common.edtf.EdtfDate;
import org.memoria.common.edtf.EdtfParseException;
import org.memoria.common.persistence.EdtfValue;
import org.memoria.common.problem.Problems;
import org.memoria.common.validation.Text;
import org.memoria.common.validation.Uuids;

/**
 * Converts query and path parameters, once for every service: JAX-RS answers a query parameter it cannot convert with
 * a bare 404, where a client needs a 400 problem naming the parameter and the values it accepts. Every method takes
 * the parameter's name and raw value and throws {@link #invalid} for a bad one; {@code uri} only fills in the
 * problem's instance and may be null.
 */
public final class QueryParameters {

    /** The longest free-text filter ({@code name}, {@code q}) a list accepts. */
    public static final int MAX_TEXT_LENGTH = 200;

    private QueryParameters() {
    }

    /**
     * Refuses a request whose query or path parameters (names or values) hold text that cannot be stored (see
     * {@link Text}); applied to every request by {@link ParameterChecks}.
     */
    public static void requireStorable(UriInfo uri) {
        requireStorable(uri, uri.getQueryParameters());
        requireStorable(uri, uri.getPathParameters());
    }

    private static void requireStorable(UriInfo uri, MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            String nameProblem = Text.problem(p.getKey());
            if (nameProblem != null) {
                throw invalid(uri, Text.excerpt(p.getKey()), "the parameter's name " + nameProblem);
            }
            for (String value : p.getValue()) {
                String problem = Text.problem(value);
                if (problem != null) {
                    throw invalid(uri, p.getKey(), problem);
                }
            }
        }
    }

    /** Free text, stripped; null when absent or blank; at most {@link #MAX_TEXT_LENGTH} characters. */
    public static String text(UriInfo uri, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String problem = Text.problem(value);
        if (problem != null) {
            throw invalid(uri, name, problem);
        }
        if (value.length() > MAX_TEXT_LENGTH) {
            throw invalid(uri, name, "must be at most " + MAX_TEXT_LENGTH + " characters");
        }
        return value.strip();
    }

    /** null when absent or blank. */
    /** A code of a managed vocabulary as given (its shape checked); the owner matches it in any case. */
    public static String termCode(UriInfo uri, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String problem = org.memoria.common.vocabulary.Vocabularies.shapeProblem(value);
        if (problem != null) {
            throw invalid(uri, name, problem);
        }
        return value;
    }

    public static <E extends Enum<E>> E enumValue(UriInfo uri, String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw invalid(uri, name, Text.quoted(value) + " is not one of " + Arrays.stream(type.getEnumConstants())
                .map(Enum::name).collect(Collectors.joining(", ")));
    }

    /** A UUID in canonical form ({@link Uuids}); null when absent or blank. */
    public static UUID uuid(UriInfo uri, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return requiredUuid(uri, name, value);
    }

    /** A UUID in canonical form ({@link Uuids}), e.g. an id in a path; blank is refused too. */
    public static UUID requiredUuid(UriInfo uri, String name, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(uri, name, "must not be blank: a UUID is expected");
        }
        UUID id = Uuids.parse(value);
        if (id == null) {
            throw invalid(uri, name, Text.quoted(value) + " " + Uuids.REASON);
        }
        return id;
    }

    /**
     * An ISO day such as 1940-05-24; null when absent or blank. A day beyond what the archive can store (see
     * {@link EdtfValue#clamp}) is moved to the end of that range, where it selects the same.
     */
    public static LocalDate day(UriInfo uri, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return EdtfValue.clamp(LocalDate.parse(value.strip()));
        } catch (DateTimeParseException e) {
            throw invalid(uri, name, Text.quoted(value) + " is not an ISO day such as 1940-05-24");
        }
    }

    /** The first day an EDTF date can be (so {@code 1913} starts on 1913-01-01); null when absent. */
    public static LocalDate earliest(UriInfo uri, String name, String value) {
        EdtfDate date = edtf(uri, name, value);
        return date == null ? null : EdtfValue.clamp(date.earliest());
    }

    /** The last day an EDTF date can be (so {@code 1913} ends on 1913-12-31); null when absent. */
    public static LocalDate latest(UriInfo uri, String name, String value) {
        EdtfDate date = edtf(uri, name, value);
        return date == null ? null : EdtfValue.clamp(date.latest());
    }

    /** The page number, from 0 to {@link Page#MAX_PAGE}; 0 when absent. */
    public static int page(UriInfo uri, String value) {
        return integer(uri, "page", value, 0, 0, Page.MAX_PAGE);
    }

    /** The page size, 1 to {@link Page#MAX_SIZE}; {@link Page#DEFAULT_SIZE} when absent. */
    public static int size(UriInfo uri, String value) {
        return integer(uri, "size", value, Page.DEFAULT_SIZE, 1, Page.MAX_SIZE);
    }

    /** A whole number from {@code min} to {@code max}; {@code absent} when absent or blank. */
    public static int integer(UriInfo uri, String name, String value, int absent, int min, int max) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        long n;
        try {
            n = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw invalid(uri, name, Text.quoted(value) + " is not a whole number");
        }
        if (n < min || n > max) {
            throw invalid(uri, name, "must be between " + min + " and " + max);
        }
        return (int) n;
    }

    private static EdtfDate edtf(UriInfo uri, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > EdtfValue.MAX_LENGTH) {
            throw invalid(uri, name, "must be at most " + EdtfValue.MAX_LENGTH + " characters");
        }
        try {
            return Edtf.parse(value.strip());
        } catch (EdtfParseException e) {
            throw invalid(uri, name, e.getMessage());
        }
    }

    /** A 400 problem naming the parameter and why. */
    public static BadRequestException invalid(UriInfo uri, String name, String reason) {
        return new BadRequestException(Problems.badRequest(uri, name, reason));
    }
}
