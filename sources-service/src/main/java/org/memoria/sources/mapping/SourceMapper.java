package org.memoria.sources.mapping;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.memoria.common.api.DateView;
import org.memoria.common.contract.sources.SourceIdentifiers;
import org.memoria.common.contract.sources.OtherTitle;
import org.memoria.common.contract.sources.SourceInput;
import org.memoria.common.contract.sources.SourceState;
import org.memoria.common.persistence.EdtfValue;
import org.memoria.sources.domain.OtherTitleColumns;
import org.memoria.sources.domain.Source;
import org.memoria.sources.domain.SourceIdentifierColumns;
import org.memoria.common.contract.sources.SourceView;

/** The three shapes of a source: write model, entity and event payload, and the answer to clients. */
@ApplicationScoped
public class SourceMapper {

    @jakarta.inject.Inject
    org.memoria.common.vocabulary.Vocabularies vocabularies;

    public void apply(SourceInput input, Source source) {
        source.type = vocabularies.code(org.memoria.common.contract.sources.SourceType.VOCABULARY, input.type());
        source.title = input.title();
        Lists.replace(source.otherTitles, input.otherTitles().stream()
                .map(t -> new OtherTitleColumns(t.title(), t.language())).toList());
        Lists.replace(source.authorIds, input.authorIds());
        Lists.replace(source.organisationAuthorIds, input.organisationAuthorIds());
        source.date = EdtfValue.of(input.date());
        source.publisher = input.publisher();
        source.periodical = input.periodical();
        source.language = input.language();
        SourceIdentifiers ids = identifiers(input.identifiers());
        source.identifiers = ids == null ? null
                : new SourceIdentifierColumns(ids.url(), ids.isbn(), ids.doi(), ids.archiveReference());
        source.description = input.description();
    }

    public SourceInput toInput(Source source) {
        return new SourceInput(source.type, source.title, otherTitles(source), List.copyOf(source.authorIds),
                List.copyOf(source.organisationAuthorIds), EdtfValue.edtf(source.date), source.publisher,
                source.periodical, source.language, identifiers(source), source.description);
    }

    public SourceState toState(Source source) {
        return new SourceState(source.id, source.version, source.type, source.title, otherTitles(source),
                List.copyOf(source.authorIds),
                List.copyOf(source.organisationAuthorIds), EdtfValue.edtf(source.date), source.publisher,
                source.periodical, source.language, identifiers(source), source.description);
    }

    public SourceView toView(Source source) {
        return new SourceView(source.id, source.version, source.type, source.title, otherTitles(source),
                List.copyOf(source.authorIds),
                List.copyOf(source.organisationAuthorIds), DateView.of(EdtfValue.edtf(source.date)), source.publisher,
                source.periodical, source.language, identifiers(source), source.description, source.createdAt,
                source.updatedAt);
    }

    private static List<OtherTitle> otherTitles(Source source) {
        return source.otherTitles.stream().map(t -> new OtherTitle(t.title, t.language)).toList();
    }

    /** null when no identifier is known, so "identifiers": {} and no identifiers at all are the same source. */
    private static SourceIdentifiers identifiers(SourceIdentifiers ids) {
        return ids == null || (ids.url() == null && ids.isbn() == null && ids.doi() == null
                && ids.archiveReference() == null) ? null : ids;
    }

    private static SourceIdentifiers identifiers(Source source) {
        SourceIdentifierColumns c = source.identifiers;
        return c == null ? null : identifiers(new SourceIdentifiers(c.url, c.isbn, c.doi, c.archiveReference));
    }
}
