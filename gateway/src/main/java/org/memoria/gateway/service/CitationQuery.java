package org.memoria.gateway.service;

import static org.memoria.gateway.service.Compose.passages;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.contract.EntityKind;
import org.memoria.gateway.api.ArchiveViews.Passage;
import org.memoria.gateway.service.ReadModel.Row;

/** A cited passage: its source, locator, quote and what it is about. */
@ApplicationScoped
public class CitationQuery {

    @Inject
    Snapshot snapshot;

    public Optional<Passage> find(UUID id) {
        return snapshot.read((c, m) -> {
            Row row = m.entity(id, EntityKind.CITATION);
            return row == null ? Optional.<Passage> empty() : Optional.of(passages(List.of(row), m).get(0));
        });
    }
}
