package org.memoria.gateway.service;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads one composed view in one consistent snapshot of the read model, so that a view never mixes two states of
 * it (a person and their organisation renamed by one projected batch show both old or both new names). The views
 * have a pool of their own ({@code quarkus.datasource.views}) whose connections are repeatable-read and read-only
 * once, when they are opened: a read costs the view's own queries, pgjdbc sends its {@code BEGIN READ ONLY} with the
 * first of them, and one commit. A read never calls an owning service.
 */
@ApplicationScoped
public class Snapshot {

    @Inject
    @io.quarkus.agroal.DataSource("views")
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
            T result = work.run(connection, new ReadModel(connection, mapper));
            connection.commit();
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("Read model query failed", e);
        }
    }
}
