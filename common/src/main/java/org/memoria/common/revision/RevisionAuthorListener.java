package org.memoria.common.revision;

import org.hibernate.envers.RevisionListener;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * Names the author of a revision: the {@code X-Archivist} header of the request that made the change (the gateway
 * passes it on), or {@code anonymous}. Memoria has no authentication yet; this records what the client says.
 */
public class RevisionAuthorListener implements RevisionListener {
    public static final String HEADER = "X-Archivist";
    static final String ANONYMOUS = "anonymous";

    @Override
    public void newRevision(Object revisionEntity) {
        ((Revision) revisionEntity).author = currentAuthor();
    }

    static String currentAuthor() {
        var container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return ANONYMOUS;
        }
        try (InstanceHandle<CurrentVertxRequest> request = container.instance(CurrentVertxRequest.class)) {
            var context = request.isAvailable() ? request.get().getCurrent() : null;
            String author = context == null ? null : context.request().getHeader(HEADER);
            if (author == null || author.isBlank()) {
                return ANONYMOUS;
            }
            author = author.strip();
            return author.length() > 200 ? author.substring(0, 200) : author;
        }
    }
}
