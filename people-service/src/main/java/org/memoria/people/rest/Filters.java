package org.memoria.people.rest;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.UriInfo;

import org.memoria.common.api.Page;
import org.memoria.common.edtf.Edtf;
import org.memoria.common.edtf.EdtfDate;
import org.memoria.common.edtf.EdtfParseException;
import org.memoria.common.problem.Problems;
import org.memoria.people.domain.Person;

/**
 * Query parameters the common {@code QueryParameters} does not convert (paging, EDTF bounds, sort orders), read the same
 * way: an invalid value is a 400 problem naming the parameter, never the bare 404 JAX-RS gives for a value it cannot
 * convert.
 */
final class Filters {

    private Filters() {
    }

    /** The page number, from 0; 0 when absent. */
    static int page(UriInfo uri, String value) {
        return integer(uri, "page", value, 0, 0, Integer.MAX_VALUE);
    }

    /** The page size, 1 to {@link Page#MAX_SIZE}; {@link Page#DEFAULT_SIZE} when absent. */
    static int size(UriInfo uri, String value) {
        return integer(uri, "size", value, Page.DEFAULT_SIZE, 1, Page.MAX_SIZE);
    }

    /** The first day an EDTF date can be (so {@code 1913} starts on 1913-01-01); null when absent. */
    static LocalDate earliest(UriInfo uri, String name, String value) {
        EdtfDate date = edtf(uri, name, value);
        return date == null ? null : date.earliest();
    }

    /** The last day an EDTF date can be (so {@code 1913} ends on 1913-12-31); null when absent. */
    static LocalDate latest(UriInfo uri, String name, String value) {
        EdtfDate date = edtf(uri, name, value);
        return date == null ? null : date.latest();
    }

    /** {@code name} (the default) or {@code birth}. */
    static Person.Order order(UriInfo uri, String value) {
        if (value == null || value.isBlank()) {
            return Person.Order.NAME;
        }
        try {
            return Person.Order.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(uri, "sort", "'" + value + "' is not one of " + Arrays.stream(Person.Order.values())
                    .map(o -> o.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }

    static BadRequestException invalid(UriInfo uri, String name, String reason) {
        return new BadRequestException(Problems.badRequest(uri, name, reason));
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
}
