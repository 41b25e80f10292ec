package org.memoria.sources.domain;

import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import org.memoria.common.contract.sources.ClaimState;
import org.memoria.common.contract.sources.Stance;
import org.memoria.common.contract.sources.Strength;

/**
 * A citation that supports or disputes a claim. The citation's source and that source's date are copied here when
 * the claim is written and whenever they change, so the claim's derived status and its event follow them.
 */
@Embeddable
public class Evidence {
    @Column(name = "citation_id", nullable = false)
    public UUID citationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Stance stance;

    /** Stored as it weighs: INDICATIVE when the archivist gave none. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Strength strength;

    @Column(length = 2000)
    public String note;

    @Column(name = "source_id", nullable = false)
    public UUID sourceId;

    /** The source's EDTF date; null when the source is undated. */
    @Column(name = "source_date", length = 200)
    public String sourceDate;

    public Evidence() {
    }

    public Evidence(UUID citationId, Stance stance, Strength strength, String note, UUID sourceId, String sourceDate) {
        this.citationId = citationId;
        this.stance = stance;
        this.strength = strength;
        this.note = note;
        this.sourceId = sourceId;
        this.sourceDate = sourceDate;
    }

    public ClaimState.Evidence toState() {
        return new ClaimState.Evidence(citationId, stance, strength, note, sourceId, sourceDate);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Evidence other && Objects.equals(citationId, other.citationId) && stance == other.stance
                && strength == other.strength && Objects.equals(note, other.note)
                && Objects.equals(sourceId, other.sourceId) && Objects.equals(sourceDate, other.sourceDate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(citationId, stance, strength, note, sourceId, sourceDate);
    }
}
