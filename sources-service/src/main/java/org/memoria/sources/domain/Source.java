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
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.hibernate.envers.Audited;
import org.memoria.common.contract.sources.SourceType;
import org.memoria.common.persistence.EdtfValue;
import org.memoria.common.persistence.OwnedEntity;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;

@Entity
@Audited
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
    public record Criteria(SourceType type, UUID authorId, UUID organisationAuthorId, String language,
            LocalDate from, LocalDate to, String titleContains) {
    }

    public static List<Source> search(Criteria criteria, Order order, int page, int size) {
        Filter filter = Filter.of(criteria);
        String orderBy = order == Order.DATE
                ? " order by s.date.earliest asc nulls last, s.date.latest asc nulls last, s.title, s.id"
                : " order by s.title, s.id";
        return find("from Source s" + filter.where() + orderBy, filter.parameters()).page(Page.of(page, size)).list();
    }

    public static long countMatching(Criteria criteria) {
        Filter filter = Filter.of(criteria);
        return find("select count(s) from Source s" + filter.where(), filter.parameters())
                .project(Long.class).singleResult();
    }

    private record Filter(String where, Parameters parameters) {
        static Filter of(Criteria c) {
            List<String> conditions = new ArrayList<>();
            Parameters parameters = new Parameters();
            if (c.type() != null) {
                conditions.add("s.type = :type");
                parameters.and("type", c.type());
            }
            if (c.authorId() != null) {
                // exists, not a join: an author named twice in a byline still lists the source once
                conditions.add("exists (select 1 from s.authorIds a where a = :authorId)");
                parameters.and("authorId", c.authorId());
            }
            if (c.organisationAuthorId() != null) {
                conditions.add("exists (select 1 from s.organisationAuthorIds o where o = :organisationAuthorId)");
                parameters.and("organisationAuthorId", c.organisationAuthorId());
            }
            if (c.language() != null) {
                conditions.add("s.language = :language");
                parameters.and("language", c.language());
            }
            if (c.from() != null || c.to() != null) {
                // overlap: the date's bounds meet [from, to]; an open end of the date meets everything on that side
                conditions.add("s.date.edtf is not null");
            }
            if (c.from() != null) {
                conditions.add("(s.date.latest is null or s.date.latest >= :from)");
                parameters.and("from", c.from());
            }
            if (c.to() != null) {
                conditions.add("(s.date.earliest is null or s.date.earliest <= :to)");
                parameters.and("to", c.to());
            }
            if (c.titleContains() != null) {
                conditions.add("lower(s.title) like :title");
                parameters.and("title", like(c.titleContains()));
            }
            return new Filter(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), parameters);
        }
    }

    static String like(String text) {
        return "%" + text.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
