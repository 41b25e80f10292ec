package org.memoria.gateway.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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

import org.jboss.logging.Logger;
import org.memoria.common.contract.EntityKind;
import org.memoria.gateway.api.ArchiveViews.Versioned;
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
 * <p><b>A document is never stale.</b> Each document records every entity it read, found or not, and every entity
 * whose incoming links it listed ({@code view_dependency}). The projector calls {@link #refresh} in the transaction
 * that applies a batch of changes, after it took the change feed's lock: the documents of the changed entities, those
 * that read a changed entity, and those that listed the links into an entity a changed one now links to are composed
 * again in that transaction, from what it wrote. As every
 * projector transaction, on every replica, holds that lock from then until it commits, each sees the documents and
 * dependencies the ones before it committed. A change that touches more than {@link #INLINE} documents (a renamed
 * place with thousands of events) deletes them instead and queues them ({@code view_stale}) for {@link #composeStale},
 * which composes them under the same lock; until then a read composes that view live, as it does for every view
 * that is not a document. Either way a read shows what the read model holds.
 *
 * <p><b>The ETag is strong</b>: {@code "<version>.<digest>"}, the entity's version (which {@code If-Match} on a write
 * compares) and a digest of the bytes, which changes whenever anything the view shows changes.
 */
@ApplicationScoped
public class ViewDocuments {

    private static final Logger LOG = Logger.getLogger(ViewDocuments.class);
    /** The most documents a change composes again in its own transaction; above, they are queued. */
    static final int INLINE = 200;
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
     * The view of the entity of this kind with this id: its document when there is one, else composed now by
     * {@code live}; empty if the read model holds no live entity of the kind with the id.
     */
    public Optional<Document> read(EntityKind kind, UUID id, Supplier<Optional<? extends Versioned>> live) {
        if (KINDS.contains(kind)) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement(
                            "select etag, body from view_document where id = ? and kind = ?")) {
                s.setObject(1, id);
                s.setString(2, kind.name());
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        return Optional.of(new Document(rs.getString(1), rs.getBytes(2)));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Read model query failed", e);
            }
        }
        return live.get().map(this::document);
    }

    /**
     * Composes again, on the projector's connection and in its transaction (holding the change feed's lock), the
     * documents that the changes to {@code changed} touch: theirs, those that read any of them, and those that list
     * what links to an entity in {@code linked} (what the changed entities now link to). A document that listed a
     * changed entity because it linked there read it, so it is composed again when the entity stops linking there.
     */
    public void refresh(Connection c, Collection<UUID> changed, Collection<UUID> linked) throws SQLException {
        if (changed.isEmpty()) {
            return;
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
        if (touched.size() > INLINE) {
            forget(c, touched);
            try (PreparedStatement s = c.prepareStatement("insert into view_stale (id) select id from entity "
                    + "where id = any(?) and kind = any(?) and not deleted on conflict do nothing")) {
                s.setArray(1, c.createArrayOf("uuid", touched.toArray()));
                s.setArray(2, c.createArrayOf("varchar", KINDS.stream().map(Enum::name).toArray()));
                s.executeUpdate();
            }
            return;
        }
        compose(c, touched);
    }

    /**
     * Composes up to {@code max} queued documents, in one transaction under the change feed's lock (so that no
     * projector transaction changes what they show meanwhile); returns how many were taken from the queue.
     */
    public int composeStale(int max, long feedLock) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, feedLock);
                    lock.executeQuery().close();
                }
                List<UUID> ids = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("delete from view_stale where id in "
                        + "(select id from view_stale order by id limit ?) returning id")) {
                    s.setInt(1, max);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getObject(1, UUID.class));
                        }
                    }
                }
                compose(c, ids);
                c.commit();
                return ids.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Whether documents wait to be composed. */
    public boolean anyStale() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select exists (select 1 from view_stale)");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Drops every document and queues every live entity's, as after a rebuild swapped in new tables. */
    public static void recomposeAll(Connection c) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("truncate view_document, view_dependency, view_stale");
            s.execute("insert into view_stale (id) select id from entity where kind in ("
                    + String.join(", ", KINDS.stream().map(k -> "'" + k.name() + "'").toList()) + ") and not deleted");
        }
    }

    /** Replaces the documents of {@code ids} by new ones composed from what this transaction sees. */
    private void compose(Connection c, Collection<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        forget(c, ids);
        ReadModel m = new ReadModel(c, mapper);
        m.fetch(ids);
        m.shown();
        try (PreparedStatement docs = c.prepareStatement(
                "insert into view_document (id, kind, version, etag, body) values (?, ?, ?, ?, ?)");
                PreparedStatement deps = c.prepareStatement(
                        "insert into view_dependency (depends_on, links, document_id) values (?, ?, ?)")) {
            boolean any = false;
            for (UUID id : ids) {
                Row row = m.row(id);
                EntityQuery<? extends Versioned> query = row == null ? null : queries.get(row.kind());
                if (query == null) {
                    continue; // deleted, not in the read model, or not a kind kept as documents
                }
                Document document;
                try {
                    document = document(query.compose(id, row, m));
                } catch (RuntimeException e) {
                    // a view that cannot be composed is left to the live read, which answers the same failure
                    LOG.warnf("The %s view of %s could not be composed: %s", row.kind(), id, e);
                    m.shown();
                    continue;
                }
                docs.setObject(1, id);
                docs.setString(2, row.kind().name());
                docs.setLong(3, row.version());
                docs.setString(4, document.etag());
                docs.setBytes(5, document.body());
                docs.addBatch();
                ReadModel.Shown shown = m.shown();
                for (UUID read : shown.rows()) {
                    if (!read.equals(id)) { // a change of its own entity composes it anyway
                        dependency(deps, read, false, id);
                    }
                }
                for (UUID target : shown.listed()) {
                    dependency(deps, target, true, id);
                }
                any = true;
            }
            if (any) {
                docs.executeBatch();
                deps.executeBatch();
            }
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
    Document document(Versioned view) {
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
