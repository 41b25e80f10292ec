package org.memoria.gateway.api;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What a webhook subscriber sends and sees (docs/partners.md, "Webhooks"). */
public final class Webhooks {

    private Webhooks() {
    }

    @Schema(name = "WebhookSubscriptionInput", description = "What to deliver, and where")
    public record SubscriptionInput(
            @Schema(description = "Where deliveries are POSTed: http(s), resolving only to public addresses",
                    required = true, example = "https://partner.example/memoria/webhooks") String url,
            @Schema(description = "The kinds of entity whose changes to deliver; all when absent or empty",
                    example = "[\"PERSON\", \"EVENT\"]") List<String> kinds,
            @Schema(description = "Only entities whose date may fall in this EDTF date or interval (deletions "
                    + "always); all when absent", example = "1937/1940") String during) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "WebhookSubscription", description = "A webhook subscription and where its deliveries stand")
    public record Subscription(
            @Schema(description = "Its id") UUID id,
            @Schema(description = "Where deliveries go") String url,
            @Schema(description = "The kinds delivered (empty: all)") List<String> kinds,
            @Schema(description = "The EDTF date filter, if any") String during,
            @Schema(description = "ACTIVE; PAUSED after its retries ran out (resume it); DISABLED after the receiver "
                    + "answered 410", enumeration = { "ACTIVE", "PAUSED", "DISABLED" }) String state,
            @Schema(description = "Why it is paused or disabled") String stateReason,
            @Schema(description = "The change-feed position of the last change handled (delivered, or not wanted)")
            long deliveredThrough,
            @Schema(description = "Failed attempts at the next change") int failures,
            @Schema(description = "When the next attempt is due") OffsetDateTime nextAttemptAt,
            @Schema(description = "When it was made") OffsetDateTime createdAt,
            @Schema(description = "The signing secret (whsec_ + base64): given once, when the subscription is "
                    + "made, never again; keep it to verify the webhook-signature header") String secret) {

        public Subscription withoutSecret() {
            return new Subscription(id, url, kinds, during, state, stateReason, deliveredThrough, failures,
                    nextAttemptAt, createdAt, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "WebhookAttempt", description = "One attempt to deliver one change")
    public record Attempt(
            @Schema(description = "The webhook-id header: the same on every attempt at the same change")
            String messageId,
            @Schema(description = "The change's position in the change feed") long position,
            @Schema(description = "1 for the first attempt, counting up through the retries") int attempt,
            @Schema(description = "Whether the subscriber asked for it again") boolean redelivery,
            @Schema(description = "When it was made") OffsetDateTime attemptedAt,
            @Schema(description = "The receiver's HTTP status; absent when it did not answer") Integer status,
            @Schema(description = "What went wrong, when it did") String error,
            @Schema(description = "How long it took") int durationMs) {
    }

    @Schema(name = "WebhookPayload", description = "The body of a delivery (Standard Webhooks: type, timestamp, data)")
    public record Payload(
            @Schema(description = "<kind>.<created|updated|deleted>", example = "person.updated") String type,
            @Schema(description = "When the archive applied the change") OffsetDateTime timestamp,
            @Schema(description = "The change") Data data) {
    }

    @Schema(name = "WebhookPayloadData", description = "The change, as the change feed shows it")
    public record Data(
            @Schema(description = "Its position in the change feed") long position,
            @Schema(description = "The feed page that holds it") URI page,
            @Schema(description = "The activity, exactly as on that page") ChangeDiscovery.Activity activity) {
    }
}
