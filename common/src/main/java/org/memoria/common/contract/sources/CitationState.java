package org.memoria.common.contract.sources;

import java.util.List;
import java.util.UUID;

import org.memoria.common.contract.SubjectRef;

/** Payload of {@code org.memoria.citation.changed.v1}. */
public record CitationState(UUID id, long version, UUID sourceId, String locator, String quote, List<SubjectRef> about,
        String note) {
}
