package org.memoria.common.revision;

import org.hibernate.envers.RevisionListener;
import org.memoria.common.security.Caller;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;

/**
 * Names the author of a revision: the subject of the verified token of the request that made the change (the
 * gateway passes the caller's token on to the owner), or {@code anonymous} outside a request; and the bulk import it
 * belongs to, which the gateway's import worker names in the {@code Memoria-Import} header of its writes.
 */
public class RevisionAuthorListener implements RevisionListener {

    @Override
    public void newRevision(Object revisionEntity) {
        Revision revision = (Revision) revisionEntity;
        revision.author = currentAuthor();
        revision.importId = currentImport();
    }

    /** The import the request says it writes for ({@code Memoria-Import}, a UUID); null for any other write. */
    static java.util.UUID currentImport() {
        var container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return null;
        }
        try (InstanceHandle<io.vertx.core.http.HttpServerRequest> request = container
                .instance(io.vertx.core.http.HttpServerRequest.class)) {
            String value = request.isAvailable() ? request.get().getHeader(org.memoria.common.api.Batch.IMPORT_HEADER)
                    : null;
            return value == null ? null : java.util.UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null; // not an import's id: the revision names none
        }
    }

    static String currentAuthor() {
        var container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return Caller.ANONYMOUS;
        }
        try (InstanceHandle<Caller> caller = container.instance(Caller.class)) {
            return caller.isAvailable() ? caller.get().subject() : Caller.ANONYMOUS;
        }
    }
}
