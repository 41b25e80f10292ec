package org.memoria.gateway.events;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.contract.EntityKind;
import org.memoria.common.edtf.Edtf;
import org.memoria.common.edtf.EdtfDate;
import org.memoria.common.events.ChangeEvent;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Applies change events to the read model in bulk, on the caller's connection and transaction: a handful of
 * statements per batch, whatever its size, the rows streamed by COPY (entities and search terms through a staging
 * table of the session, which the statement that reads it empties). An event applies only if its version is newer than the row's (checked
 * by the upsert itself), so replays and duplicates change nothing; links and search terms are replaced only for
 * the entities whose row changed. Payloads are parsed and validated (EDTF included) before any statement runs. An
 * event whose id names an entity of another kind is refused ({@link EntityClaims}), never applied. On the live tables
 * the stored views the changes touch are dropped in the same transaction ({@link StoredViews}).
 */
@ApplicationScoped
public class ReadModelWriter {

    /** The tables written: the live ones, or a rebuild's shadow copies (same names with a suffix). */
    public record Tables(String entity, String link, String searchTerm) {
        public static final Tables LIVE = new Tables("entity", "link", "search_term");

        public static Tables withSuffix(String suffix) {
            return new Tables("entity" + suffix, "link" + suffix, "search_term" + suffix);
        }
    }

    /** An event that was parsed, ready to write; {@code projection} is null for a tombstone. */
    public record Parsed(ChangeEvent event, String kind, Projection projection, EdtfDate date, EdtfDate end) {
    }

    /** The rows of a batch, streamed by COPY into a table of the session, emptied as the upsert reads them. */
    private static final String STAGE = """
            create temp table if not exists entity_stage (id uuid, kind text, version bigint, deleted boolean, label text,
                subtype text, date_edtf text, date_earliest date, date_latest date, end_edtf text, end_earliest date,
                end_latest date, doc text) on commit delete rows""";
    /**
     * A rebuild's batch of entities its shadow table has never held (nearly every batch of a replay): a plain insert,
     * without the upsert's conflict check. Only the consumer of the entity's own topic writes its id there. Answers the
     * ids it wrote.
     */
    private static final String INSERT = """
            with staged as (delete from entity_stage returning *)
            insert into %1$s as e (id, kind, version, deleted, label, subtype, date_edtf, date_earliest, date_latest,
                end_edtf, end_earliest, end_latest, doc, projected_at)
            select id, kind, version, deleted, label, subtype, date_edtf, date_earliest, date_latest, end_edtf,
                end_earliest, end_latest, doc::jsonb, now() from staged
            """;
    /** Applies the staged rows newer than what the table holds; answers the ids it wrote. */
    private static final String UPSERT = INSERT + """
            on conflict (id) do update set kind = excluded.kind, version = excluded.version, deleted = excluded.deleted,
                label = excluded.label, subtype = excluded.subtype, date_edtf = excluded.date_edtf,
                date_earliest = excluded.date_earliest, date_latest = excluded.date_latest, end_edtf = excluded.end_edtf,
                end_earliest = excluded.end_earliest, end_latest = excluded.end_latest, doc = excluded.doc,
                projected_at = now()
            where e.version < excluded.version and e.kind = excluded.kind
            """;

    @Inject
    ObjectMapper mapper;
    @Inject
    StoredViews documents;

    /** Parses one event; throws (before any database work) if it is malformed. */
    public Parsed parse(ChangeEvent event) throws IOException {
        String kind = Projection.kindOf(event.aggregate()).name();
        if (event.deleted()) {
            return new Parsed(event, kind, null, null, null);
        }
        Projection p = Projection.of(event.aggregate(), event.data(), mapper);
        return new Parsed(event, kind, p, parse(p.date()), parse(p.end()));
    }

    /** What applying a batch did: how many events changed the read model, and the events it refused. */
    public record Outcome(int changed, List<Rejected> rejected) {
        static final Outcome NONE = new Outcome(0, List.of());
    }

    /** An event the read model refuses, and why (an id that names an entity of another kind). */
    public record Rejected(Parsed event, String reason) {
    }

