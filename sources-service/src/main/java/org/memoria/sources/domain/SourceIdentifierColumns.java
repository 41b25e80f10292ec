package org.memoria.sources.domain;

import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Where a source can be found; all columns null when nothing is known (then Hibernate loads the embedded as null). */
@Embeddable
public class SourceIdentifierColumns {
    @Column(length = 2000)
    public String url;

    @Column(length = 13)
    public String isbn;

    @Column(columnDefinition = "text")
    public String doi;

    @Column(name = "archive_reference", length = 300)
    public String archiveReference;

    public SourceIdentifierColumns() {
    }

    public SourceIdentifierColumns(String url, String isbn, String doi, String archiveReference) {
        this.url = url;
        this.isbn = isbn;
        this.doi = doi;
        this.archiveReference = archiveReference;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceIdentifierColumns other && Objects.equals(url, other.url)
                && Objects.equals(isbn, other.isbn) && Objects.equals(doi, other.doi)
                && Objects.equals(archiveReference, other.archiveReference);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, isbn, doi, archiveReference);
    }
}
