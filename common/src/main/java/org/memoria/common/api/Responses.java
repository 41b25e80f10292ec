package org.memoria.common.api;

import java.util.UUID;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The answers every owner gives to writes and reads: the entity, its version as a strong ETag, its location. */
public final class Responses {

    private Responses() {
    }

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    public static Response ok(Object body, long version) {
        return Response.ok(body).tag(etag(version)).build();
    }

    public static Response created(UriInfo uri, UUID id, Object body, long version) {
        var location = uri.getRequestUri().getPath().endsWith(id.toString())
                ? uri.getRequestUri()
                : uri.getAbsolutePathBuilder().path(id.toString()).build();
        return Response.created(location).entity(body).tag(etag(version)).build();
    }
}
