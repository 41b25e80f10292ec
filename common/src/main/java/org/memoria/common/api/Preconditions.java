package org.memoria.common.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;

/**
 * The conditions of a write (RFC 9110 §13): {@code If-Match} with the version the client read (its ETag), or
 * {@code If-None-Match: *} to create only if nothing exists. Changing or deleting an existing entity requires
 * {@code If-Match}, so no update is lost.
 *
 * @param ifMatch        the version in {@code If-Match}, or null
 * @param ifMatchAny     {@code If-Match: *}
 * @param ifNoneMatchAny {@code If-None-Match: *}
 */
public record Preconditions(Long ifMatch, boolean ifMatchAny, boolean ifNoneMatchAny) {

    public static final Preconditions NONE = new Preconditions(null, false, false);

    public static Preconditions of(HttpHeaders headers) {
        String match = headers.getHeaderString(HttpHeaders.IF_MATCH);
        String noneMatch = headers.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        Long version = null;
        boolean any = false;
        if (match != null && !match.isBlank()) {
            String m = match.trim();
            if (m.equals("*")) {
                any = true;
            } else {
                version = parseVersion(m);
            }
        }
        boolean noneAny = noneMatch != null && noneMatch.trim().equals("*");
        if (noneMatch != null && !noneMatch.isBlank() && !noneAny) {
            throw invalid(HttpHeaders.IF_NONE_MATCH, "only '*' is supported (create if absent)");
        }
        return new Preconditions(version, any, noneAny);
    }

    private static long parseVersion(String tag) {
        String t = tag.startsWith("W/") ? tag.substring(2) : tag;
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1);
        }
        int digest = t.indexOf('.');
        if (digest > 0) {
            t = t.substring(0, digest); // a composed view's "<version>.<digest>": the version is what a write checks
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw invalid(HttpHeaders.IF_MATCH, org.memoria.common.validation.Text.quoted(tag) + " is not an ETag this service issued (e.g. \"3\")");
        }
    }

    /** Checks the conditions against an entity that does not exist. */
    public void checkAbsent(String what, Object id) {
        if (ifMatch != null || ifMatchAny) {
            throw failed("No " + what + " with id " + id + " exists, so If-Match cannot match", null);
        }
    }

    /** Checks the conditions against an existing entity at {@code version} that the request would change. */
    public void checkExisting(String what, Object id, long version) {
        if (ifNoneMatchAny) {
            throw failed("A " + what + " with id " + id + " already exists (If-None-Match: *)", version);
        }
        if (ifMatch == null && !ifMatchAny) {
            throw new WebApplicationException(Response.fromResponse(Problems.response(new Problem(
                    Problem.TYPE_BASE + "precondition-required", "Precondition required", 428,
                    "Changing " + what + " " + id + " requires If-Match with its current ETag (\"" + version
                            + "\"): read it, then send the version you read",
                    null, null))).tag(Responses.etag(version)).build());
        }
        if (ifMatch != null && ifMatch != version) {
            throw failed("The " + what + " is at version " + version + ", not " + ifMatch
                    + ": it changed since it was read; read it again and reapply the change", version);
        }
    }

    private static WebApplicationException failed(String detail, Long current) {
        Response.ResponseBuilder r = Response.fromResponse(Problems.response(new Problem(
                Problem.TYPE_BASE + "precondition-failed", "Precondition failed", 412, detail, null, null)));
        if (current != null) {
            r.tag(Responses.etag(current));
        }
        return new WebApplicationException(r.build());
    }

    private static WebApplicationException invalid(String header, String reason) {
        return new WebApplicationException(Problems.response(new Problem(Problem.TYPE_BASE + "validation",
                "Invalid request", 400, header + ": " + reason, null,
                java.util.List.of(new Problem.FieldError(header, reason)))));
    }
}
