package org.memoria.common.problem;

import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Building problem responses. */
public final class Problems {

    private Problems() {
    }

    public static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** A 400 naming one field or parameter and why; {@code uri} may be null (the mappers fill the instance in). */
    public static Response badRequest(UriInfo uri, String field, String reason) {
        return response(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400, field + ": " + reason,
                uri == null ? null : uri.getPath(), List.of(new Problem.FieldError(field, reason))));
    }

    /** 400: every rejected field of a request, in field order, the detail naming them all. */
    public static Problem invalid(List<Problem.FieldError> errors, String path) {
        List<Problem.FieldError> sorted = errors.stream()
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field)).toList();
        String detail = sorted.stream().map(f -> f.field() + ": " + f.reason())
                .collect(java.util.stream.Collectors.joining("; "));
        return new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400, detail, path, sorted);
    }

    public static Response notFound(String what, Object id, String path) {
        return response(new Problem(Problem.TYPE_BASE + "not-found", "Not found", 404,
                "No " + what + " with id " + id, path, null));
    }

    /** 429: the caller's rate limit is spent; {@code Retry-After} says when to come back. */
    public static Response tooManyRequests(String path, long retryAfterSeconds) {
        return Response.fromResponse(response(new Problem(Problem.TYPE_BASE + "rate-limited", "Too many requests", 429,
                "The rate limit for this caller is spent; retry after " + retryAfterSeconds + " s", path, null)))
                .header("Retry-After", Long.toString(retryAfterSeconds)).build();
    }

    /** The last part of a problem type for a status without a more specific one. */
    public static String slug(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 411 -> "length-required";
            case 412 -> "precondition-failed";
            case 413 -> "content-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 428 -> "precondition-required";
            case 429 -> "rate-limited";
            case 431 -> "request-header-fields-too-large";
            default -> "http-" + status;
        };
    }
}
