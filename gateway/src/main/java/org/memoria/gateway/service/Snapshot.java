package org.memoria.gateway.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads one composed view in one consistent snapshot of the read model, so that a view never mixes two states of
 * it (a person and their organisation renamed by one projected batch show both old or both new names): one
 * read-only, repeatable-read transaction. pgjdbc sends its {@code BEGIN READ ONLY} with the first statement, which
 * sets the isolation of this transaction only (the projector shares the pool and stays read committed); then the
 * view's own queries, then the commit: two round trips more than the view's queries. A read never calls an owning
 * service.
 */
@ApplicationScoped
public class Snapshot {

    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper mapper;

    /** A read of the read model: runs on one connection, inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection, ReadModel model) throws SQLException;
    }

    <T> T read(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (Statement s = connection.createStatement()) {
                // this transaction's, not the session's: JDBC's setTransactionIsolation would cost a round trip to
                // set it and another for the pool to set it back
                s.execute("set transaction isolation level repeatable read");
            }
            T result = work.run(connection, new ReadModel(connection, mapper));
            connection.commit();
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("Read model query failed", e);
        }
    }
}
