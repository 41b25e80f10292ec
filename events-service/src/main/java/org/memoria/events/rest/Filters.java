package org.memoria.events.rest;

import java.time.LocalDate;

import jakarta.ws.rs.core.UriInfo;

import org.memoria.common.api.QueryParameters;

/** The rule joining two filter parameters that {@code EventFilter} leaves to this service: a range in order. */
final class Filters {

    private Filters() {
    }

    /** Refuses a range that ends before it starts. */
    static void range(UriInfo uri, LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw QueryParameters.invalid(uri, "to", "'" + to + "' is before from ('" + from + "')");
        }
    }
}
