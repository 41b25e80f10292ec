package org.memoria.sources.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.memoria.common.api.Page;
import org.memoria.common.api.Preconditions;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.sources.ClaimInput;
import org.memoria.common.contract.sources.ClaimState;
import org.memoria.common.events.Topics;
import org.memoria.common.service.OwnedEntityService;
import org.memoria.sources.domain.Citation;
import org.memoria.sources.domain.Claim;
import org.memoria.sources.domain.Evidence;
import org.memoria.sources.domain.Source;
import org.memoria.sources.mapping.ClaimMapper;
import org.memoria.common.contract.sources.ClaimView;

@ApplicationScoped
public class ClaimService extends OwnedEntityService<Claim, ClaimInput, ClaimState, ClaimView> {

    static final String AGGREGATE = "claim";

    @Inject
    ClaimMapper mapper;
    @Inject
    References references;

    public ClaimService() {
        super(Claim.class, Topics.SOURCES, AGGREGATE);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ClaimView> list(Claim.Criteria criteria, int page, int size) {
        return page(Claim.search(criteria, page, size), page, size, Claim.countMatching(criteria));
    }

    /** The claim as clients see it, with its evidence's citations and sources. */
    @Override
    public ClaimView view(Claim claim) {
        return views(List.of(claim)).get(0);
    }

    /** The claims' views, the citations and sources of all their evidence read at once. */
    @Override
    protected List<ClaimView> views(List<Claim> claims) {
        Set<UUID> citationIds = new HashSet<>();
        Set<UUID> sourceIds = new HashSet<>();
        claims.forEach(c -> c.evidence.forEach(e -> {
            if (e.citationId != null) {
                citationIds.add(e.citationId);
            }
            sourceIds.add(e.sourceId);
        }));
        Map<UUID, Citation> citations = citationIds.isEmpty() ? Map.of()
                : Citation.<Citation> list("id in ?1", citationIds).stream()
                        .collect(Collectors.toMap(c -> c.id, Function.identity()));
        Map<UUID, Source> sources = sourceIds.isEmpty() ? Map.of()
                : Source.<Source> list("id in ?1", sourceIds).stream()
                        .collect(Collectors.toMap(s -> s.id, Function.identity()));
        return claims.stream().map(c -> mapper.toView(c, citations, sources)).toList();
    }

    /**
     * Re-derives every claim with evidence from this source (a citation of it, or the source named directly),
     * publishing each one that changed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rederiveCitingSource(UUID sourceId) {
        Claim.citingSource(sourceId).forEach(this::rederive);
    }

    /** Re-derives every claim with this citation among its evidence, publishing each one that changed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rederiveCiting(UUID citationId) {
        Claim.citing(citationId).forEach(this::rederive);
    }

    private void rederive(Claim claim) {
        List<Evidence> refreshed = new ArrayList<>(claim.evidence.size());
        for (Evidence e : claim.evidence) {
            UUID sourceId = e.citationId == null ? e.sourceId : Citation.<Citation> findById(e.citationId).sourceId;
            refreshed.add(ClaimMapper.evidence(ClaimMapper.input(e), Source.findById(sourceId)));
        }
        long before = claim.version;
        mapper.setEvidence(claim, refreshed);
        Claim.getEntityManager().flush(); // bumps the version if the evidence or the status changed
        if (claim.version != before) {
            outbox.changed(Topics.SOURCES, AGGREGATE, claim.id, claim.version, mapper.toState(claim));
        }
    }

    /** A claim named by a citation or another claim cannot be deleted. */
    @Override
    @Transactional
    public boolean delete(UUID id, Preconditions conditions) {
        return deleteUnreferenced(id, conditions,
                claim -> references.requireUnreferenced(EntityKind.CLAIM, claim.id, List.of()));
    }

    @Override
    protected Claim newEntity() {
        return new Claim();
    }

    /**
     * Each evidence must cite an existing citation of this service, once, or name an existing source of this service
     * (Bean Validation has made sure it gives exactly one); subjects of this service's kinds must exist. The evidence
     * is stored with its source (the citation's, or the one named) and that source's date, and the status derived.
     */
    @Override
    protected void apply(ClaimInput input, Claim claim) {
        References.Check check = references.check(EntityKind.CLAIM, claim.id).requireLocal("subjects", input.subjects());
        Set<UUID> cited = new HashSet<>();
        List<Evidence> evidence = new ArrayList<>(input.evidence().size());
        for (int i = 0; i < input.evidence().size(); i++) {
            ClaimInput.EvidenceInput e = input.evidence().get(i);
            if (e.citationId() == null && e.sourceId() == null) {
                check.reject("evidence[" + i + "].citationId", "give either citationId (a citation) or sourceId "
                        + "(the source itself)");
                continue;
            }
            if (e.citationId() == null) {
                Source source = Source.findById(e.sourceId());
                if (source == null) {
                    check.require("evidence[" + i + "].sourceId", e.sourceId(), EntityKind.SOURCE);
                } else {
                    evidence.add(ClaimMapper.evidence(e, source));
                }
                continue;
            }
            String field = "evidence[" + i + "].citationId";
            if (!cited.add(e.citationId())) {
                check.reject(field, "citation " + e.citationId() + " is already evidence of this claim; give each "
                        + "citation once");
                continue;
            }
            Citation citation = Citation.findById(e.citationId());
            if (citation == null) {
                check.require(field, e.citationId(), EntityKind.CITATION);
                continue;
            }
            evidence.add(ClaimMapper.evidence(e, Source.findById(citation.sourceId)));
        }
        check.verify();
        mapper.apply(input, evidence, claim);
    }

    @Override
    protected ClaimInput inputOf(Claim claim) {
        return mapper.toInput(claim);
    }

    @Override
    protected ClaimState stateOf(Claim claim) {
        return mapper.toState(claim);
    }
}
