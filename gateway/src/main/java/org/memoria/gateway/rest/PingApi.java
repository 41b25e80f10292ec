package org.memoria.gateway.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The gateway's trivial endpoint: the baseline the benchmark compares every view with. */
@PermitAll
@Path("/api/ping")
@Tag(name = "admin")
public class PingApi {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(operationId = "ping", summary = "Answers pong; touches nothing",
            description = "`pong` in plain text, from the gateway alone (no database, no owner): that the gateway "
                    + "answers, and the baseline the benchmark compares every view with.")
    public String ping() {
        return "pong";
    }
}
