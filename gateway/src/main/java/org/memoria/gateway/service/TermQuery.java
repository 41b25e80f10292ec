package org.memoria.gateway.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.vocabulary.TermView;

/** A vocabulary term by id, as the read model last saw it published (what the change feed links to). */
@ApplicationScoped
public class TermQuery {

    @Inject
    Snapshot snapshot;

    public Optional<TermView> find(UUID id) {
        return snapshot.read((c, m) -> {
            ReadModel.Row row = m.entity(id, EntityKind.TERM);
            return Optional.ofNullable(row == null ? null : m.doc(row, TermView.class));
        });
    }
}
