package org.memoria.people.rest;

import java.util.stream.Collectors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.people.service.InvalidReferenceException;
import org.memoria.people.service.StillReferencedException;

/** The problems of references between persons, organisations, memberships and relations. */
public class ReferenceProblems {

    /** A membership or relation names a missing entity, or one of the wrong kind: 400 naming each field. */
    @ServerExceptionMapper
    public Response invalid(InvalidReferenceException e, UriInfo uri) {
        String detail = e.errors().stream().map(f -> f.field() + ": " + f.reason()).collect(Collectors.joining("; "));
        return Problems.response(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400, detail,
                uri.getPath(), e.errors()));
    }

    /** A person or organisation that memberships or relations still name: 409 naming them. */
    @ServerExceptionMapper
    public Response referenced(StillReferencedException e, UriInfo uri) {
        return Problems.response(new Problem(Problem.TYPE_BASE + "still-referenced", "Still referenced", 409,
                e.getMessage(), uri.getPath(), null));
    }
}
