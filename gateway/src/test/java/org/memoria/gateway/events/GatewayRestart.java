package org.memoria.gateway.events;

import java.sql.SQLException;

/** What a gateway does when it starts, and the lock a rebuilding gateway holds, for tests outside this package. */
public final class GatewayRestart {

    /** The session-level advisory lock a gateway holds while it rebuilds the read model. */
    public static final long REBUILD_LOCK = ChangeEventProjector.REBUILD_LOCK;

    private GatewayRestart() {
    }

    /** The startup step that builds the indexes a gateway that stopped after a swap left pending; answers how many. */
    public static int buildPendingIndexes(DeferredIndexes indexes) {
        return indexes.buildLeftovers();
    }

    /** The startup step that abandons a rebuild left running by a gateway that stopped; answers how many. */
    public static int recoverRebuilds(ChangeEventProjector projector) throws SQLException {
        return projector.abandonDeadRebuild();
    }
}
