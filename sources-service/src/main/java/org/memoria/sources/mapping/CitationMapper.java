package org.memoria.sources.mapping;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.memoria.common.contract.SubjectRef;
import org.memoria.common.contract.sources.CitationInput;
import org.memoria.common.contract.sources.CitationState;
import org.memoria.sources.domain.Citation;
import org.memoria.sources.domain.SubjectReference;
import org.memoria.common.contract.sources.CitationView;

/** The three shapes of a citation: write model, entity and event payload, and the answer to clients. */
@ApplicationScoped
public class CitationMapper {

    public void apply(CitationInput input, Citation citation) {
        citation.sourceId = input.sourceId();
        citation.locator = input.locator();
        citation.quote = input.quote();
        Lists.replace(citation.about, input.about().stream().map(SubjectReference::of).toList());
        citation.note = input.note();
    }

    public CitationInput toInput(Citation citation) {
        return new CitationInput(citation.sourceId, citation.locator, citation.quote, about(citation), citation.note);
    }

    public CitationState toState(Citation citation) {
        return new CitationState(citation.id, citation.version, citation.sourceId, citation.locator, citation.quote,
                about(citation), citation.note);
    }

    public CitationView toView(Citation citation) {
        return new CitationView(citation.id, citation.version, citation.sourceId, citation.locator, citation.quote,
                about(citation), citation.note, citation.createdAt, citation.updatedAt);
    }

    private static List<SubjectRef> about(Citation citation) {
        return citation.about.stream().map(SubjectReference::toRef).toList();
    }
}
