package org.memoria.sources.rest;

import jakarta.ws.rs.core.UriInfo;

import org.memoria.common.api.QueryParameters;
import org.memoria.common.validation.Text;

/** Filter parameters this service converts itself, so a bad value is a 400 naming the parameter. */
final class Filters {

    private Filters() {
    }

    /** null when absent or blank; an ISO 639 code in lower case otherwise. */
    static String language(UriInfo uri, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.matches("[a-z]{2,3}")) {
            throw QueryParameters.invalid(uri, name, Text.quoted(value) + " is not an ISO 639 language code such as en");
        }
        return value;
    }
}
