package org.memoria.events.rest;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.UriInfo;

import org.memoria.common.api.QueryParameters;
import org.memoria.events.domain.EventOrder;
import org.memoria.common.validation.Text;

/** Filter parameters that {@code QueryParameters} does not convert: days and the order of a list. */
final class Filters {

    private Filters() {
    }

    /** Refuses a range that ends before it starts. */
    static void range(UriInfo uri, LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw QueryParameters.invalid(uri, "to", "'" + to + "' is before from ('" + from + "')");
        }
    }

    /** {@code date} (the default) or {@code title}. */
    static EventOrder order(UriInfo uri, String value) {
        if (value == null || value.isBlank()) {
            return EventOrder.DATE;
        }
        return Arrays.stream(EventOrder.values()).filter(o -> o.name().toLowerCase(Locale.ROOT).equals(value.strip()))
                .findFirst().orElseThrow(() -> QueryParameters.invalid(uri, "sort", Text.quoted(value) + " is not one of "
                        + Arrays.stream(EventOrder.values()).map(o -> o.name().toLowerCase(Locale.ROOT))
                                .collect(Collectors.joining(", "))));
    }
}
