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

/** "fromPerson is {type} of toPerson" (Sylvia Ageloff is LIAISON of Ramón Mercader), over a period. */
@Entity
@Audited
@Table(name = "relation")
public class Relation extends OwnedEntity {

    @Column(name = "from_person_id", nullable = false)
    public UUID fromPersonId;

    @Column(nullable = false, length = 30)
    public String type;

    @Column(name = "to_person_id", nullable = false)
    public UUID toPersonId;

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "edtf", column = @Column(name = "period_edtf")),
            @AttributeOverride(name = "earliest", column = @Column(name = "period_earliest")),
            @AttributeOverride(name = "latest", column = @Column(name = "period_latest")) })
    public EdtfValue period;

    @Column(length = 2_000)
    public String note;

    /** A source of the sources service; not checked here. */
    @Column(name = "source_id")
    public UUID sourceId;

    private static final String ORDER =
            " order by r.period.earliest nulls last, r.period.latest nulls last, r.createdAt, r.id";

    /** Relations with {@code personId} at either end, of {@code type}. */
    public static List<Relation> search(UUID personId, String type, int page, int size) {
        Where where = where(personId, type);
        return find("from Relation r" + where.clause() + ORDER, where.parameters()).page(Page.of(page, size)).list();
    }

    public static long countMatching(UUID personId, String type) {
        Where where = where(personId, type);
        return count("from Relation r" + where.clause(), where.parameters());
    }

    private static Where where(UUID personId, String type) {
        return new Where().and("(r.fromPersonId = :personId or r.toPersonId = :personId)", "personId", personId)
                .and("r.type = :type", "type", type);
    }
}
