package org.memoria.gateway.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.contract.EntityKind;
import org.memoria.gateway.api.ArchiveViews.SearchHit;
import org.memoria.gateway.api.ArchiveViews.SearchResult;

/**
 * Search over every entity's names and text. Names (weights 3 and 2) match by trigram word similarity on the
 * accent- and case-folded text, so "Coyoacan" finds Coyoacán, "Jacson" finds Mercader through his alias and
 * "Trotski" finds Trotsky; every term also matches by full text. An entity ranks by its best term: its match times
 * the weight of the field (name 1.0, other name 0.9, text 0.6), where the match is 2 when a whole name or other name
 * equals the folded query (so an exact name or alias outranks every fuzzy match), 1 for a full-text match, else the
 * trigram word similarity (below 1). Equal scores go to the entity that is more likely the thing named (people and
 * organisations, then places, events, sources, the rest), then by id, so that pages are stable; never by title.
 */
@ApplicationScoped
public class ArchiveSearch {

    // The query is folded once (a first statement) and passed folded, so no row folds it again; each predicate
    // names it directly so that the planner can use the trigram index on folded names and the full-text index (a
    // bitmap OR of the two). Terms of a deleted entity are deleted with it, so no join to entity is needed until
    // the page is chosen (at 100,000 entities two hash joins over entity cost more than the search itself).
    private static final String HITS = """
            with terms as (
                select t.entity_id, t.kind, t.field, t.term,
                       case when t.weight >= 2 and t.folded = ? then 2.0
                            else greatest(case when t.weight >= 2 then word_similarity(?, t.folded) else 0 end,
                                          case when t.tsv @@ plainto_tsquery('simple', ?) then 1.0 else 0 end) end
                       * case t.weight when 3 then 1.0 when 2 then 0.9 else 0.6 end as score
                from search_term t
                where ((t.weight >= 2 and ? <%% t.folded) or t.tsv @@ plainto_tsquery('simple', ?))
                  %s
            ),
            hits as (
                select distinct on (t.entity_id) t.entity_id, t.kind, t.field, t.term, t.score,
                       case t.kind when 'PERSON' then 0 when 'ORGANISATION' then 0 when 'PLACE' then 1
                                   when 'EVENT' then 2 when 'SOURCE' then 3 else 4 end as kind_rank
                from terms t
                order by t.entity_id, t.score desc, t.field
            )
            """;

    @Inject
    Snapshot snapshot;

    public SearchResult search(String query, EntityKind kind, int page, int size) {
        String kindFilter = kind == null ? "" : "and t.kind = ?";
        return snapshot.read((c, m) -> {
            List<SearchHit> items = new ArrayList<>();
            String folded;
            // spaces collapsed, so that an exact match is the name's words, however the query was typed
            try (PreparedStatement s = c.prepareStatement(
                    "select btrim(regexp_replace(memoria_fold(?), '\\s+', ' ', 'g'))")) {
                s.setString(1, query);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    folded = rs.getString(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement(HITS.formatted(kindFilter) + """
                    , page as (select * from hits order by score desc, kind_rank, entity_id limit ? offset ?)
                    select p.entity_id, p.kind, e.label, p.field, p.term, p.score,
                           ts_headline('simple', p.term, plainto_tsquery('simple', ?),
                                       'MaxFragments=1, MaxWords=24, MinWords=10, StartSel=«, StopSel=»')
                    from page p join entity e on e.id = p.entity_id
                    order by p.score desc, p.kind_rank, p.entity_id""")) {
                int i = bindQuery(s, folded, kind);
                s.setInt(i++, size);
                s.setLong(i++, (long) page * size);
                s.setString(i, query);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String field = rs.getString(4);
                        boolean name = field.equals("name") || field.equals("other name");
                        items.add(new SearchHit(EntityKind.valueOf(rs.getString(2)), rs.getObject(1, UUID.class),
                                rs.getString(3), Math.round(rs.getDouble(6) * 1000) / 1000.0, field,
                                name ? rs.getString(5) : rs.getString(7)));
                    }
                }
            }
            Map<EntityKind, Long> facets = new LinkedHashMap<>();
            long total = 0;
            try (PreparedStatement s = c.prepareStatement(HITS.formatted(kindFilter)
                    + "select kind, count(*) from hits group by kind order by count(*) desc, kind")) {
                bindQuery(s, folded, kind);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        facets.put(EntityKind.valueOf(rs.getString(1)), rs.getLong(2));
                        total += rs.getLong(2);
                    }
                }
            }
            return new SearchResult(query, items, page, size, total, facets);
        });
    }

    private static int bindQuery(PreparedStatement s, String query, EntityKind kind) throws SQLException {
        for (int p = 1; p <= 5; p++) {
            s.setString(p, query);
        }
        int i = 6;
        if (kind != null) {
            s.setString(i++, kind.name());
        }
        return i;
    }
}
