package org.memoria.common.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.UriInfo;

import org.memoria.common.edtf.Edtf;
import org.memoria.common.edtf.EdtfDate;
import org.memoria.common.edtf.EdtfParseException;
import org.memoria.common.problem.Problems;

/**
 * Converts query parameters itself: JAX-RS answers a query parameter it cannot convert with a bare 404, where a
 * client needs a 400 problem naming the parameter and the values it accepts.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** null when absent or blank. */
    public static <E extends Enum<E>> E enumValue(UriInfo uri, String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw invalid(uri, name, "'" + value + "' is not one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    /** null when absent or blank. */
    public static UUID uuid(UriInfo uri, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw invalid(uri, name, "'" + value + "' is not a valid UUID");
        }
    }

    /** An ISO day such as 1940-05-24; null when absent or blank. */
    public static LocalDate day(UriInfo uri, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw invalid(uri, name, "'" + value + "' is not an ISO day such as 1940-05-24");
        }
    }

    /** The first day an EDTF date can be (so {@code 1913} starts on 1913-01-01); null when absent. */
    public static LocalDate earliest(UriInfo uri, String name, String value) {
        EdtfDate date = edtf(uri, name, value);
        return date == null ? null : date.earliest();
    }

    /** The last day an EDTF date can be (so {@code 1913} ends on 1913-12-31); null when absent. */
    public static LocalDate latest(UriInfo uri, String name, String value) {
        EdtfDate date = edtf(uri, name, value);
        return date == null ? null : date.latest();
    }

    /** The page number, from 0; 0 when absent. */
    public static int page(UriInfo uri, String value) {
        return integer(uri, "page", value, 0, 0, Integer.MAX_VALUE);
    }

    /** The page size, 1 to {@link Page#MAX_SIZE}; {@link Page#DEFAULT_SIZE} when absent. */
    public static int size(UriInfo uri, String value) {
        return integer(uri, "size", value, Page.DEFAULT_SIZE, 1, Page.MAX_SIZE);
    }

    private static EdtfDate edtf(UriInfo uri, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Edtf.parse(value.strip());
        } catch (EdtfParseException e) {
            throw invalid(uri, name, e.getMessage());
        }
    }

    private static int integer(UriInfo uri, String name, String value, int absent, int min, int max) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw invalid(uri, name, "'" + value + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw invalid(uri, name, max == Integer.MAX_VALUE ? "must be at least " + min
                    : "must be between " + min + " and " + max);
        }
        return n;
    }

    /** A 400 problem naming the parameter and why. */
    public static BadRequestException invalid(UriInfo uri, String name, String reason) {
        return new BadRequestException(Problems.badRequest(uri, name, reason));
    }
}
