package org.memoria.common.http;

import java.util.OptionalLong;

import io.vertx.core.http.HttpServerRequest;

/**
 * A route that takes a larger body than {@code memoria.http.max-body-size}: an upload its resource reads as a stream
 * (the gateway's import). {@link RequestLimits} asks every bean of this type about each request before anything reads
 * it. The resource counts what it reads and refuses a body beyond its limit itself, with a problem; for a chunked body
 * Quarkus cuts it off a little further ({@link RequestLimits#BACKSTOP}), with an empty 413, should it not.
 * <p>
 * {@code quarkus.http.limits.max-body-size}, Quarkus's own check for every route, must be at least the largest such
 * limit: it is the outer bound, and {@link RequestLimits} holds every other route to the smaller one.
 */
public interface LargerBodies {

    /** The most bytes this request's body may have, if it is one of this bean's uploads; else empty. */
    OptionalLong maxBodySize(HttpServerRequest request);
}