    /**
     * Applies a batch: an event whose id names an entity of another kind is refused (the first kind seen for an id
     * keeps it), an event no newer than what the read model holds changes nothing, and of the rest only the newest
     * version of each entity is written; every one of them is added to the change feed, unless the feed holds that
     * version of the entity or a newer one ({@link ChangeFeedWriter}). Throws if the database refuses a statement;
     * the caller rolls back.
     */
    public Outcome apply(Connection connection, List<Parsed> events, Tables tables) throws SQLException {
        if (events.isEmpty()) {
            return Outcome.NONE;
        }
        Map<UUID, String> firstKinds = new LinkedHashMap<>();
        for (Parsed p : events) {
            firstKinds.putIfAbsent(p.event().subject(), p.kind());
        }
        Map<UUID, EntityClaims.Claim> claims = EntityClaims.claim(connection, firstKinds, tables.entity());
        List<Rejected> rejected = new ArrayList<>();
        // within a batch only the newest version of each entity matters to the tables; the feed gets every version
        Map<UUID, Parsed> newest = new LinkedHashMap<>();
        List<Parsed> changes = new ArrayList<>();
        for (Parsed p : events) {
            EntityClaims.Claim claim = claims.get(p.event().subject());
            if (!claim.kind().equals(p.kind())) {
                rejected.add(new Rejected(p, otherKind(p, claim.kind())));
                continue;
            }
            if (claim.version() != null && claim.version() >= p.event().entityVersion()) {
                continue; // the read model holds this version or a newer one
            }
            changes.add(p);
            newest.merge(p.event().subject(), p,
                    (a, b) -> b.event().entityVersion() > a.event().entityVersion() ? b : a);
        }
        // an entity the table holds no row of has no links or search terms there either (they are written after
        // its row, and rows are never deleted): a new entity's need no delete (every entity of a rebuild's replay)
        Set<UUID> held = new HashSet<>();
        for (UUID id : newest.keySet()) {
            if (claims.get(id).version() != null) {
                held.add(id);
            }
        }
        List<Parsed> applied = new ArrayList<>();
        Outcome outcome = write(connection, new ArrayList<>(newest.values()), held, rejected, tables, applied);
        // a rebuild's replay brings what the feed nearly all holds: one read leaves that out before the feed's lock
        ChangeFeedWriter.append(connection,
                tables.equals(Tables.LIVE) ? changes : ChangeFeedWriter.unseen(connection, changes));
        if (tables.equals(Tables.LIVE) && !applied.isEmpty()) {
            // a rebuild drops them all at its swap
            Set<UUID> linked = new HashSet<>();
            applied.stream().filter(p -> p.projection() != null)
                    .forEach(p -> p.projection().links().forEach(l -> linked.add(l.toId())));
            documents.mark(connection, applied.stream().map(p -> p.event().subject()).toList(), linked);
        }
        return outcome;
    }

