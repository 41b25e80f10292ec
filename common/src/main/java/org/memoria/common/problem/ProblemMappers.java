package org.memoria.common.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.memoria.common.json.JsonPaths;
import org.memoria.common.validation.Text;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error leaves a Memoria service as RFC 9457 problem+json naming the field and the reason; never a bare 500
 * for bad input, never an empty body. A problem quotes the input only as a short {@link Text#excerpt excerpt}.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    Validator validator;

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage())).toList();
        return invalid(errors, uri);
    }

    /**
     * A body read in part: the values Jackson rejected, and what Bean Validation finds in the rest, in one answer
     * (a value Jackson rejected is not reported a second time as missing).
     */
    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e, UriInfo uri) {
        return invalid(fieldErrors(validator, e.value(), e.errors()), uri);
    }

    /**
     * The values a body's reading rejected, and what Bean Validation finds in what was read (null: nothing could be
     * read), a field named once.
     */
    public static List<Problem.FieldError> fieldErrors(Validator validator, Object value,
            List<Problem.FieldError> rejected) {
        List<Problem.FieldError> errors = new ArrayList<>(rejected);
        if (value != null) {
            Set<String> named = errors.stream().map(Problem.FieldError::field).collect(Collectors.toSet());
            for (ConstraintViolation<Object> v : validator.validate(value)) {
                String field = beanPath(v.getPropertyPath());
                if (!named.contains(field)) {
                    errors.add(new Problem.FieldError(field, v.getMessage()));
                }
            }
        }
        return errors;
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        return json(e, uri);
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

    /**
     * JAX-RS's own answers (404, 405, 406, 415…) as problems, keeping their headers (Allow); a problem a resource
     * built is passed on, with its instance filled in.
     */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri); // Quarkus wraps what Jackson could not parse
        }
        Response r = e.getResponse();
        if (r.getEntity() instanceof Problem p) {
            return p.instance() != null ? r
                    : Response.fromResponse(r).entity(p.withInstance(uri.getPath())).build();
        }
        int status = r.getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        Problem problem = new Problem(Problem.TYPE_BASE + Problems.slug(status),
                known == null ? "Error" : known.getReasonPhrase(), status, Text.excerpt(e.getMessage(), 200),
                uri.getPath(), null);
        return Response.fromResponse(r).type(Problem.MEDIA_TYPE).entity(problem).build();
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

    /**
     * A constraint whose check failed rather than answered (a vocabulary code checked while the database restarts):
     * what failed decides the answer (503 for an outage), as for any other failure; never the framework's bare 500.
     */
    @ServerExceptionMapper
    public Response validatorFailed(jakarta.validation.ValidationException e, UriInfo uri) {
        return unexpected(e, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (clientGone(e)) {
            // the client closed the connection (gave up, timed out) while its request was read or answered: nothing
            // to answer and nothing wrong here; an impatient client under load must not flood the log
            LOG.debugf("The client of %s went away: %s", uri.getPath(), rootMessage(e));
            return Response.status(400).build();
        }
        if (cutOff(e)) {
            // a chunked body beyond the route's limit (RequestLimits): RESTEasy's request stream has answered 413 and
            // closes the connection; the answer is written, nothing more to say
            LOG.debugf("A body beyond the limit of %s was cut off", uri.getPath());
            return Response.status(413).build();
        }
        String outage = outage(e);
        if (outage != null) {
            // expected while a database restarts: the client may retry; logged once with a count, no stack trace
            OUTAGES.warn(outage, "Answering 503: " + outage + " (" + rootMessage(e) + ")");
            return Response.fromResponse(Problems.response(new Problem(Problem.TYPE_BASE + "unavailable",
                    "Service unavailable", 503, "The " + outage + "; retry shortly", uri.getPath(), null)))
                    .header("Retry-After", "5").build();
        }
        SQLException data = dataException(e);
        if (data != null) {
            // A value the database cannot hold that validation let through: the request is at fault, and nothing was
            // written (the transaction rolled back); the gap in validation is worth a warning.
            LOG.warnf("Input rejected by the database on %s (validation should have caught it): %s", uri.getPath(),
                    data.getMessage());
            return Problems.response(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400,
                    "A value cannot be stored: " + Text.excerpt(data.getMessage(), 200) + "; nothing was written",
                    uri.getPath(), null));
        }
        LOG.errorf(e, "Unexpected error on %s", uri.getPath());
        return Problems.response(new Problem(Problem.TYPE_BASE + "internal", "Internal error", 500,
                "The request could not be completed; nothing was changed", uri.getPath(), null));
    }

    private static final RepeatedFailures OUTAGES = new RepeatedFailures(LOG);

    /** Whether the failure is a chunked body cut off at its limit by RESTEasy Reactive's request stream. */
    public static boolean cutOff(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException && "Request too large".equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the failure is the client's connection closing under the request (read or write). */
    public static boolean clientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof java.nio.channels.ClosedChannelException
                    || t.getClass().getName().equals("io.vertx.core.http.StreamResetException")
                    || t.getClass().getName().equals("io.vertx.core.http.HttpClosedException")
                    || t instanceof java.io.IOException && (message.contains("Connection has been closed")
                            || message.contains("Connection reset by peer") || message.contains("Broken pipe"))) {
                return true;
            }
        }
        return false;
    }

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

    private static Response invalid(List<Problem.FieldError> errors, UriInfo uri) {
        return Problems.response(Problems.invalid(errors, uri.getPath()));
    }

    /** What Jackson could not read, with the field, or the line and column where the document broke. */
    private static Response json(JsonProcessingException e, UriInfo uri) {
        // a parse error inside a value comes wrapped in a mapping exception that knows the field
        StreamReadException read = e instanceof StreamReadException r ? r
                : e.getCause() instanceof StreamReadException r ? r : null;
        String field;
        String reason;
        String message = Text.excerpt(firstLine((read != null ? read : e).getOriginalMessage()), 200);
        if (e instanceof StreamConstraintsException || e.getCause() instanceof StreamConstraintsException) {
            field = JsonPaths.BODY;
            reason = "exceeds what a request may hold: " + message;
        } else if (read != null && message.startsWith("Duplicate field")) {
            field = read.getProcessor() instanceof JsonParser p ? JsonPaths.value(p) : JsonPaths.BODY;
            reason = "appears more than once in the same object";
        } else if (read != null) {
            field = JsonPaths.BODY;
            String in = e instanceof JsonMappingException m && !m.getPath().isEmpty() ? " (in " + path(m) + ")" : "";
            reason = "malformed JSON" + at(read.getLocation()) + in + ": " + message;
        } else if (e instanceof MismatchedInputException m && message.startsWith("Trailing token")) {
            field = JsonPaths.BODY;
            reason = "unexpected content after the JSON document" + at(m.getLocation());
        } else if (e instanceof UnrecognizedPropertyException u) {
            field = path(u);
            reason = "unknown field; allowed: " + u.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
        } else if (e instanceof InvalidFormatException f) {
            Class<?> target = f.getTargetType();
            field = path(f);
            String value = Text.quoted(String.valueOf(f.getValue()));
            reason = target != null && target.isEnum()
                    ? value + " is not one of " + Arrays.stream(target.getEnumConstants()).map(Object::toString)
                            .collect(Collectors.joining(", "))
                    : value + " is not a valid " + (target == null ? "value" : target.getSimpleName());
        } else if (e instanceof JsonMappingException m) {
            field = path(m);
            reason = message;
        } else {
            field = JsonPaths.BODY;
            reason = "malformed JSON" + at(e.getLocation()) + ": " + message;
        }
        return Problems.response(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400,
                field + ": " + reason, uri.getPath(), List.of(new Problem.FieldError(field, reason))));
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static SQLException dataException(Throwable e) {
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return sql; // SQL state class 22: data exception (too long, out of range, invalid byte sequence)
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

    /**
     * A violation's field: {@code names[0].type} for a body field (the method and parameter names dropped),
     * {@code page} for a parameter, {@code (body)} for a missing body.
     */
    static String fieldOf(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        int parameter = -1;
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).getKind() == ElementKind.PARAMETER) {
                parameter = i;
            }
        }
        if (parameter < 0) {
            return beanPath(violation.getPropertyPath());
        }
        if (parameter == nodes.size() - 1) {
            return isBody(violation, nodes) ? JsonPaths.BODY : nodes.get(parameter).getName();
        }
        return beanPath(nodes.subList(parameter + 1, nodes.size()));
    }

    /** {@code names[0].type}: a node inside a list adds its index; container-element nodes ({@code <list element>}) only that. */
    static String beanPath(Iterable<Path.Node> nodes) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : nodes) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR
                    || node.getKind() == ElementKind.CROSS_PARAMETER || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.isInIterable()) {
                Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                sb.append('[').append(position == null ? "" : Text.excerpt(String.valueOf(position))).append(']');
            }
            String name = node.getName();
            if (name != null && !name.startsWith("<")) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(name);
            }
        }
        String path = sb.toString();
        return path.isEmpty() ? JsonPaths.BODY : path;
    }

    /** Whether the violated parameter is the entity (it carries no JAX-RS parameter annotation). */
    private static boolean isBody(ConstraintViolation<?> violation, List<Path.Node> nodes) {
        try {
            Path.MethodNode method = nodes.get(0).as(Path.MethodNode.class);
            Path.ParameterNode parameter = nodes.get(nodes.size() - 1).as(Path.ParameterNode.class);
            Class<?>[] types = method.getParameterTypes().toArray(Class<?>[]::new);
            // the bean may be a generated subclass (an intercepted resource) whose override has no annotations: look
            // at every declaration up the hierarchy
            boolean declared = false;
            for (Class<?> c = violation.getRootBeanClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                Method m;
                try {
                    m = c.getDeclaredMethod(method.getName(), types);
                } catch (NoSuchMethodException e) {
                    continue;
                }
                declared = true;
                for (Annotation a : m.getParameterAnnotations()[parameter.getParameterIndex()]) {
                    String pkg = a.annotationType().getPackageName();
                    if (pkg.startsWith("jakarta.ws.rs") || pkg.startsWith("org.jboss.resteasy.reactive")) {
                        return false;
                    }
                }
            }
            return declared;
        } catch (ClassCastException | IndexOutOfBoundsException e) {
            return false;
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(Text.excerpt(ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? JsonPaths.BODY : sb.toString();
    }
}
