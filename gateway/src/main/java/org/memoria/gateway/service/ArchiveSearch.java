package org.memoria.gateway.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.contract.EntityKind;
import org.memoria.gateway.rest.ArchiveViews.SearchHit;
import org.memoria.gateway.rest.ArchiveViews.SearchResult;

/**
 * Search over every entity's names and text. Names (weights 3 and 2) match by trigram word similarity on the
 * accent- and case-folded text, so "Coyoacan" finds Coyoacán, "Jacson" finds Mercader through his alias and
 * "Trotski" finds Trotsky; every term also matches by full text. An entity ranks by its best term: similarity
 * (1 for a full-text match) times the weight of the field (name 1.0, other name 0.9, text 0.6).
 */
@ApplicationScoped
public class ArchiveSearch {

    // The folded query is written into each predicate (not joined from a CTE) so that the planner can use the
    // trigram index on folded names and the full-text index (a bitmap OR of the two); terms are stored folded.
    private static final String HITS = """
            with terms as (
                select t.entity_id, t.kind, t.field, t.term,
                       greatest(case when t.weight >= 2 then word_similarity(memoria_fold(?), t.folded) else 0 end,
                                case when t.tsv @@ plainto_tsquery('simple', memoria_fold(?)) then 1.0 else 0 end)
                       * case t.weight when 3 then 1.0 when 2 then 0.9 else 0.6 end as score
                from search_term t
                where ((t.weight >= 2 and memoria_fold(?) <%% t.folded)
                       or t.tsv @@ plainto_tsquery('simple', memoria_fold(?)))
                  %s
            ),
            hits as (
                select distinct on (t.entity_id) t.entity_id, t.kind, t.field, t.term, t.score
                from terms t join entity e on e.id = t.entity_id and not e.deleted
                order by t.entity_id, t.score desc, t.field
            )
            """;

    @Inject
    DataSource dataSource;

    public SearchResult search(String query, EntityKind kind, int page, int size) {
        String kindFilter = kind == null ? "" : "and t.kind = ?";
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            List<SearchHit> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(HITS.formatted(kindFilter) + """
                    select h.entity_id, h.kind, e.label, h.field, h.term, h.score,
                           ts_headline('simple', h.term, plainto_tsquery('simple', ?),
                                       'MaxFragments=1, MaxWords=24, MinWords=10, StartSel=«, StopSel=»')
                    from hits h join entity e on e.id = h.entity_id
                    order by h.score desc, lower(e.label), h.entity_id limit ? offset ?""")) {
                int i = bindQuery(s, query, kind);
                s.setString(i++, query);
                s.setInt(i++, size);
                s.setLong(i, (long) page * size);
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
                bindQuery(s, query, kind);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        facets.put(EntityKind.valueOf(rs.getString(1)), rs.getLong(2));
                        total += rs.getLong(2);
                    }
                }
            }
            return new SearchResult(query, items, page, size, total, facets);
        } catch (SQLException e) {
            throw new IllegalStateException("Search failed", e);
        }
    }

    private static int bindQuery(PreparedStatement s, String query, EntityKind kind) throws SQLException {
        for (int p = 1; p <= 4; p++) {
            s.setString(p, query);
        }
        int i = 5;
        if (kind != null) {
            s.setString(i++, kind.name());
        }
        return i;
    }
}
