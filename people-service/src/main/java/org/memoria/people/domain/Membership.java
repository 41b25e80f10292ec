package org.memoria.people.domain;

import java.util.List;
import java.util.UUID;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.envers.Audited;
import org.memoria.common.persistence.EdtfValue;
import org.memoria.common.persistence.OwnedEntity;

import io.quarkus.panache.common.Page;

/** A person's membership of an organisation: both are entities of this service (the schema holds them to it). */
@Entity
@Audited
@Table(name = "membership")
public class Membership extends OwnedEntity {

    @Column(name = "person_id", nullable = false)
    public UUID personId;

    @Column(name = "organisation_id", nullable = false)
    public UUID organisationId;

    @Column(length = 200)
    public String role;

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "edtf", column = @Column(name = "period_edtf")),
            @AttributeOverride(name = "earliest", column = @Column(name = "period_earliest")),
            @AttributeOverride(name = "latest", column = @Column(name = "period_latest")) })
    public EdtfValue period;

    /** A source of the sources service; not checked here. */
    @Column(name = "source_id")
    public UUID sourceId;

    /** Chronologically by the start of the period (undated last), then in the order they were recorded. */
    private static final String ORDER =
            " order by m.period.earliest nulls last, m.period.latest nulls last, m.createdAt, m.id";

    public static List<Membership> search(UUID personId, UUID organisationId, int page, int size) {
        Where where = where(personId, organisationId);
        return find("from Membership m" + where.clause() + ORDER, where.parameters()).page(Page.of(page, size)).list();
    }

    public static long countMatching(UUID personId, UUID organisationId) {
        Where where = where(personId, organisationId);
        return count("from Membership m" + where.clause(), where.parameters());
    }

    private static Where where(UUID personId, UUID organisationId) {
        return new Where().and("m.personId = :personId", "personId", personId)
                .and("m.organisationId = :organisationId", "organisationId", organisationId);
    }
}
