package org.memoria.common.api;

import java.net.URI;
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
        return Response.created(location(uri, id)).entity(body).tag(etag(version)).build();
    }

    /** Where the entity created by this request (a POST to its collection, or a PUT to its own URI) is. */
    public static URI location(UriInfo uri, UUID id) {
        return uri.getRequestUri().getPath().endsWith(id.toString())
                ? uri.getRequestUri()
                : uri.getAbsolutePathBuilder().path(id.toString()).build();
    }

    /**
     * Whether the client's most preferred acceptable type is {@code application/ld+json} rather than JSON: a client
     * that accepts anything ({@code *}{@code /*}) or {@code application/json} gets JSON.
     */
    public static boolean prefersLinkedData(jakarta.ws.rs.core.HttpHeaders headers) {
        jakarta.ws.rs.core.MediaType ld = jakarta.ws.rs.core.MediaType.valueOf("application/ld+json");
        for (jakarta.ws.rs.core.MediaType accepted : headers.getAcceptableMediaTypes()) { // most preferred first
            if (accepted.isCompatible(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if (accepted.isCompatible(ld)) {
                return true;
            }
        }
        return false;
    }
}
