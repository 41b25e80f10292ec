package org.memoria.common.api;

import java.util.Arrays;
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

    /** One of {@code allowed}, exactly, or null when absent; a 400 problem listing them otherwise. */
    static String oneOf(UriInfo uri, String name, String value, String... allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String given = value.strip();
        if (Arrays.asList(allowed).contains(given)) {
            return given;
        }
        throw QueryParameters.invalid(uri, name, Text.quoted(value) + " is not one of "
                + Arrays.stream(allowed).collect(Collectors.joining(", ")));
    }
}
