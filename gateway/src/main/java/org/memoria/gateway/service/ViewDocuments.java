package org.memoria.gateway.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.contract.EntityKind;
import org.memoria.gateway.api.ArchiveViews.Versioned;
import org.memoria.gateway.events.StoredViews;

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
 * <p><b>Composed ahead of reads.</b> The projector, in the transaction that applies a batch of changes, marks the
 * views the changes touch ({@code view_pending}, {@link #mark}): those of the changed entities, those that read a
 * changed entity, and those that listed the links into an entity a changed one now links to. The
 * {@link ViewComposer} composes the marked views, oldest mark first, and stores them with what each read
 * ({@code view_dependency}), clearing their marks in the same transaction. A read serves a document only when its
 * entity holds no mark; otherwise (a change not composed yet) it composes the view live, as the read model holds it.
 * Either way a read shows what the read model holds.
 *
 * <p><b>No stale document is ever stored</b>: every projector transaction that changes the live read model first
 * updates the one row of {@code view_epoch}, and the composer holds that row for share while it reads and stores, so no
 * projector transaction commits in between: what it composed is what the read model holds when its marks clear.
 *
 * <p><b>The ETag is strong</b>: {@code "<version>.<digest>"}, the entity's version (which {@code If-Match} on a write
 * compares) and a digest of the bytes, which changes whenever anything the view shows changes.
 */
@ApplicationScoped
public class ViewDocuments implements StoredViews {

    /** The kinds whose views are documents. */
    public static final Set<EntityKind> KINDS = Set.of(EntityKind.PERSON, EntityKind.EVENT, EntityKind.SOURCE,
            EntityKind.CLAIM);
    /** The same kinds, as SQL. */
    static final String KINDS_SQL = "('PERSON', 'EVENT', 'SOURCE', 'CLAIM')";

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
    ViewComposer composer;

    /**
     * The view of the entity of this kind with this id: its stored document, unless a change it shows is not composed
     * yet (or the kind is not kept as documents), then composed now by {@code live}; empty if the read model holds no
     * live entity of the kind with the id.
     */
    public Optional<Document> read(EntityKind kind, UUID id, Supplier<Optional<? extends Versioned>> live) {
        if (KINDS.contains(kind)) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("select d.etag, d.body from view_document d "
                            + "where d.id = ? and d.kind = ? and not exists (select 1 from view_pending p where p.id = d.id)")) {
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
     * Marks, on the projector's connection and in its transaction, the views that the changes to {@code changed} touch:
     * theirs, those that read any of them, and those that list what links to an entity in {@code linked} (what the
     * changed entities now link to). A view that listed a changed entity because it linked there read it, so it is
     * marked when the entity stops linking there. Updates the epoch first: it waits for a composer's batch in flight
     * (this replica's composer cuts its batch short meanwhile) and holds off the next until this transaction ends.
     */
    @Override
    public void mark(Connection c, Collection<UUID> changed, Collection<UUID> linked) throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        composer.projectorWaits(true);
        try (PreparedStatement s = c.prepareStatement("update view_epoch set epoch = epoch + 1")) {
            s.executeUpdate();
        } finally {
            composer.projectorWaits(false);
        }
        try (PreparedStatement s = c.prepareStatement("""
                with touched as (
                    select unnest(?::uuid[]) as id
                    union select document_id from view_dependency where depends_on = any(?) and not links
                    union select document_id from view_dependency where depends_on = any(?) and links)
                insert into view_pending (id, kind)
                select e.id, e.kind from entity e join touched t on t.id = e.id where e.kind in %s order by e.id
                on conflict (id) do update set mark = excluded.mark""".formatted(KINDS_SQL))) {
            Array changedIds = c.createArrayOf("uuid", changed.toArray());
            s.setArray(1, changedIds);
            s.setArray(2, changedIds);
            s.setArray(3, c.createArrayOf("uuid", linked.toArray()));
            s.executeUpdate();
        }
        composer.wake();
    }

    /** Before a rebuild's swap: waits for a composer's batch in flight and holds off the next until the swap ends. */
    @Override
    public void holdForSwap(Connection c) throws SQLException {
        composer.projectorWaits(true);
        try (var s = c.createStatement()) {
            s.execute("update view_epoch set epoch = epoch + 1");
        } finally {
            composer.projectorWaits(false);
        }
    }

    /**
     * After a rebuild swapped in new tables: drops every document (they were composed from the retired tables) and
     * marks every view of the new ones, to be composed again.
     */
    @Override
    public void swapped(Connection c) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("truncate view_document, view_dependency, view_pending");
            s.execute("insert into view_pending (id, kind) select id, kind from entity where kind in " + KINDS_SQL
                    + " and not deleted order by id");
        }
        composer.wake();
    }

    /** The view's bytes, as the JSON a live read writes, and its strong ETag. */
    Document document(Versioned view) {
        try {
            byte[] body = mapper.writeValueAsBytes(view);
            return new Document(view.version() + "." + digest(body), body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A view could not be written as JSON", e);
        }
    }

    /** The first 8 bytes of the SHA-256 of {@code body}, in hex: what a strong ETag says of the bytes. */
    static String digest(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
