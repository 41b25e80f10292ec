package org.memoria.sources.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.memoria.common.contract.sources.ClaimState;
import org.memoria.common.contract.sources.ClaimStatus;
import org.memoria.common.contract.sources.Stance;
import org.memoria.common.contract.sources.Strength;
import org.memoria.common.edtf.Edtf;

/**
 * The one place where a claim's status and its history are derived from the evidence (docs/claims.md). Pure: no
 * database, no clock; the evidence carries its source's EDTF date.
 */
public final class ClaimStatusRules {

    /**
     * Chronological order of evidence: by the earliest day of its source's date (the citation's source, or the source
     * named directly); evidence whose source has no earliest day (undated, or an open start) last; ties by the id (as
     * text) of its citation, or of its source when it names the source directly, then by its own locator.
     */
    public static final Comparator<ClaimState.Evidence> CHRONOLOGICAL = Comparator
            .comparing(ClaimStatusRules::earliest, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(e -> String.valueOf(e.citationId() != null ? e.citationId() : e.sourceId()))
            .thenComparing(ClaimState.Evidence::locator, Comparator.nullsFirst(Comparator.naturalOrder()));

    private ClaimStatusRules() {
    }

    /** The derivation: the evidence in chronological order, the status it gives, and how the status got there. */
    public record Derivation(List<ClaimState.Evidence> evidence, ClaimStatus status,
            List<ClaimState.StatusChange> history) {
    }

    /**
     * Unweighed evidence (no strength given) counts like INDICATIVE: the archive never establishes or refutes a claim
     * on evidence nobody has weighed; only CONCLUSIVE evidence does. The strength itself stays unweighed (null) in
     * what is stored and shown; this is only how it counts.
     */
    public static Strength weight(Strength strength) {
        return strength == null ? Strength.INDICATIVE : strength;
    }

    /**
     * The status all of this evidence gives, whatever its order (unweighed evidence counting like INDICATIVE,
     * {@link #weight}):
     * <ul>
     * <li>CONCLUSIVE support and CONCLUSIVE dispute: DISPUTED;</li>
     * <li>CONCLUSIVE support (and no CONCLUSIVE dispute): ESTABLISHED;</li>
     * <li>CONCLUSIVE dispute (and no CONCLUSIVE support): REFUTED;</li>
     * <li>otherwise any dispute: DISPUTED;</li>
     * <li>otherwise (no evidence, or only INDICATIVE or unweighed support): ASSERTED.</li>
     * </ul>
     */
    public static ClaimStatus statusOf(Collection<ClaimState.Evidence> evidence) {
        boolean conclusiveSupport = false;
        boolean conclusiveDispute = false;
        boolean dispute = false;
        for (ClaimState.Evidence e : evidence) {
            boolean conclusive = weight(e.strength()) == Strength.CONCLUSIVE;
            if (e.stance() == Stance.DISPUTES) {
                dispute = true;
                conclusiveDispute |= conclusive;
            } else {
                conclusiveSupport |= conclusive;
            }
        }
        if (conclusiveSupport && conclusiveDispute) {
            return ClaimStatus.DISPUTED;
        }
        if (conclusiveSupport) {
            return ClaimStatus.ESTABLISHED;
        }
        if (conclusiveDispute) {
            return ClaimStatus.REFUTED;
        }
        return dispute ? ClaimStatus.DISPUTED : ClaimStatus.ASSERTED;
    }

    /**
     * Orders the evidence chronologically and applies {@link #statusOf} to each growing prefix: the history has an
     * entry (naming that evidence's source, and its citation when it has one) for the first evidence and one for every
     * evidence after which the status differs from before. No
     * evidence: status ASSERTED, empty history.
     */
    public static Derivation derive(Collection<ClaimState.Evidence> evidence) {
        List<ClaimState.Evidence> ordered = evidence.stream().sorted(CHRONOLOGICAL).toList();
        List<ClaimState.StatusChange> history = new ArrayList<>();
        ClaimStatus status = ClaimStatus.ASSERTED;
        for (int i = 0; i < ordered.size(); i++) {
            ClaimStatus next = statusOf(ordered.subList(0, i + 1));
            if (i == 0 || next != status) {
                ClaimState.Evidence e = ordered.get(i);
                history.add(new ClaimState.StatusChange(e.sourceDate(), next, e.citationId(), e.sourceId()));
            }
            status = next;
        }
        return new Derivation(ordered, status, List.copyOf(history));
    }

    private static LocalDate earliest(ClaimState.Evidence e) {
        return e.sourceDate() == null || e.sourceDate().isBlank() ? null : Edtf.parse(e.sourceDate()).earliest();
    }
}
