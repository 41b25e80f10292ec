package org.memoria.gateway.service;

import static org.memoria.gateway.service.Compose.claims;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.contract.EntityKind;
import org.memoria.gateway.api.ArchiveViews.Claim;
import org.memoria.gateway.service.ReadModel.Row;

/** A claim with its evidence and the history of its status. */
@ApplicationScoped
public class ClaimQuery {

    @Inject
    Snapshot snapshot;

    public Optional<Claim> find(UUID id) {
        return snapshot.read((c, m) -> {
            Row row = m.entity(id, EntityKind.CLAIM);
            return row == null ? Optional.<Claim> empty() : Optional.of(claims(List.of(row), m).get(0));
        });
    }
}
