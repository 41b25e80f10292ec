package org.memoria.sources.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.hibernate.envers.Audited;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.persistence.OwnedEntity;
import org.memoria.common.persistence.QueryFilter;

import io.quarkus.panache.common.Page;

/** A passage of a source: where it is (locator), what it says (quote) and what it is about. */
@Entity
@Audited
@Table(name = "citation")
public class Citation extends OwnedEntity {

    /** The source (of this service) the passage is in. */
    @Column(name = "source_id", nullable = false)
    public UUID sourceId;

    @Column(length = 300)
    public String locator;

    @Column(columnDefinition = "text")
    public String quote;

    @ElementCollection
    @CollectionTable(name = "citation_about", joinColumns = @JoinColumn(name = "citation_id"))
    @OrderColumn(name = "position")
    public List<SubjectReference> about = new ArrayList<>();

    @Column(length = 2000)
    public String note;

    /** What a list of citations keeps: every non-null criterion must hold. */
    public record Criteria(UUID sourceId, EntityKind aboutKind, UUID aboutId) {
    }

    /** Citations by their source's date (undated last), then in the order they were recorded. */
    public static List<Citation> search(Criteria criteria, int page, int size) {
        QueryFilter filter = filterOf(criteria);
        return find("select c from Citation c join Source s on s.id = c.sourceId" + filter.where()
                + " order by s.date.earliest asc nulls last, c.createdAt, c.id", filter.parameters())
                .page(Page.of(page, size)).list();
    }

    public static long countMatching(Criteria criteria) {
        QueryFilter filter = filterOf(criteria);
        return find("select count(c) from Citation c" + filter.where(), filter.parameters())
                .project(Long.class).singleResult();
    }

    public static List<Citation> ofSource(UUID sourceId) {
        return list("sourceId = ?1 order by createdAt, id", sourceId);
    }

    /** Citations whose {@code about} names this entity. */
    public static List<Citation> about(EntityKind kind, UUID id) {
        return list("select c from Citation c where exists (select 1 from c.about a where a.kind = ?1 "
                + "and a.subjectId = ?2) order by c.createdAt, c.id", kind, id);
    }

    private static QueryFilter filterOf(Criteria c) {
        return new QueryFilter().equal("c.sourceId", "sourceId", c.sourceId())
                .refersTo("c.about", "about", c.aboutKind(), c.aboutId());
    }
}
