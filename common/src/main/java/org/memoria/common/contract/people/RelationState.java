package org.memoria.common.contract.people;

import java.util.UUID;

/** Payload of {@code org.memoria.relation.changed.v1}. */
public record RelationState(UUID id, long version, UUID fromPersonId, String type, UUID toPersonId,
        String period, String note, UUID sourceId) {
}
