package org.memoria.events.domain;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import org.memoria.common.contract.events.ParticipantRole;

/** A person's part in an event. The person is owned by the people service: only its id is kept here. */
@Embeddable
public class Participation {
    @Column(name = "person_id", nullable = false)
    public UUID personId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    public ParticipantRole role;

    public Participation() {
    }

    public Participation(UUID personId, ParticipantRole role) {
        this.personId = personId;
        this.role = role;
    }
}
