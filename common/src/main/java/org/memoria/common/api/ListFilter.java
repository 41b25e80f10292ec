package org.memoria.common.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.UriInfo;

import org.memoria.common.validation.Text;

/**
 * The query parameters of one collection's list, said once for the owner that serves the list and the gateway that
 * routes it. {@link #check} converts each as the owner does, so that the gateway answers a bad one with the owner's
 * 400 itself: no hop to the owner, and the same answer while the owner is down. Rules that join two parameters (a
 * range that ends before it starts) stay with the owner.
 */
public interface ListFilter {

    /** Converts every parameter given; a 400 problem naming the first that is not valid. */
    void check(UriInfo uri);

    /**
     * One of {@code allowed} (given in any case), the first when absent; a 400 problem listing them otherwise.
     * {@code allowed} are lower case; the first is the default.
     */
    static String oneOf(UriInfo uri, String name, String value, String... allowed) {
        if (value == null || value.isBlank()) {
            return allowed[0];
        }
        String given = value.strip().toLowerCase(Locale.ROOT);
        if (Arrays.asList(allowed).contains(given)) {
            return given;
        }
        throw QueryParameters.invalid(uri, name, Text.quoted(value) + " is not one of "
                + Arrays.stream(allowed).collect(Collectors.joining(", ")));
    }
}
