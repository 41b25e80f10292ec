package org.memoria.gateway.service;

import static org.memoria.gateway.service.Compose.count;
import static org.memoria.gateway.service.Compose.like;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.api.DateView;
import org.memoria.common.api.Page;
import org.memoria.gateway.api.ArchiveViews.PersonSummary;

/** The people, by preferred name: a page of the list. */
@ApplicationScoped
public class PeopleQuery {

    @Inject
    Snapshot snapshot;

    public Page<PersonSummary> list(String name, int page, int size) {
        return snapshot.read((c, m) -> {
            String filter = name == null || name.isBlank() ? "" : " and lower(label) like ?";
            List<PersonSummary> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select id, version, label, date_edtf, end_edtf from entity "
                    + "where kind = 'PERSON' and not deleted" + filter + " order by lower(left(label, 200)), id limit ? offset ?")) {
                int i = 1;
                if (!filter.isEmpty()) {
                    s.setString(i++, like(name));
                }
                s.setInt(i++, size);
                s.setLong(i, (long) page * size);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        items.add(new PersonSummary(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3),
                                DateView.of(rs.getString(4)), DateView.of(rs.getString(5))));
                    }
                }
            }
            return new Page<>(items, page, size, count(c, "kind = 'PERSON'" + filter, filter.isEmpty() ? null : like(name)));
        });
    }
}
