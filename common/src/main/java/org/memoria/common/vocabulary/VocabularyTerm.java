package org.memoria.common.vocabulary;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A stored term of a managed vocabulary (table {@code vocabulary_term}, shipped in memoria-common). */
@Entity
@Table(name = "vocabulary_term")
public class VocabularyTerm extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(nullable = false, length = 40)
    public String vocabulary;
    @Column(nullable = false, length = 30)
    public String code;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> labels;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "scope_notes", nullable = false)
    public Map<String, String> scopeNotes;
    @Column(length = 30)
    public String broader;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "exact_match", nullable = false)
    public List<String> exactMatch;
    @Column(nullable = false)
    public boolean deprecated;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "inverse_labels", nullable = false)
    public Map<String, String> inverseLabels;
    @Column(nullable = false)
    public long version;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public static List<VocabularyTerm> of(String vocabulary) {
        return list("vocabulary = ?1 order by code", vocabulary);
    }
}
