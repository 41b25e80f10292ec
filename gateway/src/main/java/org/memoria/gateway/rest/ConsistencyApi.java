package org.memoria.gateway.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
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
import org.memoria.common.api.Paging;
import org.memoria.gateway.api.ArchiveViews.UnresolvedReference;
import org.memoria.gateway.service.UnresolvedQuery;

@PermitAll
@Path("/api/consistency")
@Tag(name = "consistency", description = "What the archive references but has not seen")
public class ConsistencyApi {

    @Inject
    UnresolvedQuery unresolved;

    @GET
    @Path("unresolved")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "unresolvedReferences", summary = "Unresolved references",
            description = "Every reference from an entity to one the archive has not seen (or that was deleted): an event "
                    + "naming a person not recorded yet, a claim about an unknown event… They are shown in the views with "
                    + "`resolved: false` and resolve as soon as the entity arrives.")
    @APIResponse(responseCode = "200", description = "A page of unresolved references")
    public Page<UnresolvedReference> unresolved(
            @BeanParam Paging paging) {
        return unresolved.page(paging.page(), paging.size());
    }
}
