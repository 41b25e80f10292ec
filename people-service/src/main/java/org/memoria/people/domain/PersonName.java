package org.memoria.people.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import org.memoria.common.contract.people.NameType;

@Embeddable
public class PersonName {
    @Column(nullable = false, length = 300)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    public NameType type;

    public PersonName() {
    }

    public PersonName(String name, NameType type) {
        this.name = name;
        this.type = type;
    }
}
