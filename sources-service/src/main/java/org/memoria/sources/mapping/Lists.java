package org.memoria.sources.mapping;

import java.util.List;

/** Element collections are replaced only when their content differs, so an unchanged list does not bump a version. */
final class Lists {

    private Lists() {
    }

    static <T> void replace(List<T> target, List<T> values) {
        if (!target.equals(values)) {
            target.clear();
            target.addAll(values);
        }
    }
}
