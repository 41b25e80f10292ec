package org.memoria.people.rest;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.UriInfo;

import org.memoria.common.api.QueryParameters;
import org.memoria.people.domain.Person;
import org.memoria.common.validation.Text;

/**
 * The sort order of the people list, which the common {@code QueryParameters} (paging, EDTF bounds, ids) does not
 * convert, read the same way: an invalid value is a 400 problem naming the parameter.
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
            throw QueryParameters.invalid(uri, "sort", Text.quoted(value) + " is not one of " + Arrays.stream(Person.Order.values())
                    .map(o -> o.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }
}
