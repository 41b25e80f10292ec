package org.memoria.people.domain;

import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import org.memoria.common.contract.AuthorityIds;

/**
 * Identifiers of a person or organisation in authority files (formats checked on input by {@link AuthorityIds}). Equal
 * by value, so that restating them is no change.
 */
@Embeddable
public class Identifiers {
    @Column(length = 20)
    public String wikidata;

    @Column(length = 30)
    public String viaf;

    @Column(length = 20)
    public String gnd;

    /** null when there is no identifier at all (as Hibernate reads an embeddable whose columns are all null). */
    public static Identifiers of(AuthorityIds ids) {
        if (ids == null || (ids.wikidata() == null && ids.viaf() == null && ids.gnd() == null)) {
            return null;
        }
        Identifiers identifiers = new Identifiers();
        identifiers.wikidata = ids.wikidata();
        identifiers.viaf = ids.viaf();
        identifiers.gnd = ids.gnd();
        return identifiers;
    }

    public static AuthorityIds ids(Identifiers identifiers) {
        return identifiers == null ? null : new AuthorityIds(identifiers.wikidata, identifiers.viaf, identifiers.gnd);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Identifiers i && Objects.equals(wikidata, i.wikidata) && Objects.equals(viaf, i.viaf)
                && Objects.equals(gnd, i.gnd);
    }

    @Override
    public int hashCode() {
        return Objects.hash(wikidata, viaf, gnd);
    }
}
