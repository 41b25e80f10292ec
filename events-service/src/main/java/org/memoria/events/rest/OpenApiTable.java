package org.memoria.events.rest;

import org.memoria.common.rest.OwnedCollection;
import org.memoria.common.rest.OwnedCollectionDocs;

/**
 * How this service's collections name and describe their shared endpoints (OwnedEntityResource), one row each; run
 * at build time as {@code mp.openapi.filter} (application.properties), so the stored document has it too.
 */
public class OpenApiTable extends OwnedCollectionDocs {

    public OpenApiTable() {
        super(OwnedCollection.of("/events", "an", "event")
                .get("With its place's name, type and coordinates when it has a place.")
                .create(null, "placeId must name a place and parentEventId an event of this service; participants' "
                        + "person and organisation ids are not checked (they belong to the people service).")
                .put("A parentEventId that would make the event its own ancestor is refused.")
                .delete("Refused while other events are part of it.",
                        "Other events are part of this one; the problem names them"),
                OwnedCollection.of("/places", "a", "place")
                        .create(null, "parentPlaceId must name a place of this service.")
                        .put("A parentPlaceId that would put the place inside itself is refused.")
                        .delete("Refused while events are at the place or places are inside it.",
                                "Events or places still reference it; the problem names them"));
    }
}
