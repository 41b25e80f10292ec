package org.memoria.gateway.rest;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import org.memoria.common.security.Roles;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.gateway.events.ChangeEventProjector;
import org.memoria.gateway.events.DeferredIndexes;
import org.memoria.gateway.service.ViewComposer;

@RolesAllowed(Roles.ADMIN)
@Path("/api/admin/read-model")
@Tag(name = "admin", description = "Operating the read model")
public class AdminApi {

    @Inject
    ChangeEventProjector projector;
    @Inject
    ViewComposer composer;
    @Inject
    DeferredIndexes indexes;

    @POST
    @Path("rebuild")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rebuildReadModel", summary = "Rebuild the read model from the topics",
            description = "Replays the three topics from the start into new tables while the current read model keeps "
                    + "serving, up to the end of the topics as it stood when the rebuild started; then the projector "
                    + "pauses, the rebuild drains what arrived meanwhile, and the new tables replace the old ones in one "
                    + "transaction, so it ends however fast writes come. Returns at once; GET the same path's parent for "
                    + "progress. One rebuild runs at a time across all gateway replicas: starting while one runs "
                    + "(whichever replica runs it) returns that rebuild.")
    @APIResponse(responseCode = "202", description = "Rebuild started (or already running)")
    public Response rebuild() throws SQLException {
        return Response.accepted(projector.startRebuild()).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "readModelStatus", summary = "The read model's last rebuild, the projector's last poll, the views still to compose",
            description = "The last rebuild is read from the gateway's database: every replica reports the same, and "
                    + "it survives restarts. A rebuild whose gateway stopped before it ended is reported ABANDONED "
                    + "(its partial tables dropped, the read model unchanged); start it again.")
    @APIResponse(responseCode = "200", description = "Status")
    public Status status() throws SQLException {
        return new Status(projector.lastPoll(), projector.lastRebuild(), composer.pending(), indexes.pending());
    }

    public record Status(@Schema(description = "When this replica's projector last heard from the broker") Instant lastPoll,
            @Schema(description = "The latest rebuild; absent if none ever ran") ChangeEventProjector.Rebuild lastRebuild,
            @Schema(description = "Views of people, events, sources and claims that changes touched and the gateway has "
                    + "not composed again yet (across all replicas); reads of them are composed live meanwhile")
            long viewsPending,
            @Schema(description = "Indexes a rebuild builds on the live tables after its swap, not built yet: the "
                    + "trigram index that search reads only while a replica's own search index cannot answer "
                    + "(meanwhile such a search finds similar names by scanning: the same answers, slower). Empty "
                    + "once built") List<String> indexesPending) {
    }
}