    /**
     * Writes the newest version of each entity to the tables, with its links and search terms, replacing those of the
     * entities in {@code held} (those the table held a row of).
     */
    private Outcome write(Connection connection, List<Parsed> batch, Set<UUID> held, List<Rejected> rejected,
            Tables tables, List<Parsed> applied) throws SQLException {
        if (batch.isEmpty()) {
            return new Outcome(0, rejected);
        }
        // one stream and one statement for the batch; the ids it answers are the rows it wrote (a version no newer
        // than the table's, or an id of another kind, writes nothing, and then its links must not be replaced)
        StringBuilder rows = new StringBuilder();
        for (Parsed p : batch) {
            entityRow(rows, p);
        }
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        Set<UUID> written = new HashSet<>();
        try (Statement s = connection.createStatement()) {
            s.execute(STAGE);
            copy.copyIn("copy entity_stage from stdin", new StringReader(rows.toString()));
            boolean unheld = !tables.equals(Tables.LIVE) && held.isEmpty();
            String statement = (unheld ? INSERT : UPSERT).formatted(tables.entity()) + "returning e.id";
            try (java.sql.ResultSet rs = s.executeQuery(statement)) {
                while (rs.next()) {
                    written.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (IOException e) {
            throw new SQLException("Could not stream the read model's rows to the database", e);
        }
        for (Parsed p : batch) {
            if (written.contains(p.event().subject())) {
                applied.add(p);
            }
        }
        if (applied.isEmpty()) {
            return new Outcome(0, rejected);
        }
        UUID[] replaced = applied.stream().map(p -> p.event().subject()).filter(held::contains).toArray(UUID[]::new);
        for (String table : List.of(tables.link() + " where from_id", tables.searchTerm() + " where entity_id")) {
            if (replaced.length == 0) {
                break;
            }
            try (PreparedStatement s = connection.prepareStatement("delete from " + table + " = any(?)")) {
                s.setArray(1, connection.createArrayOf("uuid", replaced));
                s.executeUpdate();
            }
        }
        // the links and search terms are plain inserts: COPY sends them as one stream, a statement fewer per row
        StringBuilder links = new StringBuilder();
        StringBuilder terms = new StringBuilder();
        for (Parsed p : applied) {
            if (p.projection() == null) {
                continue;
            }
            String id = p.event().subject().toString();
            int position = 0;
            for (Projection.Link link : p.projection().links()) {
                row(links, id, Integer.toString(position++), link.link(), link.toKind().name(), link.toId().toString(),
                        link.role());
            }
            position = 0;
            for (Projection.Term term : p.projection().terms()) {
                row(terms, id, Integer.toString(position++), p.kind(), term.field(), Integer.toString(term.weight()),
                        term.text());
            }
        }
        try {
            if (!links.isEmpty()) {
                copy.copyIn("copy " + tables.link() + " (from_id, position, link, to_kind, to_id, role) from stdin",
                        new StringReader(links.toString()));
            }
            if (!terms.isEmpty()) {
                // the folded form and its words are the database's (unaccent): staged, then computed there
                try (Statement s = connection.createStatement()) {
                    s.execute("create temp table if not exists search_term_stage (entity_id uuid, position int, "
                            + "kind varchar(20), field varchar(30), weight smallint, term text) on commit delete rows");
                }
                copy.copyIn("copy search_term_stage from stdin", new StringReader(terms.toString()));
                try (Statement s = connection.createStatement()) {
                    // emptied as it is read: a record applied alone after a failed batch stages its own terms only
                    s.executeUpdate("with staged as (delete from search_term_stage returning *) insert into "
                            + tables.searchTerm() + " (entity_id, position, kind, field, weight, term, folded, tsv) "
                            + "select entity_id, position, kind, field, weight, term, memoria_fold(term), "
                            + "to_tsvector('simple', memoria_fold(term)) from staged");
                }
            }
        } catch (IOException e) {
            throw new SQLException("Could not stream the read model's rows to the database", e);
        }
        return new Outcome(applied.size(), rejected);
    }

    /** One row of COPY's text format: tab-separated, null as \N, backslash, tab and line ends escaped. */
    private static void row(StringBuilder out, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            String v = values[i];
            if (v == null) {
                out.append("\\N");
                continue;
            }
            for (int k = 0; k < v.length(); k++) {
                char ch = v.charAt(k);
                switch (ch) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(ch);
                }
            }
        }
        out.append('\n');
    }

    private static String otherKind(Parsed p, String holder) {
        EntityKind kind = EntityKind.valueOf(p.kind());
        return "id " + p.event().subject() + " already names " + EntityClaims.aKind(EntityKind.valueOf(holder)) + ": "
                + (p.projection() == null ? "the deletion of " + EntityClaims.aKind(kind) + " cannot delete it"
                        : EntityClaims.aKind(kind) + " cannot replace it");
    }

    private static void entityRow(StringBuilder rows, Parsed p) {
        Projection proj = p.projection();
        row(rows, p.event().subject().toString(), p.kind(), Long.toString(p.event().entityVersion()),
                proj == null ? "t" : "f", proj == null ? null : proj.label(), proj == null ? null : proj.subtype(),
                proj == null ? null : proj.date(), text(earliest(p.date())), text(latest(p.date())),
                proj == null ? null : proj.end(), text(earliest(p.end())), text(latest(p.end())),
                proj == null ? null : new String(p.event().data(), StandardCharsets.UTF_8));
    }

    private static String text(LocalDate day) {
        return day == null ? null : day.toString();
    }

    private static EdtfDate parse(String edtf) {
        return edtf == null || edtf.isBlank() ? null : Edtf.parse(edtf);
    }

    private static LocalDate earliest(EdtfDate date) {
        return date == null ? null : date.earliest();
    }

    private static LocalDate latest(EdtfDate date) {
        return date == null ? null : date.latest();
    }
}
