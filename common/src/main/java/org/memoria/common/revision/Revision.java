package org.memoria.common.revision;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.envers.RevisionEntity;
import org.hibernate.envers.RevisionNumber;
import org.hibernate.envers.RevisionTimestamp;

/** One Envers revision: when, who (the subject of the token that made the change), and the import that did, if one did. */
@Entity
@Table(name = "revision")
@RevisionEntity(RevisionAuthorListener.class)
public class Revision {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @RevisionNumber
    public long id;

    @RevisionTimestamp
    @Column(nullable = false)
    public long timestamp;

    @Column(nullable = false, length = 200)
    public String author;

    /** The bulk import that made it, if one did (the write's {@code Memoria-Import} header). */
    @Column(name = "import_id")
    public java.util.UUID importId;
}
