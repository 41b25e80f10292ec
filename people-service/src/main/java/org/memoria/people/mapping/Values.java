package org.memoria.people.mapping;

import java.util.Objects;

import org.memoria.common.persistence.EdtfValue;
import org.memoria.people.domain.Identifiers;

/**
 * Whether an input restates what is stored. Hibernate's enhanced dirty tracking counts every assignment of an
 * embeddable as a change, whatever its value, so an unchanged date or set of identifiers is left unassigned: a replace
 * that restates the state then bumps no version and publishes nothing.
 */
final class Values {

    private Values() {
    }

    static boolean same(EdtfValue stored, String edtf) {
        return Objects.equals(EdtfValue.edtf(stored), edtf);
    }

    static boolean same(Identifiers stored, Identifiers input) {
        return Objects.equals(stored, input);
    }
}
