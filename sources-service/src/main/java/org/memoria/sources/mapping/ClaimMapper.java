package org.memoria.sources.mapping;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.memoria.common.api.DateView;
import org.memoria.common.contract.SubjectRef;
import org.memoria.common.contract.sources.ClaimInput;
import org.memoria.common.contract.sources.ClaimState;
import org.memoria.common.persistence.EdtfValue;
import org.memoria.sources.domain.Citation;
import org.memoria.sources.domain.Claim;
import org.memoria.sources.domain.ClaimStatusRules;
import org.memoria.sources.domain.Evidence;
import org.memoria.sources.domain.Source;
import org.memoria.sources.domain.SubjectReference;
import org.memoria.common.contract.sources.ClaimView;

/**
 * The shapes of a claim: write model, entity, event payload and the answer to clients. The status, the history and
 * the chronological order of the evidence come from {@link ClaimStatusRules}, nowhere else.
 */
@ApplicationScoped
public class ClaimMapper {

    /** Copies the input onto the claim, with its evidence already resolved to sources, and derives the status. */
    public void apply(ClaimInput input, List<Evidence> evidence, Claim claim) {
        claim.statement = input.statement();
        Lists.replace(claim.subjects, input.subjects().stream().map(SubjectReference::of).toList());
        setEvidence(claim, evidence);
    }

    /** Replaces the evidence (if it differs) and derives the status from it. */
    public void setEvidence(Claim claim, List<Evidence> evidence) {
        Lists.replace(claim.evidence, evidence);
        claim.status = derive(claim).status();
    }

    public ClaimInput toInput(Claim claim) {
        return new ClaimInput(claim.statement, subjects(claim), claim.evidence.stream()
                .map(ClaimMapper::input).toList());
    }

    /** The evidence as it was written: a citation, or the source itself with its own locator and quote. */
    public static ClaimInput.EvidenceInput input(Evidence e) {
        return e.citationId != null ? new ClaimInput.EvidenceInput(e.citationId, e.stance, e.strength, e.note)
                : new ClaimInput.EvidenceInput(null, e.sourceId, e.locator, e.quote, e.stance, e.strength, e.note);
    }

    public ClaimState toState(Claim claim) {
        ClaimStatusRules.Derivation d = derive(claim);
        return new ClaimState(claim.id, claim.version, claim.statement, subjects(claim), d.evidence(), d.status(),
                d.history());
    }

    /**
     * The claim with each evidence's citation and source as they are now (absent ones shown without them); the
     * locator and quote are the citation's, or the evidence's own when it names its source directly.
     */
    public ClaimView toView(Claim claim, Map<UUID, Citation> citations, Map<UUID, Source> sources) {
        ClaimStatusRules.Derivation d = derive(claim);
        List<ClaimView.EvidenceView> evidence = d.evidence().stream().map(e -> {
            Citation c = e.citationId() == null ? null : citations.get(e.citationId());
            Source s = sources.get(e.sourceId());
            return new ClaimView.EvidenceView(e.citationId(), e.stance(), e.strength(), e.note(), e.sourceId(),
                    s == null ? null : s.title, DateView.of(e.sourceDate()),
                    e.citationId() == null ? e.locator() : c == null ? null : c.locator,
                    e.citationId() == null ? e.quote() : c == null ? null : c.quote);
        }).toList();
        return new ClaimView(claim.id, claim.version, claim.statement, subjects(claim), evidence, d.status(),
                d.history(), claim.createdAt, claim.updatedAt);
    }

    /**
     * The evidence as the event carries it: with its source (the citation's, or the one named directly) and that
     * source's date; the strength as given (null: unweighed).
     */
    public static Evidence evidence(ClaimInput.EvidenceInput input, Source source) {
        return new Evidence(input.citationId(), input.stance(), input.strength(), input.note(), source.id,
                EdtfValue.edtf(source.date), input.citationId() == null ? input.locator() : null,
                input.citationId() == null ? input.quote() : null);
    }

    private static ClaimStatusRules.Derivation derive(Claim claim) {
        return ClaimStatusRules.derive(claim.evidence.stream().map(Evidence::toState).toList());
    }

    private static List<SubjectRef> subjects(Claim claim) {
        return claim.subjects.stream().map(SubjectReference::toRef).toList();
    }
}
