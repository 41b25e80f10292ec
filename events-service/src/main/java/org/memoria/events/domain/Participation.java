package org.memoria.events.domain;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;


/**
 * A person's or an organisation's part in an event: exactly one of the two ids (the table checks it). Both are owned
 * by the people service, so only the id is kept here and it is not checked.
 */
@Embeddable
public class Participation {
    @Column(name = "person_id")
    public UUID personId;

    @Column(name = "organisation_id")
    public UUID organisationId;

    /** null when the sources do not say what part they played. */
    @Column(length = 30)
    public String role;

    @Column(length = 2_000)
    public String note;

    public Participation() {
    }

    public Participation(UUID personId, UUID organisationId, String role, String note) {
        this.personId = personId;
        this.organisationId = organisationId;
        this.role = role;
        this.note = note;
    }
}
