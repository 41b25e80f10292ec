package org.memoria.gateway.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.contract.EntityKind;
import org.memoria.gateway.api.ArchiveViews.SearchHit;
import org.memoria.gateway.api.ArchiveViews.SearchResult;

/**
 * Search over every entity's names and text, in two steps; the second runs only when the first finds nothing.
 * <ol>
 * <li><b>Exact names and whole words.</b> An entity matches when one of its names or other names equals the accent-
 * and case-folded query (a hash index lookup; "coyoacan" finds Coyoacán), or when one of its terms contains the
 * query's words (the full-text index; "Jacson" finds Mercader by his alias Frank Jacson). No similarity is
 * computed: an entity ranks by its best term, the match (2 for an exact name or other name, so an exact name or
 * alias outranks every other match; 1 for the words) times the field's weight (name 1.0, other name 0.9, text
 * 0.6).</li>
 * <li><b>Similar names, when nothing matched in step 1.</b> The {@value #NEAREST} names and other names closest to
 * the query by trigram word similarity, found in that order by a GiST index ({@code <<->} distance ordering), so
 * that "Trotski" finds Trotsky and "Zborowsky" finds Zborowski; those with a similarity of at least pg_trgm's
 * word-similarity threshold (0.6) match, scored by their similarity times the field's weight.
 * The kind filter applies to those names, as the facets count them.</li>
 * </ol>
 * Equal scores go to the entity that is more likely the thing named (people and organisations, then places, events,
 * sources, the rest), then by id, so that pages are stable; never by title. Why a similar name is looked for only
 * when nothing matches exactly or by its words, and only among the nearest:
 * docs/decisions/0020-search-by-trigram-distance.md.
 *
 * <p>These statements are the rules; this replica's {@link SearchIndex} answers both steps by them (the page's labels,
 * best terms and snippets still come from here), and the statements answer only when it cannot: being built, far
 * behind the read model, or turned off (docs/decisions/0025-search-index-per-replica.md).
 */
@ApplicationScoped
public class ArchiveSearch {

    /** How many names the similarity step ranks: a misspelling is answered by the names nearest to it. */
    public static final int NEAREST = org.memoria.gateway.api.ArchiveViews.SEARCH_NEAREST;

    /**
     * One step of the search: its hits, one row per entity with its best score ({@code %s} where the kind filter goes;
     * every {@code ?} the folded query), and the best term of a page's entity {@code p} ({@code ?} the folded query).
     */
    private record Step(String hits, String bestTerm) {

        int foldedInHits() {
            return (int) hits.chars().filter(ch -> ch == '?').count();
        }

        int foldedInBestTerm() {
            return (int) bestTerm.chars().filter(ch -> ch == '?').count();
        }
    }

    private static final String WORDS_SCORE = """
            case when t.weight >= 2 and t.folded = ? then 2 else 1 end
            * case t.weight when 3 then 1.0 when 2 then 0.9 else 0.6 end::float8""";
    private static final String WORDS_MATCH = "((t.weight >= 2 and t.folded = ?) or t.tsv @@ plainto_tsquery('simple', ?))";

    // Step 1. The folded query is passed to each predicate so that the planner ORs a bitmap of the hash index on folded
    // names (exact) with one of the full-text index (words). Terms of a deleted entity are deleted with it, so no join
    // to entity is needed until the page is chosen; the hits are narrow (id, kind, score), and the matching term is
    // looked up for the page's entities only.
    private static final Step WORDS = new Step("""
            select t.entity_id, t.kind, max(%s) as score
            from search_term t
            where %s %%s
            group by t.entity_id, t.kind""".formatted(WORDS_SCORE, WORDS_MATCH),
            "t.entity_id = p.entity_id and %s and %s = p.score".formatted(WORDS_MATCH, WORDS_SCORE));

    private static final String SIMILAR_SCORE = "word_similarity(?, t.folded) * case t.weight when 3 then 1.0 else 0.9 end::float8";

