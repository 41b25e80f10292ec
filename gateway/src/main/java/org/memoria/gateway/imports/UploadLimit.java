package org.memoria.gateway.imports;

import java.util.Locale;
import java.util.OptionalLong;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.memoria.common.http.LargerBodies;
import org.memoria.gateway.api.Imports;
import org.memoria.gateway.config.ImportConfig;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * An NDJSON import upload ({@code POST /api/imports}, {@code application/x-ndjson}) may be up to
 * {@code memoria.imports.max-upload-size}; ImportJobs counts what it reads and refuses more. Every other body, the
 * JSON document form of an import too, keeps the request body limit.
 */
@Singleton
public class UploadLimit implements LargerBodies {

    static final String PATH = "/api/imports";

    @Inject
    ImportConfig config;

    @Override
    public OptionalLong maxBodySize(HttpServerRequest request) {
        String path = request.path();
        if (request.method() != HttpMethod.POST || path == null
                || !(path.equals(PATH) || path.equals(PATH + "/")) || !ndjson(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(config.maxUploadSize().asLongValue());
    }

    private static boolean ndjson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT)
                .equals(Imports.NDJSON);
    }
}
