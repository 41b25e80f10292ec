package org.memoria.gateway.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;

/**
 * What the projector must do to the stored composed views (implemented by the service layer's view documents), in
 * the transaction that changes the read model.
 */
public interface StoredViews {

    /**
     * Drops the stored views that the changes to {@code changed} touch, {@code linked} being what the changed entities
     * now link to.
     */
    void invalidate(Connection connection, Collection<UUID> changed, Collection<UUID> linked) throws SQLException;

    /** Drops every stored view, as when a rebuild swaps in new tables. */
    void forgetAll(Connection connection) throws SQLException;
}
