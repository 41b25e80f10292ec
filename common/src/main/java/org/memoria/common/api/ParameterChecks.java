package org.memoria.common.api;

import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every request's query and path parameters are storable text (see {@code Text}), checked once here before any
 * resource reads them: a parameter holding U+0000, an unpaired surrogate or a noncharacter is a 400 naming it.
 */
public class ParameterChecks {

    @ServerRequestFilter
    public void storableParameters(UriInfo uri) {
        QueryParameters.requireStorable(uri);
    }
}
