package org.memoria.gateway.service;

import static org.memoria.gateway.service.Compose.claims;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.memoria.common.contract.EntityKind;
import org.memoria.gateway.api.ArchiveViews.Claim;
import org.memoria.gateway.service.ReadModel.Row;

/** A claim with its evidence and the history of its status. */
@ApplicationScoped
public class ClaimQuery extends EntityQuery<Claim> {

    public ClaimQuery() {
        super(EntityKind.CLAIM);
    }

    @Override
    Claim compose(UUID id, Row row, ReadModel m) throws SQLException {
        return claims(List.of(row), m).get(0);
    }
}
