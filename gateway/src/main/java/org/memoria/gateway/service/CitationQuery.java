package org.memoria.gateway.service;

import static org.memoria.gateway.service.Compose.passages;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.memoria.common.contract.EntityKind;
import org.memoria.gateway.api.ArchiveViews.Passage;
import org.memoria.gateway.service.ReadModel.Row;

/** A cited passage: its source, locator, quote and what it is about. */
@ApplicationScoped
public class CitationQuery extends EntityQuery<Passage> {

    public CitationQuery() {
        super(EntityKind.CITATION);
    }

    @Override
    Passage compose(UUID id, Row row, ReadModel m) throws SQLException {
        return passages(List.of(row), m).get(0);
    }
}
