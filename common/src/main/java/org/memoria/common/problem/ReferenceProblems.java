package org.memoria.common.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The answers to writes that break a reference inside an owning service, as RFC 9457 problems, for every owner. */
public class ReferenceProblems {

    /** A write names a missing entity, one of the wrong kind, or one that would close a loop: 400 naming each field. */
    @ServerExceptionMapper
    public Response invalid(InvalidReferenceException e, UriInfo uri) {
        return Problems.response(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400,
                e.getMessage(), uri.getPath(), e.errors()));
    }

    /** A delete of an entity others still reference: 409, the detail naming them. */
    @ServerExceptionMapper
    public Response stillReferenced(StillReferencedException e, UriInfo uri) {
        return Problems.response(new Problem(Problem.TYPE_BASE + "still-referenced", "Still referenced", 409,
                e.getMessage(), uri.getPath(), null));
    }
}
