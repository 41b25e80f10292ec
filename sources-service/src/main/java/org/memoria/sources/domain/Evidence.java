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
 * A citation, or a source named directly, that supports or disputes a claim. The source (the citation's, or the one
 * named) and that source's date are copied here when the claim is written and whenever they change, so the claim's
 * derived status and its event follow them. Evidence that names its source directly has no citation and may have a
 * locator and quote of its own.
 */
@Embeddable
public class Evidence {
    /** Null when the evidence names its source directly. */
    @Column(name = "citation_id")
    public UUID citationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Stance stance;

    /** Null when nobody has weighed it (it then counts like INDICATIVE, {@link ClaimStatusRules}). */
    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    public Strength strength;

    @Column(length = 2000)
    public String note;

    @Column(name = "source_id", nullable = false)
    public UUID sourceId;

    /** The source's EDTF date; null when the source is undated. */
    @Column(name = "source_date", length = 200)
    public String sourceDate;

    /** Where in the source, for evidence that names its source directly (a citation has its own). */
    @Column(length = 200)
    public String locator;

    /** What the source says, for evidence that names its source directly (a citation has its own). */
    @Column(length = 2000)
    public String quote;

    public Evidence() {
    }

    public Evidence(UUID citationId, Stance stance, Strength strength, String note, UUID sourceId, String sourceDate,
            String locator, String quote) {
        this.citationId = citationId;
        this.stance = stance;
        this.strength = strength;
        this.note = note;
        this.sourceId = sourceId;
        this.sourceDate = sourceDate;
        this.locator = locator;
        this.quote = quote;
    }

    public ClaimState.Evidence toState() {
        return new ClaimState.Evidence(citationId, stance, strength, note, sourceId, sourceDate, locator, quote);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Evidence other && Objects.equals(citationId, other.citationId) && stance == other.stance
                && strength == other.strength && Objects.equals(note, other.note)
                && Objects.equals(sourceId, other.sourceId) && Objects.equals(sourceDate, other.sourceDate)
                && Objects.equals(locator, other.locator) && Objects.equals(quote, other.quote);
    }

    @Override
    public int hashCode() {
        return Objects.hash(citationId, stance, strength, note, sourceId, sourceDate, locator, quote);
    }
}
