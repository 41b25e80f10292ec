package org.memoria.sources.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.memoria.common.api.Page;
import org.memoria.common.contract.sources.SourceInput;
import org.memoria.common.contract.sources.SourceState;
import org.memoria.common.contract.sources.SourceType;
import org.memoria.common.events.Topics;
import org.memoria.common.service.OwnedEntityCommands;
import org.memoria.sources.domain.Source;
import org.memoria.sources.mapping.SourceMapper;
import org.memoria.sources.rest.SourceView;

@ApplicationScoped
public class SourceService extends OwnedEntityCommands<Source, SourceInput, SourceState> {

    @Inject
    SourceMapper mapper;

    public SourceService() {
        super(Source.class, Topics.SOURCES, "source");
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<SourceView> list(SourceType type, UUID authorId, int page, int size) {
        return new Page<>(Source.search(type, authorId, page, size).stream().map(mapper::toView).toList(), page,
                size, Source.countMatching(type, authorId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SourceView> find(UUID id) {
        return Source.<Source> findByIdOptional(id).map(mapper::toView);
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
