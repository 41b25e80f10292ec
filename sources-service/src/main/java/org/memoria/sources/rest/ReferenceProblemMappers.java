package org.memoria.sources.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.sources.service.InvalidReferencesException;
import org.memoria.sources.service.StillReferencedException;

/** References between sources, citations and claims, as RFC 9457 problems. */
public class ReferenceProblemMappers {

    /** 400 naming each field whose reference is missing or of the wrong kind. */
    @ServerExceptionMapper
    public Response invalid(InvalidReferencesException e, UriInfo uri) {
        return Problems.response(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400, e.getMessage(),
                uri.getPath(), e.errors()));
    }

    /** 409: the entity is still referred to; the detail names by what. */
    @ServerExceptionMapper
    public Response referenced(StillReferencedException e, UriInfo uri) {
        return Problems.response(new Problem(Problem.TYPE_BASE + "still-referenced", "Still referenced", 409,
                e.getMessage(), uri.getPath(), null));
    }
}
