package org.memoria.sources.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.hibernate.envers.Audited;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.sources.ClaimStatus;
import org.memoria.common.persistence.OwnedEntity;
import org.memoria.common.persistence.QueryFilter;

import io.quarkus.panache.common.Page;

/**
 * A statement about people or events with the evidence for and against it. The status is derived from the evidence
 * ({@link ClaimStatusRules}) and stored only so that claims can be listed by it; it is never written by a client.
 */
@Entity
@Audited
@Table(name = "claim")
public class Claim extends OwnedEntity {

    @Column(nullable = false, length = 2000)
    public String statement;

    @ElementCollection
    @CollectionTable(name = "claim_subject", joinColumns = @JoinColumn(name = "claim_id"))
    @OrderColumn(name = "position")
    public List<SubjectReference> subjects = new ArrayList<>();

    /** In the order the archivist wrote it; the derivation orders it by date. */
    @ElementCollection
    @CollectionTable(name = "claim_evidence", joinColumns = @JoinColumn(name = "claim_id"))
    @OrderColumn(name = "position")
    public List<Evidence> evidence = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public ClaimStatus status;

    /** What a list of claims keeps: every non-null criterion must hold. */
    public record Criteria(EntityKind subjectKind, UUID subjectId, ClaimStatus status) {
    }

    /**
     * By statement, as far as an index entry can hold it (the first 500 characters, V6__claim_statement_prefix_index),
     * then by id.
     */
    static final String ORDER = " order by left(c.statement, 500), c.id";

    public static List<Claim> search(Criteria criteria, int page, int size) {
        QueryFilter filter = filterOf(criteria);
        return find("from Claim c" + filter.where() + ORDER, filter.parameters())
                .page(Page.of(page, size)).list();
    }

    public static long countMatching(Criteria criteria) {
        QueryFilter filter = filterOf(criteria);
        return find("select count(c) from Claim c" + filter.where(), filter.parameters())
                .project(Long.class).singleResult();
    }

    /** Claims with evidence from this source: a citation of it, or the source named directly. */
    public static List<Claim> citingSource(UUID sourceId) {
        return list("select c from Claim c where exists (select 1 from c.evidence e where e.sourceId = ?1) "
                + ORDER, sourceId);
    }

    /** Claims with this entity among their subjects. */
    public static List<Claim> about(EntityKind kind, UUID id) {
        return list("select c from Claim c where exists (select 1 from c.subjects s where s.kind = ?1 "
                + "and s.subjectId = ?2)" + ORDER, kind, id);
    }

    /** Claims with this source named directly among their evidence (not through a citation). */
    public static List<Claim> namingSource(UUID sourceId) {
        return list("select c from Claim c where exists (select 1 from c.evidence e where e.sourceId = ?1 "
                + "and e.citationId is null) " + ORDER, sourceId);
    }

    /** Claims with this citation among their evidence. */
    public static List<Claim> citing(UUID citationId) {
        return list("select c from Claim c where exists (select 1 from c.evidence e where e.citationId = ?1) "
                + ORDER, citationId);
    }

    private static QueryFilter filterOf(Criteria c) {
        return new QueryFilter().refersTo("c.subjects", "subject", c.subjectKind(), c.subjectId())
                .equal("c.status", "status", c.status());
    }
}
