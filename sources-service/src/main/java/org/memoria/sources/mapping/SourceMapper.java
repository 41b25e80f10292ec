package org.memoria.sources.mapping;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.memoria.common.api.DateView;
import org.memoria.common.contract.sources.SourceInput;
import org.memoria.common.contract.sources.SourceState;
import org.memoria.common.persistence.EdtfValue;
import org.memoria.sources.domain.Source;
import org.memoria.sources.rest.SourceView;

/** The three shapes of a source: write model, entity and event payload, and the answer to clients. */
@ApplicationScoped
public class SourceMapper {

    public void apply(SourceInput input, Source source) {
        source.type = input.type();
        source.title = input.title();
        source.authorIds.clear();
        source.authorIds.addAll(input.authorIds());
        source.date = EdtfValue.of(input.date());
        source.publisher = input.publisher();
        source.url = input.url();
    }

    public SourceInput toInput(Source source) {
        return new SourceInput(source.type, source.title, List.copyOf(source.authorIds), EdtfValue.edtf(source.date),
                source.publisher, source.url);
    }

    public SourceState toState(Source source) {
        return new SourceState(source.id, source.version, source.type, source.title, List.copyOf(source.authorIds),
                EdtfValue.edtf(source.date), source.publisher, source.url);
    }

    public SourceView toView(Source source) {
        return new SourceView(source.id, source.version, source.type, source.title, List.copyOf(source.authorIds),
                DateView.of(EdtfValue.edtf(source.date)), source.publisher, source.url, source.createdAt,
                source.updatedAt);
    }
}
