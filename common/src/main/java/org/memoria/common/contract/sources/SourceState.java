package org.memoria.common.contract.sources;

import java.util.List;
import java.util.UUID;

/** Payload of {@code org.memoria.source.changed.v1}: the source's full state at {@code version}. */
public record SourceState(UUID id, long version, String type, String title, List<OtherTitle> otherTitles,
        List<UUID> authorIds,
        List<UUID> organisationAuthorIds, String date, String publisher, String periodical, String language,
        SourceIdentifiers identifiers, String description) {
}
