package org.memoria.people.rest;

import org.memoria.common.rest.OwnedCollection;
import org.memoria.common.rest.OwnedCollectionDocs;

/**
 * How this service's collections name and describe their shared endpoints (OwnedEntityResource), one row each; run
 * at build time as {@code mp.openapi.filter} (application.properties), so the stored document has it too.
 */
public class OpenApiTable extends OwnedCollectionDocs {

    public OpenApiTable() {
        super(OwnedCollection.of("/people", "a", "person")
                .create(null, "Place ids name places of the events service and are not checked (the place may be "
                        + "recorded later). Authority identifiers are checked by format.")
                .delete("A person that memberships or relations still name is kept: delete or change those first.",
                        "Memberships or relations still name the person; the problem lists them"),
                OwnedCollection.of("/organisations", "an", "organisation")
                        .create(null, "Authority identifiers are checked by format.")
                        .delete("An organisation that memberships still name is kept: delete or change those first.",
                                "Memberships still name the organisation; the problem lists them"),
                OwnedCollection.of("/memberships", "a", "membership")
                        .create(null, "`personId` must name a person and `organisationId` an organisation of this "
                                + "service; `sourceId` (sources service) is not checked."),
                OwnedCollection.of("/relations", "a", "relation")
                        .create(null, "\"fromPersonId is {type} of toPersonId\": both must be persons of this service, "
                                + "and not the same one; `sourceId` (sources service) is not checked."));
    }
}
