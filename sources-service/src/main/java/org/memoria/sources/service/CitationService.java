package org.memoria.sources.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.memoria.common.api.Page;
import org.memoria.common.api.Preconditions;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.sources.CitationInput;
import org.memoria.common.contract.sources.CitationState;
import org.memoria.common.events.Topics;
import org.memoria.common.service.OwnedEntityService;
import org.memoria.sources.domain.Citation;
import org.memoria.sources.domain.Claim;
import org.memoria.sources.mapping.CitationMapper;
import org.memoria.common.contract.sources.CitationView;

@ApplicationScoped
public class CitationService extends OwnedEntityService<Citation, CitationInput, CitationState, CitationView> {

    @Inject
    CitationMapper mapper;
    @Inject
    ClaimService claims;
    @Inject
    References references;

    public CitationService() {
        super(Citation.class, Topics.SOURCES, "citation");
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<CitationView> list(Citation.Criteria criteria, int page, int size) {
        return page(Citation.search(criteria, page, size), page, size,
                Citation.countMatching(criteria));
    }

    /** Also re-derives, in the same transaction, every claim citing it (its source may have changed). */
    @Override
    protected void replaced(Citation citation) {
        claims.rederiveCiting(citation.id);
    }

    /** A citation that is evidence of a claim, or named by a citation or a claim, cannot be deleted. */
    @Override
    @Transactional
    public boolean delete(UUID id, Preconditions conditions) {
        return deleteUnreferenced(id, conditions, this::requireUnreferenced);
    }

    private void requireUnreferenced(Citation citation) {
        UUID id = citation.id;
        List<Claim> evidenceOf = Claim.citing(id);
        references.requireUnreferenced(EntityKind.CITATION, id, evidenceOf.isEmpty() ? List.of()
                : List.of("evidence of " + References.describe(evidenceOf)
                        + "; remove it from their evidence first"));
    }

    @Override
    public CitationView view(Citation citation) {
        return mapper.toView(citation);
    }

    @Override
    protected Citation newEntity() {
        return new Citation();
    }

    /** The source must be a source of this service, and what the passage is about, where it is ours, must exist. */
    @Override
    protected void apply(CitationInput input, Citation citation) {
        references.check(EntityKind.CITATION, citation.id)
                .require("sourceId", input.sourceId(), EntityKind.SOURCE)
                .requireLocal("about", input.about())
                .verify();
        mapper.apply(input, citation);
    }

    @Override
    protected CitationInput inputOf(Citation citation) {
        return mapper.toInput(citation);
    }

    @Override
    protected CitationState stateOf(Citation citation) {
        return mapper.toState(citation);
    }
}
