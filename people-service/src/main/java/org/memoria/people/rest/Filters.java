package org.memoria.people.rest;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.UriInfo;

import org.memoria.common.problem.Problems;
import org.memoria.people.domain.Person;
import org.memoria.common.validation.Text;

/**
 * Query parameters the common {@code QueryParameters} does not convert (paging, EDTF bounds, sort orders), read the same
 * way: an invalid value is a 400 problem naming the parameter, never the bare 404 JAX-RS gives for a value it cannot
 * convert.
 */
final class Filters {

    private Filters() {
    }

    /** {@code name} (the default) or {@code birth}. */
    static Person.Order order(UriInfo uri, String value) {
        if (value == null || value.isBlank()) {
            return Person.Order.NAME;
        }
        try {
            return Person.Order.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(uri, "sort", Text.quoted(value) + " is not one of " + Arrays.stream(Person.Order.values())
                    .map(o -> o.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }

    static BadRequestException invalid(UriInfo uri, String name, String reason) {
        return new BadRequestException(Problems.badRequest(uri, name, reason));
    }
}
