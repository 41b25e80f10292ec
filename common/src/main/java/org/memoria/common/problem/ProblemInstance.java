package org.memoria.common.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Names the request path as the {@code instance} of every problem built without it (by a parameter converter, or
 * where no UriInfo is at hand). JAX-RS answers a {@code WebApplicationException} that carries an entity as it is,
 * without the exception mappers, so this is done on the way out.
 */
public class ProblemInstance {

    @ServerResponseFilter
    public void instance(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem && problem.instance() == null) {
            response.setEntity(problem.withInstance(request.getUriInfo().getPath()), response.getEntityAnnotations(),
                    response.getMediaType());
        }
    }
}
