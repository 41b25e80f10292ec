package org.memoria.gateway.rest;

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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.gateway.events.ChangeEventProjector;

@RolesAllowed(Roles.ADMIN)
@Path("/api/admin/read-model")
@Tag(name = "admin", description = "Operating the read model")
public class AdminApi {

    @Inject
    ChangeEventProjector projector;

    @POST
    @Path("rebuild")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rebuildReadModel", summary = "Rebuild the read model from the topics",
            description = "Replays the three topics from the start into new tables while the current read model keeps "
                    + "serving; once caught up, the new tables replace the old ones in one transaction. Returns at once; "
                    + "GET the same path's parent for progress. Starting while a rebuild runs returns that rebuild.")
    @APIResponse(responseCode = "202", description = "Rebuild started (or already running)")
    public Response rebuild() {
        return Response.accepted(projector.startRebuild()).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "readModelStatus", summary = "The read model's last rebuild and the projector's last poll")
    @APIResponse(responseCode = "200", description = "Status")
    public Status status() {
        return new Status(projector.lastPoll(), projector.lastRebuild());
    }

    public record Status(java.time.Instant lastPoll, ChangeEventProjector.Rebuild lastRebuild) {
    }
}
