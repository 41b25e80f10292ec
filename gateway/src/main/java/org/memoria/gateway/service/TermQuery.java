package org.memoria.gateway.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.vocabulary.TermView;

/** A vocabulary term by id, as the read model last saw it published (what the change feed links to). */
@ApplicationScoped
public class TermQuery {

    @Inject
    Snapshot snapshot;

    /**
     * Why {@code code} is not a live term of {@code vocabulary} as the read model knows it (with the closest), or null
     * when it is one, or when the read model has seen no term of that vocabulary yet (nothing to check against).
     */
    public String unknown(org.memoria.common.contract.vocabulary.ManagedVocabulary vocabulary, String code) {
        if (code == null) {
            return null;
        }
        java.util.Map<String, String> live = snapshot.read((c, m) -> {
            java.util.Map<String, String> terms = new java.util.LinkedHashMap<>();
            try (java.sql.PreparedStatement s = c.prepareStatement("select label, doc -> 'labels' ->> 'en' from entity"
                    + " where kind = 'TERM' and subtype = ? and not deleted")) {
                s.setString(1, vocabulary.path);
                try (java.sql.ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        terms.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return terms;
        });
        return live.isEmpty() ? null : org.memoria.common.vocabulary.Vocabularies.unknownAmong(vocabulary, live, code);
    }

    public Optional<TermView> find(UUID id) {
        return snapshot.read((c, m) -> {
            ReadModel.Row row = m.entity(id, EntityKind.TERM);
            return Optional.ofNullable(row == null ? null : m.doc(row, TermView.class));
        });
    }
}
