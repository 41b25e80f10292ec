package org.memoria.gateway.api;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The change feed's documents, as the IIIF Change Discovery API 1.0 defines them on ActivityStreams 2.0: an
 * {@code OrderedCollection} of every change, split into {@code OrderedCollectionPage}s of activities, oldest first.
 */
public final class ChangeDiscovery {

    /** The JSON-LD context of IIIF Change Discovery 1.0 (a name: nothing is fetched from it). */
    public static final String CONTEXT = "http://iiif.io/api/discovery/1/context.json";
    /** The media type the feed is served as, with the IIIF profile. */
    public static final String MEDIA_TYPE = "application/ld+json;profile=\"" + CONTEXT + "\"";

    private ChangeDiscovery() {
    }

    @Schema(name = "ChangeLink", description = "A link to another document of the feed")
    public record Ref(@Schema(description = "Its URL") URI id,
            @Schema(description = "OrderedCollection or OrderedCollectionPage") String type) {
    }

    @JsonPropertyOrder({ "@context", "id", "type", "totalItems", "first", "last" })
    @Schema(name = "ChangeCollection", description = "The whole change feed: how many changes it holds and where its "
            + "first and last pages are")
    public record Collection(
            @JsonProperty("@context") @Schema(description = "IIIF Change Discovery 1.0", example = CONTEXT) String context,
            @Schema(description = "This document's URL") URI id,
            @Schema(description = "Always OrderedCollection", example = "OrderedCollection") String type,
            @Schema(description = "How many changes the feed holds", example = "412") long totalItems,
            @Schema(description = "The page of the oldest changes") Ref first,
            @Schema(description = "The page of the newest changes; the only one that still grows") Ref last) {
    }

    @JsonPropertyOrder({ "@context", "id", "type", "partOf", "startIndex", "prev", "next", "orderedItems" })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ChangePage", description = "A page of the change feed: its activities oldest first. A page that "
            + "has a next page is full and never changes again")
    public record Page(
            @JsonProperty("@context") @Schema(description = "IIIF Change Discovery 1.0", example = CONTEXT) String context,
            @Schema(description = "This page's URL") URI id,
            @Schema(description = "Always OrderedCollectionPage", example = "OrderedCollectionPage") String type,
            @Schema(description = "The feed this page belongs to") Ref partOf,
            @Schema(description = "The position in the feed of this page's first slot (0-based)", example = "100")
            long startIndex,
            @Schema(description = "The page of older changes; absent on the first page") Ref prev,
            @Schema(description = "The page of newer changes; absent on the last page") Ref next,
            @Schema(description = "The changes, oldest first") List<Activity> orderedItems) {
    }

    @JsonPropertyOrder({ "type", "object", "startTime", "endTime" })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ChangeActivity", description = "One change to one entity")
    public record Activity(
            @Schema(description = "Create (the entity's first activity in the feed, or its first after a deletion), Update, or Delete (it is gone; the deletion "
                    + "stays in the feed for good)", enumeration = { "Create", "Update", "Delete" }) String type,
            @Schema(description = "The entity changed") ChangedObject object,
            @Schema(description = "When the owning service made the change", type = SchemaType.STRING,
                    format = "date-time") OffsetDateTime startTime,
            @Schema(description = "When the archive applied the change; never decreases along the feed",
                    type = SchemaType.STRING, format = "date-time") OffsetDateTime endTime) {
    }

    @JsonPropertyOrder({ "id", "type", "version" })
    @Schema(name = "ChangedObject", description = "The entity an activity changed")
    public record ChangedObject(
            @Schema(description = "Its URL in the archive API (after a Delete, it answers 404)") URI id,
            @Schema(description = "Its kind", enumeration = { "Person", "Organisation", "Membership", "Relation",
                    "Event", "Place", "Source", "Citation", "Claim" }) String type,
            @Schema(description = "Its version after the change: the ETag its URL answered with then", example = "3")
            long version) {
    }
}
