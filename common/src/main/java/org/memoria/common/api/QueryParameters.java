package org.memoria.common.api;

import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.UriInfo;

import org.memoria.common.problem.Problems;

/**
 * Converts filter parameters itself: JAX-RS answers a query parameter it cannot convert with a bare 404, where a
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

    private static BadRequestException invalid(UriInfo uri, String name, String reason) {
        return new BadRequestException(Problems.badRequest(uri, name, reason));
    }
}
