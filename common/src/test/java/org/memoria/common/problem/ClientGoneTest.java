package org.memoria.common.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;

/**
 * A client that hangs up while its request is read or answered is no error of the service's: it is logged at DEBUG,
 * not as an unexpected error with a stack trace (under faults, impatient clients flooded the log with thousands).
 */
class ClientGoneTest {

    @Test
    void aClosedConnectionOrAResetStreamIsTheClientGoingAway() {
        assertTrue(ProblemMappers.clientGone(new IOException(new IOException(new HttpClosedException("Connection was closed")))));
        assertTrue(ProblemMappers.clientGone(new IOException(new StreamResetException(8))));
        assertTrue(ProblemMappers.clientGone(new IOException(new ClosedChannelException())));
        assertTrue(ProblemMappers.clientGone(new IOException("Failed to write", new IOException("Connection has been closed"))));
        assertTrue(ProblemMappers.clientGone(new IOException("Connection reset by peer")));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(ProblemMappers.clientGone(new IOException("No space left on device")));
        assertFalse(ProblemMappers.clientGone(new IllegalStateException("boom", new SQLException("bad", "08006"))));
        assertFalse(ProblemMappers.clientGone(new RuntimeException()));
    }
}
