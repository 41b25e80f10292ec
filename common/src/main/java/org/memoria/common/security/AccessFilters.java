package org.memoria.common.security;

import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.memoria.common.problem.Problems;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * What every request passes before its resource: reads that need a role where anonymous reads are off, and the
 * caller's rate limit (429 with Retry-After). The caller's token is verified here, so a bad token is a 401 on any
 * endpoint, not only where a role is required.
 */
public class AccessFilters {

    @Inject
    CurrentIdentityAssociation identities;
    @Inject
    RequestLimits limits; // application-scoped: filters are made at static init, before runtime configuration

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public Uni<Response> check(ContainerRequestContext request, HttpServerRequest http) {
        return identities.getDeferredIdentity().map(identity -> {
            if (HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod())) {
                limits.checkRead(identity);
            }
            long wait = limits.take(callerKey(identity, http));
            return wait == 0 ? null : Problems.tooManyRequests(request.getUriInfo().getPath(), wait);
        });
    }

    private static String callerKey(SecurityIdentity identity, HttpServerRequest http) {
        if (!identity.isAnonymous()) {
            return "principal:" + identity.getPrincipal().getName();
        }
        var address = http.remoteAddress();
        return "address:" + (address == null ? "unknown" : address.hostAddress());
    }
}
