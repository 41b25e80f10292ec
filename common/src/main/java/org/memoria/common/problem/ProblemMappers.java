package org.memoria.common.problem;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** Every error leaves a Memoria service as RFC 9457 problem+json naming the field and the reason; never a bare 500. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.reason()).collect(Collectors.joining("; "));
        return Problems.response(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400, detail,
                uri.getPath(), errors));
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        String field = path(e);
        return Problems.badRequest(uri, field, "unknown field; allowed: " + e.getKnownPropertyIds().stream()
                .map(Object::toString).sorted().collect(Collectors.joining(", ")));
    }

    @ServerExceptionMapper
    public Response invalidValue(InvalidFormatException e, UriInfo uri) {
        Class<?> target = e.getTargetType();
        String reason;
        if (target != null && target.isEnum()) {
            reason = "'" + e.getValue() + "' is not one of " + Arrays.stream(target.getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        } else {
            reason = "'" + e.getValue() + "' is not a valid " + (target == null ? "value" : target.getSimpleName());
        }
        return Problems.badRequest(uri, path(e), reason);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonMappingException e, UriInfo uri) {
        return Problems.badRequest(uri, path(e), e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e, UriInfo uri) {
        return Problems.response(new Problem(Problem.TYPE_BASE + "malformed-json", "Malformed JSON", 400,
                e.getOriginalMessage(), uri.getPath(), null));
    }

    /**
     * A write whose {@code If-Match} held when it was checked but no longer when it was written: another write
     * committed in between. That is a stale precondition, the same 412 as an {@code If-Match} that was already stale.
     */
    @ServerExceptionMapper
    public Response staleVersion(OptimisticLockException e, UriInfo uri) {
        return Problems.response(new Problem(Problem.TYPE_BASE + "precondition-failed", "Precondition failed", 412,
                "The entity was changed by a concurrent request after If-Match was checked; read it again and "
                        + "reapply the change", uri.getPath(), null));
    }

    /** A constraint the database checked (a reference deleted by a concurrent request): nothing was written. */
    @ServerExceptionMapper
    public Response constraint(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        return Problems.response(new Problem(Problem.TYPE_BASE + "conflict", "Conflicting change", 409,
                "The request conflicts with a concurrent change (" + e.getKind() + "); nothing was written: read again "
                        + "and retry", uri.getPath(), null));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        Response r = e.getResponse();
        if (r.hasEntity() && r.getMediaType() != null && r.getMediaType().toString().startsWith(Problem.MEDIA_TYPE)) {
            return r;
        }
        int status = r.getStatus();
        return Problems.response(new Problem(Problem.TYPE_BASE + Problems.slug(status),
                Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase(),
                status, e.getMessage(), uri.getPath(), null));
    }

    /** No token, or one that is expired, tampered with or of another issuer: 401 with the Bearer challenge. */
    @ServerExceptionMapper({ io.quarkus.security.UnauthorizedException.class,
            io.quarkus.security.AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e, UriInfo uri, jakarta.ws.rs.core.HttpHeaders headers) {
        boolean presented = headers.getHeaderString(jakarta.ws.rs.core.HttpHeaders.AUTHORIZATION) != null;
        String detail = presented ? "The bearer token is invalid, expired or not issued for this archive"
                : "This request needs a bearer token (Authorization: Bearer ...)";
        return Response.fromResponse(Problems.response(new Problem(Problem.TYPE_BASE + "unauthorized",
                "Unauthorized", 401, detail, uri.getPath(), null)))
                .header(jakarta.ws.rs.core.HttpHeaders.WWW_AUTHENTICATE, presented
                        ? "Bearer realm=\"memoria\", error=\"invalid_token\"" : "Bearer realm=\"memoria\"")
                .build();
    }

    /** A valid token without the role the operation needs, or a partner changing what it did not create. */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        String detail = e.getMessage() == null || e.getMessage().isBlank()
                ? "The token's roles do not allow this operation" : e.getMessage();
        return Problems.response(new Problem(Problem.TYPE_BASE + "forbidden", "Forbidden", 403, detail,
                uri.getPath(), null));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        String outage = outage(e);
        if (outage != null) {
            // expected while a database restarts: the client may retry; logged once with a count, no stack trace
            OUTAGES.warn(outage, "Answering 503: " + outage + " (" + rootMessage(e) + ")");
            return Response.fromResponse(Problems.response(new Problem(Problem.TYPE_BASE + "unavailable",
                    "Service unavailable", 503, "The " + outage + "; retry shortly", uri.getPath(), null)))
                    .header("Retry-After", "5").build();
        }
        LOG.errorf(e, "Unexpected error on %s", uri.getPath());
        return Problems.response(new Problem(Problem.TYPE_BASE + "internal", "Internal error", 500,
                "The request could not be completed; nothing was changed", uri.getPath(), null));
    }

    private static final RepeatedFailures OUTAGES = new RepeatedFailures(LOG);

    /** What is unavailable, if the failure is a lost or refused database connection; else null. */
    static String outage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.exception.JDBCConnectionException || t instanceof java.net.ConnectException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                            && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))
                    || t.getMessage() != null && t.getMessage().contains("Acquisition timeout")) {
                return "database is unreachable";
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        // "create.input.names[0].type" -> "names[0].type": drop the method and parameter names
        // "names[0].<list element>" (a null element) -> "names[0]"
        String path = violation.getPropertyPath().toString().replaceAll("\\.<[^>]+>", "");
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts.length == 2 ? parts[1] : path;
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "(body)" : sb.toString();
    }
}
