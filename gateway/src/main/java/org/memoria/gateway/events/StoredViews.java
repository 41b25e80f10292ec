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
     * Marks the stored views that the changes to {@code changed} touch as to be composed again (none is served until
     * it is), {@code linked} being what the changed entities now link to.
     */
    void mark(Connection connection, Collection<UUID> changed, Collection<UUID> linked) throws SQLException;

    /** Before a rebuild swaps in new tables: no view is stored until the swap's transaction ends. */
    void holdForSwap(Connection connection) throws SQLException;

    /** After a rebuild swapped in new tables: every stored view is dropped and composed again from them. */
    void swapped(Connection connection) throws SQLException;
}
