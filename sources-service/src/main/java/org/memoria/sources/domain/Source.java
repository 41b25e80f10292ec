package org.memoria.sources.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.memoria.common.contract.sources.SourceType;
import org.memoria.common.persistence.EdtfValue;
import org.memoria.common.persistence.OwnedEntity;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;

@Entity
@Table(name = "source")
public class Source extends OwnedEntity {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    public SourceType type;

    @Column(nullable = false, length = 500)
    public String title;

    /** People of the people service, by id, in the order of the byline. */
    @ElementCollection
    @CollectionTable(name = "source_author", joinColumns = @JoinColumn(name = "source_id"))
    @Column(name = "person_id", nullable = false)
    @OrderColumn(name = "position")
    public List<UUID> authorIds = new ArrayList<>();

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "edtf", column = @Column(name = "date_edtf")),
            @AttributeOverride(name = "earliest", column = @Column(name = "date_earliest")),
            @AttributeOverride(name = "latest", column = @Column(name = "date_latest")) })
    public EdtfValue date;

    @Column(length = 300)
    public String publisher;

    @Column(length = 2000)
    public String url;

    /** Sources of this type (when given) by this author (when given), by title. */
    public static List<Source> search(SourceType type, UUID authorId, int page, int size) {
        Filter filter = Filter.of(type, authorId);
        return find("from Source s" + filter.where() + " order by s.title, s.id", filter.parameters())
                .page(Page.of(page, size)).list();
    }

    public static long countMatching(SourceType type, UUID authorId) {
        Filter filter = Filter.of(type, authorId);
        return find("select count(s) from Source s" + filter.where(), filter.parameters())
                .project(Long.class).singleResult();
    }

    private record Filter(String where, Parameters parameters) {
        static Filter of(SourceType type, UUID authorId) {
            List<String> conditions = new ArrayList<>();
            Parameters parameters = new Parameters();
            if (type != null) {
                conditions.add("s.type = :type");
                parameters.and("type", type);
            }
            if (authorId != null) {
                // exists, not a join: an author named twice in a byline still lists the source once
                conditions.add("exists (select 1 from s.authorIds a where a = :authorId)");
                parameters.and("authorId", authorId);
            }
            return new Filter(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), parameters);
        }
    }
}
