package org.memoria.sources.domain;

import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One other title of a source, a row of {@code source_other_title}. */
@Embeddable
public class OtherTitleColumns {

    @Column(nullable = false, length = 500)
    public String title;

    @Column(length = 3)
    public String language;

    public OtherTitleColumns() {
    }

    public OtherTitleColumns(String title, String language) {
        this.title = title;
        this.language = language;
    }

    /** By value, so that replacing the titles with the same ones leaves the collection (and the version) alone. */
    @Override
    public boolean equals(Object o) {
        return o instanceof OtherTitleColumns other && Objects.equals(title, other.title)
                && Objects.equals(language, other.language);
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, language);
    }
}
