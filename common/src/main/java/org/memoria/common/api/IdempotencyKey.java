package org.memoria.common.api;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;

import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;

/**
 * The {@code Idempotency-Key} request header of a create (IETF httpapi draft): a client that retries a POST with the
 * same key gets the entity its first attempt created, not a second one.
 */
public final class IdempotencyKey {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 255;

    private IdempotencyKey() {
    }

    /** The key, if the request has one; 400 for a blank, over-long or non-printable one. */
    public static Optional<String> of(HttpHeaders headers) {
        String key = headers.getHeaderString(HEADER);
        if (key == null) {
            return Optional.empty();
        }
        String k = key.strip();
        if (k.startsWith("\"") && k.endsWith("\"") && k.length() >= 2) {
            k = k.substring(1, k.length() - 1); // the draft's structured-field string form
        }
        if (k.isEmpty() || k.length() > MAX_LENGTH || !k.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            String reason = "must be 1 to " + MAX_LENGTH + " printable ASCII characters, e.g. a UUID";
            throw new WebApplicationException(Problems.response(new Problem(Problem.TYPE_BASE + "validation",
                    "Invalid request", 400, HEADER + ": " + reason, null, List.of(new Problem.FieldError(HEADER, reason)))));
        }
        return Optional.of(k);
    }
}
