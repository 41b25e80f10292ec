package org.memoria.people.mapping;

import java.util.List;

import org.memoria.common.api.DateView;
import org.memoria.common.contract.people.NameInput;
import org.memoria.common.contract.people.NameType;
import org.memoria.common.vocabulary.Vocabularies;
import org.memoria.common.contract.people.PersonState;
import org.memoria.people.domain.Name;
import org.memoria.common.contract.people.NameView;

/** The shapes of a name, shared by persons and organisations. */
final class Names {

    private Names() {
    }

    /** Replaces the stored names only if they differ, so that an unchanged list is no change. */
    static void replace(List<Name> stored, List<NameInput> input, Vocabularies vocabularies) {
        List<Name> names = input.stream().map(n -> new Name(n.name(), vocabularies.code(NameType.VOCABULARY, n.type()), n.period(), n.sourceId())).toList();
        if (!stored.equals(names)) {
            stored.clear();
            stored.addAll(names);
        }
    }

    static List<NameInput> toInput(List<Name> names) {
        return names.stream().map(n -> new NameInput(n.name, n.type, n.periodEdtf, n.sourceId)).toList();
    }

    static List<PersonState.Name> toState(List<Name> names) {
        return names.stream().map(n -> new PersonState.Name(n.name, n.type, n.periodEdtf, n.sourceId)).toList();
    }

    static List<NameView> toView(List<Name> names) {
        return names.stream().map(n -> new NameView(n.name, n.type, DateView.of(n.periodEdtf), n.sourceId)).toList();
    }
}
