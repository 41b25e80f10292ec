package org.memoria.common.revision;

import org.hibernate.envers.RevisionListener;
import org.memoria.common.security.Caller;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;

/**
 * Names the author of a revision: the subject of the verified token of the request that made the change (the
 * gateway passes the caller's token on to the owner), or {@code anonymous} outside a request.
 */
public class RevisionAuthorListener implements RevisionListener {

    @Override
    public void newRevision(Object revisionEntity) {
        ((Revision) revisionEntity).author = currentAuthor();
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
