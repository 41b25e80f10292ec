package org.memoria.gateway.rest;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.api.Paging;
import org.memoria.common.api.QueryParameters;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.common.security.Roles;
import org.memoria.gateway.api.Webhooks.Attempt;
import org.memoria.gateway.api.Webhooks.Subscription;
import org.memoria.gateway.api.Webhooks.SubscriptionInput;
import org.memoria.gateway.webhooks.WebhookSubscriptions;

/** /api/webhooks: subscriptions to the archive's changes, delivered as signed Standard Webhooks. */
@RolesAllowed({ Roles.ARCHIVIST, Roles.PARTNER, Roles.ADMIN })
@Path("/api/webhooks")
@Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
@Tag(name = "webhooks", description = "Be told of every change as it is applied: POSTed to your URL, signed as Standard "
        + "Webhooks specifies, at least once, in order, retried with backoff (docs/partners.md). A partner sees and "
        + "manages its partner id's subscriptions, an admin all, anyone else those it made")
@APIResponse(responseCode = "401", description = "No token, or a token that is not valid",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "A reader's token: subscribing needs archivist, partner or admin",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class WebhooksApi {

    @Inject
    WebhookSubscriptions subscriptions;
    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhookSubscription", summary = "Subscribe to the archive's changes",
            description = "Delivers every change applied from now on (of the kinds asked for, to entities whose date may "
                    + "fall in `during`), as the change feed shows it. The answer carries the signing secret, once.")
    @APIResponse(responseCode = "201", description = "Subscribed; keep the secret",
            content = @Content(schema = @Schema(implementation = Subscription.class)))
    @APIResponse(responseCode = "400", description = "A URL that may not receive webhooks (not http(s), resolving to "
            + "a loopback, private or link-local address), an unknown kind, a date that is not EDTF, or one "
            + "subscription too many; the problem names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(SubscriptionInput input) throws SQLException {
        Subscription made = subscriptions.create(input, uri);
        return Response.created(uri.getAbsolutePathBuilder().path(made.id().toString()).build()).entity(made).build();
    }

    @GET
    @Operation(operationId = "listWebhookSubscriptions", summary = "Your subscriptions",
            description = "The subscriptions the caller manages (a partner: its partner id's; an admin: all; anyone "
                    + "else: those it made), oldest first, each with where its deliveries stand and without its secret.")
    @APIResponse(responseCode = "200", description = "Oldest first; without their secrets",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Subscription.class)))
    public List<Subscription> list() throws SQLException {
        return subscriptions.list();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getWebhookSubscription", summary = "A subscription and where its deliveries stand",
            description = "Its state (active, paused after its retries ran out, or disabled), the feed position "
                    + "delivered through, the failures at the next change and when that is due; 404 for a "
                    + "subscription the caller does not manage.")
    @APIResponse(responseCode = "200", description = "Without its secret",
            content = @Content(schema = @Schema(implementation = Subscription.class)))
    @APIResponse(responseCode = "404", description = "No such subscription of yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) throws SQLException {
        return subscriptions.find(id).map(s -> Response.ok(s).build()).orElseGet(() -> notFound(id));
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteWebhookSubscription", summary = "Unsubscribe",
            description = "Removes the subscription and its delivery log; no further change is delivered to its URL. "
                    + "404 for a subscription the caller does not manage.")
    @APIResponse(responseCode = "204", description = "Deleted, with its delivery log; nothing more is sent")
    @APIResponse(responseCode = "404", description = "No such subscription of yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") UUID id) throws SQLException {
        return subscriptions.delete(id) ? Response.noContent().build() : notFound(id);
    }

    @POST
    @Path("{id}/resume")
    @Operation(operationId = "resumeWebhookSubscription", summary = "Resume a paused subscription",
            description = "Its next delivery is due at once, its failures forgotten. A disabled one (its receiver "
                    + "answered 410) cannot be resumed: subscribe again.")
    @APIResponse(responseCode = "200", description = "Active again",
            content = @Content(schema = @Schema(implementation = Subscription.class)))
    @APIResponse(responseCode = "404", description = "No such subscription of yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "It is disabled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response resume(@PathParam("id") UUID id) throws SQLException {
        var found = subscriptions.find(id);
        if (found.isEmpty()) {
            return notFound(id);
        }
        if (!subscriptions.resume(id)) {
            return Problems.response(new Problem(Problem.TYPE_BASE + "subscription-disabled", "Subscription disabled",
                    409, "Subscription " + id + " is disabled (" + found.get().stateReason() + "); subscribe again",
                    uri.getPath(), null));
        }
        return Response.ok(subscriptions.find(id).orElseThrow()).build();
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "Every delivery attempt, newest first",
            description = "Each with its webhook-id (the same on every attempt at the same change), the change's "
                    + "position in the feed, the receiver's status or what went wrong, and how long it took.")
    @APIResponse(responseCode = "200", description = "A page of attempts",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Attempt.class)))
    @APIResponse(responseCode = "404", description = "No such subscription of yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response deliveries(@PathParam("id") UUID id, @BeanParam Paging paging) throws SQLException {
        return subscriptions.attempts(id, paging.page(), paging.size()).map(a -> Response.ok(a).build())
                .orElseGet(() -> notFound(id));
    }

    @POST
    @Path("{id}/deliveries/{position}/redeliver")
    @Operation(operationId = "redeliverWebhook", summary = "Deliver a change again",
            description = "Sends the change at this feed position once more, with its webhook-id, shortly; the attempt "
                    + "shows among the deliveries. Only a change already delivered (or attempted) can be.")
    @APIResponse(responseCode = "202", description = "It will be sent again")
    @APIResponse(responseCode = "400", description = "The position is not a whole number from 1",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such subscription of yours, or no delivery at that position",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response redeliver(@PathParam("id") UUID id, @Parameter(description = "The change's position in the feed",
            schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1")) @PathParam("position")
            String position) throws SQLException {
        long at;
        try {
            at = Long.parseLong(position);
        } catch (NumberFormatException e) {
            at = 0;
        }
        if (at < 1) {
            throw QueryParameters.invalid(uri, "position", "must be a feed position: a whole number from 1");
        }
        return subscriptions.redeliver(id, at) ? Response.accepted().build()
                : Problems.notFound("webhook delivery", id + " at position " + position, uri.getPath());
    }

    private Response notFound(UUID id) {
        return Problems.notFound("webhook subscription", id, uri.getPath());
    }
}
