package org.memoria.common.persistence;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An entity its service owns and publishes: a UUID id, a version that grows with every change, and who created it
 * (the token's subject, and the partner id when a partner did), which decides what a partner may change.
 */
@MappedSuperclass
public abstract class OwnedEntity extends PanacheEntityBase {
    @Id
    public UUID id;

    @Version
    public long version;

    @CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    /** The subject of the token that created it. */
    @Column(name = "created_by", length = 200, updatable = false)
    public String createdBy;

    /** The partner id of the partner that created it; null when an archivist or admin did. */
    @Column(name = "partner_id", length = 100, updatable = false)
    public String partnerId;

    @UpdateTimestamp
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
