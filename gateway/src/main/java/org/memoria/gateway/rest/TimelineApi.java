package org.memoria.gateway.rest;

import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.api.Page;
import org.memoria.gateway.rest.ArchiveViews.TimelineEntry;
import org.memoria.gateway.service.ArchiveQueries;

@Path("/api/timeline")
@Tag(name = "timeline", description = "Events in date order")
public class TimelineApi {

    @Inject
    ArchiveQueries queries;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "timeline", summary = "Events in date order",
            description = "Ordered by the earliest possible day of each event's EDTF date, then the latest, then title; "
                    + "undated events come last.")
    @APIResponse(responseCode = "200", description = "A page of the timeline")
    public Page<TimelineEntry> timeline(
            @Parameter(description = "Page number, from 0") @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @Parameter(description = "Page size, at most " + Page.MAX_SIZE) @QueryParam("size") @DefaultValue("20")
            @Min(1) @Max(Page.MAX_SIZE) int size) {
        return queries.timeline(page, size);
    }
}
