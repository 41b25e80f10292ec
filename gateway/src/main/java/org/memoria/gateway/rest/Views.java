package org.memoria.gateway.rest;

import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.memoria.common.api.Responses;
import org.memoria.gateway.api.ArchiveViews;
import org.memoria.common.problem.Problems;

/** Answers for composed views: the view with the entity's version as ETag, or a 404 problem. */
final class Views {

    private Views() {
    }

    static Response found(Optional<? extends ArchiveViews.Versioned> view, String what, UUID id, UriInfo uri) {
        return view.map(v -> Responses.ok(v, v.version()))
                .orElseGet(() -> Problems.notFound(what, id, uri.getPath()));
    }
}
