package org.memoria.sources.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.memoria.common.api.Page;
import org.memoria.common.api.Preconditions;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.sources.SourceInput;
import org.memoria.common.contract.sources.SourceState;
import org.memoria.common.events.Topics;
import org.memoria.common.service.OwnedEntityService;
import org.memoria.sources.domain.Citation;
import org.memoria.sources.domain.Claim;
import org.memoria.sources.domain.Source;
import org.memoria.sources.mapping.CitationMapper;
import org.memoria.sources.mapping.SourceMapper;
import org.memoria.common.contract.sources.CitationView;
import org.memoria.common.contract.sources.SourceView;

@ApplicationScoped
public class SourceService extends OwnedEntityService<Source, SourceInput, SourceState, SourceView> {

    @Inject
    SourceMapper mapper;
    @Inject
    CitationMapper citationMapper;
    @Inject
    ClaimService claims;
    @Inject
    References references;

    public SourceService() {
        super(Source.class, Topics.SOURCES, "source");
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<SourceView> list(Source.Criteria criteria, Source.Order order, int page, int size) {
        return page(Source.search(criteria, order, page, size), page, size, Source.countMatching(criteria));
    }

    /** The passages cited from this source, in the order they were recorded; empty if there is no such source. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Page<CitationView>> citations(UUID id, int page, int size) {
        if (Source.count("id", id) == 0) {
            return Optional.empty();
        }
        Citation.Criteria criteria = new Citation.Criteria(id, null, null);
        return Optional.of(new Page<>(Citation.search(criteria, page, size).stream().map(citationMapper::toView)
                .toList(), page, size, Citation.countMatching(criteria)));
    }

    /**
     * Also re-derives, in the same transaction, every claim whose evidence cites the source or names it directly (its
     * date may have moved).
     */
    @Override
    protected void replaced(Source source) {
        claims.rederiveCitingSource(source.id);
    }

    /** A source that is cited, named directly as evidence, or named by a citation or a claim, cannot be deleted. */
    @Override
    @Transactional
    public boolean delete(UUID id, Preconditions conditions) {
        return deleteUnreferenced(id, conditions, this::requireUncited);
    }

    private void requireUncited(Source source) {
        UUID id = source.id;
        List<Citation> cited = Citation.ofSource(id);
        List<String> referrers = new ArrayList<>();
        if (!cited.isEmpty()) {
            referrers.add("the source of " + cited.size() + (cited.size() > 1 ? " citations (" : " citation (")
                    + cited.stream().map(c -> c.id.toString()).collect(Collectors.joining(", "))
                    + "); delete or move them first");
        }
        List<Claim> evidenceOf = Claim.namingSource(id);
        if (!evidenceOf.isEmpty()) {
            referrers.add("named directly as evidence of " + References.describe(evidenceOf)
                    + "; remove it from their evidence first");
        }
        references.requireUnreferenced(EntityKind.SOURCE, id, referrers);
    }

    @Override
    public SourceView view(Source source) {
        return mapper.toView(source);
    }

    @Override
    protected Source newEntity() {
        return new Source();
    }

    @Override
    protected void apply(SourceInput input, Source source) {
        mapper.apply(input, source);
    }

    @Override
    protected SourceInput inputOf(Source source) {
        return mapper.toInput(source);
    }

    @Override
    protected SourceState stateOf(Source source) {
        return mapper.toState(source);
    }
}
