package org.memoria.common.api;

/**
 * What a client sees of an owned entity carries its version, which is also its ETag ({@link Responses#etag}). A view
 * record with a {@code long version} component implements this without a line of code.
 */
public interface Versioned {
    long version();
}
