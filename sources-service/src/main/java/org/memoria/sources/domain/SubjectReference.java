package org.memoria.sources.domain;

import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.SubjectRef;

/** An entity of any service, by kind and id: what a citation is about, or a claim's subject. */
@Embeddable
public class SubjectReference {
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public EntityKind kind;

    @Column(name = "subject_id", nullable = false)
    public UUID subjectId;

    public SubjectReference() {
    }

    public SubjectReference(EntityKind kind, UUID subjectId) {
        this.kind = kind;
        this.subjectId = subjectId;
    }

    public static SubjectReference of(SubjectRef ref) {
        return new SubjectReference(ref.kind(), ref.id());
    }

    public SubjectRef toRef() {
        return new SubjectRef(kind, subjectId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubjectReference other && kind == other.kind && Objects.equals(subjectId, other.subjectId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, subjectId);
    }
}
