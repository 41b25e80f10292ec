package org.memoria.people.domain;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import org.memoria.common.persistence.EdtfValue;

/**
 * A name a person or organisation is known by: its kind, its EDTF period of use (with computed bounds) and the source
 * that attests it. Equal by value, so that rewriting an unchanged list of names is no change (for Hibernate's dirty
 * check and for the Envers history alike).
 */
@Embeddable
public class Name {
    @Column(nullable = false, length = 300)
    public String name;

    @Column(nullable = false, length = 30)
    public String type;

    /** The period as an EDTF string; bounds below. Kept flat: the columns of an element collection. */
    @Column(name = "period_edtf", length = 200)
    public String periodEdtf;

    @Column(name = "period_earliest")
    public LocalDate periodEarliest;

    @Column(name = "period_latest")
    public LocalDate periodLatest;

    @Column(name = "source_id")
    public UUID sourceId;

    public Name() {
    }

    public Name(String name, String type, String period, UUID sourceId) {
        this.name = name;
        this.type = type;
        EdtfValue value = EdtfValue.of(period);
        if (value != null) {
            this.periodEdtf = value.edtf;
            this.periodEarliest = value.earliest;
            this.periodLatest = value.latest;
        }
        this.sourceId = sourceId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Name n && Objects.equals(name, n.name) && Objects.equals(type, n.type)
                && Objects.equals(periodEdtf, n.periodEdtf) && Objects.equals(sourceId, n.sourceId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, periodEdtf, sourceId);
    }
}
