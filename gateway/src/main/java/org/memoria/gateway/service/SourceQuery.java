package org.memoria.gateway.service;

import static org.memoria.gateway.events.Links.EVIDENCE;
import static org.memoria.gateway.events.Links.SOURCE;
import static org.memoria.gateway.service.Compose.passages;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.memoria.common.api.DateView;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.sources.ClaimState;
import org.memoria.common.contract.sources.SourceState;
import org.memoria.gateway.api.ArchiveViews.ClaimCitation;
import org.memoria.gateway.api.ArchiveViews.Ref;
import org.memoria.gateway.api.ArchiveViews.SourceDetail;
import org.memoria.gateway.service.ReadModel.Row;

/**
 * A source with its authors, cited passages and the claims whose evidence cites it (through a passage, or naming the
 * source directly), each with its stance, strength and note.
 */
@ApplicationScoped
public class SourceQuery extends EntityQuery<SourceDetail> {

    public SourceQuery() {
        super(EntityKind.SOURCE);
    }

    @Override
    SourceDetail compose(UUID id, Row row, ReadModel m) throws SQLException {
        SourceState s = m.doc(row, SourceState.class);
        List<Row> passages = m.linking(id, EntityKind.CITATION, SOURCE);
        Set<UUID> refs = new HashSet<>(s.authorIds());
        refs.addAll(s.organisationAuthorIds());
        m.fetch(refs);
        List<Ref> authors = new ArrayList<>();
        s.authorIds().forEach(a -> authors.add(m.ref(EntityKind.PERSON, a)));
        s.organisationAuthorIds().forEach(a -> authors.add(m.ref(EntityKind.ORGANISATION, a)));
        List<ClaimCitation> citedAsEvidence = new ArrayList<>();
        for (Row passage : passages) {
            for (Row claimRow : m.linking(passage.id(), EntityKind.CLAIM, EVIDENCE)) {
                ClaimState claim = m.doc(claimRow, ClaimState.class);
                claim.evidence().stream().filter(ev -> passage.id().equals(ev.citationId()))
                        .forEach(ev -> citedAsEvidence.add(citation(claim, ev)));
            }
        }
        Set<UUID> naming = new HashSet<>();
        for (Row claimRow : m.linking(id, EntityKind.CLAIM, EVIDENCE)) {
            if (!naming.add(claimRow.id())) {
                continue; // the claim names the source more than once: all of it was shown at its first row
            }
            ClaimState claim = m.doc(claimRow, ClaimState.class);
            claim.evidence().stream().filter(ev -> ev.citationId() == null && id.equals(ev.sourceId()))
                    .forEach(ev -> citedAsEvidence.add(citation(claim, ev)));
        }
        return new SourceDetail(s.id(), row.version(), s.type(), s.title(),
                s.otherTitles() == null ? List.of() : s.otherTitles(), authors, DateView.of(s.date()),
                s.publisher(), s.periodical(), s.language(), s.identifiers(), s.description(), passages(passages, m),
                citedAsEvidence);
    }

    private static ClaimCitation citation(ClaimState claim, ClaimState.Evidence ev) {
        return new ClaimCitation(claim.id(), claim.statement(), claim.status(), ev.stance(), ev.strength(), ev.note(),
                ev.citationId());
    }
}
