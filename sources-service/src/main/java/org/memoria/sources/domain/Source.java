package org.memoria.sources.domain;

import java.time.LocalDate;
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
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.hibernate.envers.Audited;
import org.memoria.common.persistence.EdtfValue;
import org.memoria.common.persistence.OwnedEntity;
import org.memoria.common.persistence.QueryFilter;

import io.quarkus.panache.common.Page;

@Entity
@Audited
@Table(name = "source")
public class Source extends OwnedEntity {

    @Column(nullable = false, length = 30)
    public String type;

    @Column(nullable = false, length = 500)
    public String title;

    /** Translations and other titles, in the order given. */
    @ElementCollection
    @CollectionTable(name = "source_other_title", joinColumns = @JoinColumn(name = "source_id"))
    @OrderColumn(name = "position")
    public List<OtherTitleColumns> otherTitles = new ArrayList<>();

    /** People of the people service, by id, in the order of the byline. */
    @ElementCollection
    @CollectionTable(name = "source_author", joinColumns = @JoinColumn(name = "source_id"))
    @Column(name = "person_id", nullable = false)
    @OrderColumn(name = "position")
    public List<UUID> authorIds = new ArrayList<>();

    /** Organisations of the people service that wrote the source (a party, a committee, an editorial board). */
    @ElementCollection
    @CollectionTable(name = "source_organisation_author", joinColumns = @JoinColumn(name = "source_id"))
    @Column(name = "organisation_id", nullable = false)
    @OrderColumn(name = "position")
    public List<UUID> organisationAuthorIds = new ArrayList<>();

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "edtf", column = @Column(name = "date_edtf")),
            @AttributeOverride(name = "earliest", column = @Column(name = "date_earliest")),
            @AttributeOverride(name = "latest", column = @Column(name = "date_latest")) })
    public EdtfValue date;

    @Column(length = 300)
    public String publisher;

    @Column(length = 300)
    public String periodical;

    @Column(length = 3)
    public String language;

    @Embedded
    public SourceIdentifierColumns identifiers;

    @Column(columnDefinition = "text")
    public String description;

    /** How a list of sources is ordered. */
    public enum Order {
        /** By title, then id. */
        TITLE,
        /** By the date's earliest day (undated last), then latest day, title and id. */
        DATE
    }

    /** What a list of sources keeps: every non-null criterion must hold. */
    public record Criteria(String type, UUID authorId, UUID organisationAuthorId, String language,
            LocalDate from, LocalDate to, String titleContains) {
    }

    public static List<Source> search(Criteria criteria, Order order, int page, int size) {
        QueryFilter filter = filterOf(criteria);
        String orderBy = order == Order.DATE
                ? " order by s.date.earliest asc nulls last, s.date.latest asc nulls last, s.title, s.id"
                : " order by s.title, s.id";
        return find("from Source s" + filter.where() + orderBy, filter.parameters()).page(Page.of(page, size)).list();
    }

    public static long countMatching(Criteria criteria) {
        QueryFilter filter = filterOf(criteria);
        return find("select count(s) from Source s" + filter.where(), filter.parameters())
                .project(Long.class).singleResult();
    }

    private static QueryFilter filterOf(Criteria c) {
        // exists, not a join: an author named twice in a byline still lists the source once
        return new QueryFilter().equal("s.type", "type", c.type())
                .when(c.authorId(), "exists (select 1 from s.authorIds a where a = :authorId)", "authorId")
                .when(c.organisationAuthorId(), "exists (select 1 from s.organisationAuthorIds o where o = "
                        + ":organisationAuthorId)", "organisationAuthorId")
                .equal("s.language", "language", c.language())
                .overlaps("s.date", c.from(), c.to())
                .contains(c.titleContains(), "(lower(s.title) like :title escape '\\' or exists (select 1 from "
                        + "s.otherTitles o where lower(o.title) like :title escape '\\'))", "title");
    }
}
