package org.memoria.gateway.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.contract.EntityKind;
import org.memoria.gateway.api.ArchiveViews.Versioned;
import org.memoria.gateway.events.StoredViews;
import org.memoria.gateway.service.ReadModel.Row;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The composed views of people (dossiers), events, sources and claims, kept as documents (docs/decisions/0022): the
 * JSON bytes a read answers, composed by the same queries a live read runs, so a read is one lookup whose bytes go
 * straight to the response.
 *
 * <p><b>Composed on the first read, dropped by the projector.</b> A read that finds no document composes the view in
 * one repeatable-read snapshot and stores it with every entity it read, found or not, and every entity whose incoming
 * links it listed ({@code view_dependency}). The projector, in the transaction that applies a batch of changes,
 * deletes the documents of the changed entities, those that read a changed entity, and those that listed the links
 * into an entity a changed one now links to ({@link #invalidate}). A document composed from a snapshot that a
 * projector transaction has since changed is never stored: every projector transaction moves {@code view_epoch}
 * first, and a read stores its document only if the epoch is still the one its snapshot saw, checked under a share
 * lock on that row, which waits for a projector transaction in flight to end. Either way a read shows what the read
 * model holds. Nothing is composed in the projector's transaction, so writes and propagation do not pay for views
 * nobody reads.
 *
 * <p><b>The ETag is strong</b>: {@code "<version>.<digest>"}, the entity's version (which {@code If-Match} on a write
 * compares) and a digest of the bytes, which changes whenever anything the view shows changes.
 */
@ApplicationScoped
public class ViewDocuments implements StoredViews {

    /** The kinds whose views are documents. */
    public static final Set<EntityKind> KINDS = Set.of(EntityKind.PERSON, EntityKind.EVENT, EntityKind.SOURCE,
            EntityKind.CLAIM);

    /**
     * A view's bytes and its strong ETag (without quotes). Jackson writes it as the JSON it already is (the response
     * writer is chosen by the resource method's declared view type, so it is Jackson's).
     */
    public record Document(String etag, byte[] body) implements JsonSerializable {

        @Override
        public void serialize(JsonGenerator generator, SerializerProvider serializers) throws IOException {
            generator.writeRawValue(new String(body, StandardCharsets.UTF_8));
        }

        @Override
        public void serializeWithType(JsonGenerator generator, SerializerProvider serializers, TypeSerializer type)
                throws IOException {
            serialize(generator, serializers);
        }
    }

    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper mapper;
    @Inject
    DossierQuery dossiers;
    @Inject
    EventQuery events;
    @Inject
    SourceQuery sources;
    @Inject
    ClaimQuery claims;

    private Map<EntityKind, EntityQuery<? extends Versioned>> queries;

    @PostConstruct
    void init() {
        queries = Map.of(EntityKind.PERSON, dossiers, EntityKind.EVENT, events, EntityKind.SOURCE, sources,
                EntityKind.CLAIM, claims);
    }

    /**
     * The view of the entity of this kind with this id: its document, composed and stored now if there is none yet
     * (or composed by {@code live} for a kind not kept as documents); empty if the read model holds no live entity of
     * the kind with the id.
     */
    public Optional<Document> read(EntityKind kind, UUID id, Supplier<Optional<? extends Versioned>> live) {
        EntityQuery<? extends Versioned> query = queries.get(kind);
        if (query == null) {
            return live.get().map(this::document);
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(
                    "select etag, body from view_document where id = ? and kind = ?")) {
                s.setObject(1, id);
                s.setString(2, kind.name());
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        return Optional.of(new Document(rs.getString(1), rs.getBytes(2)));
                    }
                }
            }
            return compose(c, kind, id, query);
        } catch (SQLException e) {
            throw new IllegalStateException("Read model query failed", e);
        }
    }

    /** Composes the view in one snapshot, and stores it unless a projector transaction changed the read model since. */
    private Optional<Document> compose(Connection c, EntityKind kind, UUID id, EntityQuery<? extends Versioned> query)
            throws SQLException {
        c.setAutoCommit(false);
        try {
            long epoch;
            Document document;
            ReadModel.Shown shown;
            long version;
            try (var s = c.createStatement()) {
                s.execute("set transaction isolation level repeatable read");
                try (ResultSet rs = s.executeQuery("select epoch from view_epoch")) {
                    rs.next();
                    epoch = rs.getLong(1);
                }
            }
            ReadModel m = new ReadModel(c, mapper);
            Row row = m.entity(id, kind);
            if (row == null) {
                c.commit();
                return Optional.empty();
            }
            document = document(query.compose(id, row, m));
            shown = m.shown();
            version = row.version();
            c.commit();
            // read committed: the share lock waits for a projector transaction that moved the epoch to end
            try (PreparedStatement s = c.prepareStatement("select epoch from view_epoch for share");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                if (rs.getLong(1) == epoch) {
                    store(c, kind, id, version, document, shown);
                }
            }
            c.commit();
            return Optional.of(document);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static void store(Connection c, EntityKind kind, UUID id, long version, Document document,
            ReadModel.Shown shown) throws SQLException {
        try (PreparedStatement doc = c.prepareStatement("insert into view_document (id, kind, version, etag, body) "
                + "values (?, ?, ?, ?, ?) on conflict (id) do nothing")) {
            doc.setObject(1, id);
            doc.setString(2, kind.name());
            doc.setLong(3, version);
            doc.setString(4, document.etag());
            doc.setBytes(5, document.body());
            if (doc.executeUpdate() == 0) {
                return; // another read stored it meanwhile, from the same state of the read model
            }
        }
        try (PreparedStatement deps = c.prepareStatement("insert into view_dependency (depends_on, links, document_id) "
                + "values (?, ?, ?) on conflict do nothing")) {
            for (UUID read : shown.rows()) {
                if (!read.equals(id)) { // a change of its own entity drops it anyway
                    dependency(deps, read, false, id);
                }
            }
            for (UUID target : shown.listed()) {
                dependency(deps, target, true, id);
            }
            deps.executeBatch();
        }
    }

    /**
     * Drops, on the projector's connection and in its transaction, the documents that the changes to {@code changed}
     * touch: theirs, those that read any of them, and those that list what links to an entity in {@code linked}
     * (what the changed entities now link to). A document that listed a changed entity because it linked there read
     * it, so it is dropped when the entity stops linking there. Moves the epoch first, so that no read stores a
     * document composed before this transaction commits.
     */
    @Override
    public void invalidate(Connection c, Collection<UUID> changed, Collection<UUID> linked) throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("update view_epoch set epoch = epoch + 1")) {
            s.executeUpdate();
        }
        Set<UUID> touched = new LinkedHashSet<>(changed);
        try (PreparedStatement s = c.prepareStatement("select document_id from view_dependency "
                + "where (depends_on = any(?) and not links) or (depends_on = any(?) and links)")) {
            s.setArray(1, c.createArrayOf("uuid", changed.toArray()));
            s.setArray(2, c.createArrayOf("uuid", linked.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    touched.add(rs.getObject(1, UUID.class));
                }
            }
        }
        forget(c, touched);
    }

    /** Drops every document, as after a rebuild swapped in new tables: they were composed from the retired ones. */
    @Override
    public void forgetAll(Connection c) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("update view_epoch set epoch = epoch + 1");
            s.execute("truncate view_document, view_dependency");
        }
    }

    private static void dependency(PreparedStatement deps, UUID on, boolean links, UUID document) throws SQLException {
        deps.setObject(1, on);
        deps.setBoolean(2, links);
        deps.setObject(3, document);
        deps.addBatch();
    }

    private static void forget(Connection c, Collection<UUID> ids) throws SQLException {
        for (String delete : List.of("delete from view_dependency where document_id = any(?)",
                "delete from view_document where id = any(?)")) {
            try (PreparedStatement s = c.prepareStatement(delete)) {
                s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
                s.executeUpdate();
            }
        }
    }

    /** The view's bytes, as the JSON a live read writes, and its strong ETag. */
    private Document document(Versioned view) {
        try {
            byte[] body = mapper.writeValueAsBytes(view);
            return new Document(view.version() + "." + HexFormat.of().formatHex(digest(body), 0, 8), body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A view could not be written as JSON", e);
        }
    }

    private static byte[] digest(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