    // Step 2. The index scan stops after the nearest names (bounded work however many names are alike); the
    // threshold and the kind are applied to those, and word_similarity scores only them.
    private static final Step SIMILAR = new Step("""
            select t.entity_id, t.kind, max(%s) as score
            from (select * from search_term t where t.weight >= 2 order by ? <<-> t.folded limit %d) t
            where ? <%%%% t.folded %%s
            group by t.entity_id, t.kind""".formatted(SIMILAR_SCORE, NEAREST),
            "t.entity_id = p.entity_id and t.weight >= 2 and ? <%% t.folded and %s = p.score".formatted(SIMILAR_SCORE));

    // The page (joined to entity for its label, with its best term and a snippet) and the facets, in one statement
    // over the hits.
    private static final String PAGE_AND_FACETS = """
            with hits as materialized (%s),
            page as (
                select h.*, %s as kind_rank from hits h order by score desc, kind_rank, entity_id limit ? offset ?
            )
            select 0 as part, p.entity_id, p.kind, e.label, b.field, b.term, p.score,
                   ts_headline('simple', b.term, plainto_tsquery('simple', ?),
                               'MaxFragments=1, MaxWords=24, MinWords=10, StartSel=«, StopSel=»'),
                   p.kind_rank
            from page p join entity e on e.id = p.entity_id
            cross join lateral (select t.field, t.term from search_term t where %s order by t.field limit 1) b
            union all
            select 1, null, h.kind, null, null, null, count(*), null, null from hits h group by h.kind
            order by part, score desc, kind_rank, entity_id""";

    private static final String KIND_RANK = """
            case h.kind when 'PERSON' then 0 when 'ORGANISATION' then 0 when 'PLACE' then 1
                        when 'EVENT' then 2 when 'SOURCE' then 3 else 4 end""";

    /**
     * The query as search compares it, from one statement: folded as names are, spaces collapsed (so that an exact
     * match is the name's words, however the query was typed); its words as the full-text index splits them, its
     * trigrams as pg_trgm extracts them and pg_trgm's word-similarity threshold; and where the read model is (its
     * {@code search_term} table and the change feed's last position) for {@link SearchIndex}.
     */
    public record Terms(String folded, List<String> words, List<String> trigrams, float threshold, long table,
            long position) {
    }

    // reading search_term locks it against a rebuild's swap until the transaction ends, so the oid is the table it reads
    private static final String TERMS = """
            select f.folded, tsvector_to_array(to_tsvector('simple', f.folded)), show_trgm(f.folded),
                   current_setting('pg_trgm.word_similarity_threshold')::float4,
                   to_regclass('search_term')::oid::bigint, (select coalesce(max(position), 0) from change_feed)
            from (select btrim(regexp_replace(memoria_fold(?), '\\s+', ' ', 'g')) as folded) f
            where not exists (select from search_term limit 0)""";

    // The page of the index's matches (SearchIndex), composed as PAGE_AND_FACETS composes PostgreSQL's: the label, the
    // best term of the step and a snippet.
    private static final String INDEX_PAGE = """
            select p.entity_id, e.label, b.field, b.term,
                   ts_headline('simple', b.term, plainto_tsquery('simple', ?),
                               'MaxFragments=1, MaxWords=24, MinWords=10, StartSel=«, StopSel=»')
            from unnest(?::uuid[], ?::float8[]) with ordinality as p(entity_id, score, ord)
            join entity e on e.id = p.entity_id
            cross join lateral (select t.field, t.term from search_term t where %s order by t.field limit 1) b
            order by p.ord""";

    @Inject
    Snapshot snapshot;
    @Inject
    SearchIndex index;

    public SearchResult search(String query, EntityKind kind, int page, int size) {
        return snapshot.read((c, m) -> {
            Terms terms = terms(c, query);
            int offset = (int) Math.min(Integer.MAX_VALUE, (long) page * size);
            Optional<SearchIndex.Matches> matches = index.words(c, terms, kind, offset, size);
            SearchResult words = matches.isPresent() ? page(c, WORDS, query, terms, matches.get(), page, size)
                    : run(c, WORDS, query, terms.folded(), kind, page, size);
            if (words.total() > 0) {
                return words;
            }
            Optional<SearchIndex.Matches> similar = index.similar(c, terms, kind, offset, size);
            return similar.isPresent() ? page(c, SIMILAR, query, terms, similar.get(), page, size)
                    : run(c, SIMILAR, query, terms.folded(), kind, page, size);
        });
    }

