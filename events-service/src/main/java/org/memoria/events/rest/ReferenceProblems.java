package org.memoria.events.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.events.service.InvalidReferenceException;
import org.memoria.events.service.StillReferencedException;

/** The answers to writes that break a reference inside this service, as RFC 9457 problems. */
public class ReferenceProblems {

    @ServerExceptionMapper
    public Response invalid(InvalidReferenceException e, UriInfo uri) {
        return Problems.response(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400,
                e.getMessage(), uri.getPath(), e.errors()));
    }

    @ServerExceptionMapper
    public Response stillReferenced(StillReferencedException e, UriInfo uri) {
        return Problems.response(new Problem(Problem.TYPE_BASE + "still-referenced", "Still referenced", 409,
                e.getMessage(), uri.getPath(), null));
    }
}