    /** The search on a connection of the gateway's database, by PostgreSQL alone (the benchmark and tests call it). */
    public static SearchResult search(Connection c, String query, EntityKind kind, int page, int size)
            throws SQLException {
        String folded = terms(c, query).folded();
        SearchResult words = run(c, WORDS, query, folded, kind, page, size);
        return words.total() > 0 ? words : run(c, SIMILAR, query, folded, kind, page, size);
    }

    static Terms terms(Connection c, String query) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(TERMS)) {
            s.setString(1, query);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Terms(rs.getString(1), List.of((String[]) rs.getArray(2).getArray()),
                        List.of((String[]) rs.getArray(3).getArray()), rs.getFloat(4), rs.getLong(5), rs.getLong(6));
            }
        }
    }

    private static SearchResult page(Connection c, Step step, String query, Terms terms, SearchIndex.Matches matches,
            int page, int size) throws SQLException {
        List<SearchHit> items = new ArrayList<>();
        if (!matches.page().isEmpty()) {
            Map<UUID, SearchIndex.Match> byId = new HashMap<>();
            matches.page().forEach(match -> byId.put(match.id(), match));
            try (PreparedStatement s = c.prepareStatement(INDEX_PAGE.formatted(step.bestTerm()))) {
                s.setString(1, query);
                s.setArray(2, c.createArrayOf("uuid", matches.page().stream().map(SearchIndex.Match::id).toArray()));
                s.setArray(3, c.createArrayOf("float8",
                        matches.page().stream().map(SearchIndex.Match::score).toArray()));
                int i = 4;
                for (int n = 0; n < step.foldedInBestTerm(); n++) {
                    s.setString(i++, terms.folded());
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        SearchIndex.Match match = byId.get(rs.getObject(1, UUID.class));
                        items.add(hit(match.kind(), match.id(), rs.getString(2), match.score(), rs.getString(3),
                                rs.getString(4), rs.getString(5)));
                    }
                }
            }
        }
        return result(query, items, matches.counts(), page, size);
    }

    private static SearchResult run(Connection c, Step step, String query, String folded, EntityKind kind, int page,
            int size) throws SQLException {
        String sql = PAGE_AND_FACETS.formatted(step.hits().formatted(kind == null ? "" : "and t.kind = ?"), KIND_RANK,
                step.bestTerm());
        List<SearchHit> items = new ArrayList<>();
        Map<EntityKind, Long> counts = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            for (int n = 0; n < step.foldedInHits(); n++) {
                s.setString(i++, folded);
            }
            if (kind != null) {
                s.setString(i++, kind.name());
            }
            s.setInt(i++, size);
            s.setLong(i++, (long) page * size);
            s.setString(i++, query);
            for (int n = 0; n < step.foldedInBestTerm(); n++) {
                s.setString(i++, folded);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    EntityKind hitKind = EntityKind.valueOf(rs.getString(3));
                    if (rs.getInt(1) == 1) {
                        counts.put(hitKind, rs.getLong(7));
                        continue;
                    }
                    items.add(hit(hitKind, rs.getObject(2, UUID.class), rs.getString(4), rs.getDouble(7),
                            rs.getString(5), rs.getString(6), rs.getString(8)));
                }
            }
        }
        return result(query, items, counts, page, size);
    }

    /** A hit shows a name as it is written, and text by a snippet around the query's words. */
    private static SearchHit hit(EntityKind kind, UUID id, String label, double score, String field, String term,
            String snippet) {
        boolean name = field.equals("name") || field.equals("other name");
        return new SearchHit(kind, id, label, Math.round(score * 1000) / 1000.0, field, name ? term : snippet);
    }

    private static SearchResult result(String query, List<SearchHit> items, Map<EntityKind, Long> counts, int page,
            int size) {
        // most matches first, then by kind name
        Map<EntityKind, Long> facets = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<EntityKind, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(e -> e.getKey().name()))
                .forEach(e -> facets.put(e.getKey(), e.getValue()));
        long total = facets.values().stream().mapToLong(Long::longValue).sum();
        return new SearchResult(query, items, page, size, total, facets);
    }
}
