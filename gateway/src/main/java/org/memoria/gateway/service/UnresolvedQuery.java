package org.memoria.gateway.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.api.Page;
import org.memoria.common.contract.EntityKind;
import org.memoria.gateway.api.ArchiveViews.Ref;
import org.memoria.gateway.api.ArchiveViews.UnresolvedReference;

/** What the archive references but has not seen: links whose target is not in the read model. */
@ApplicationScoped
public class UnresolvedQuery {

    @Inject
    Snapshot snapshot;

    public Page<UnresolvedReference> page(int page, int size) {
        return snapshot.read((c, m) -> {
            String from = " from link l join entity f on f.id = l.from_id and not f.deleted "
                    + "left join entity t on t.id = l.to_id and not t.deleted and t.kind = l.to_kind where t.id is null";
            List<UnresolvedReference> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select f.kind, f.id, f.label, l.link, l.to_kind, l.to_id" + from
                    + " order by f.kind, left(f.label, 200), f.id, l.position limit ? offset ?")) {
                s.setInt(1, size);
                s.setLong(2, (long) page * size);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        EntityKind kind = EntityKind.valueOf(rs.getString(1));
                        items.add(new UnresolvedReference(new Ref(kind, rs.getObject(2, UUID.class), rs.getString(3), true),
                                rs.getString(4), EntityKind.valueOf(rs.getString(5)), rs.getObject(6, UUID.class)));
                    }
                }
            }
            long total;
            try (PreparedStatement s = c.prepareStatement("select count(*)" + from); ResultSet rs = s.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            return new Page<>(items, page, size, total);
        });
    }
}
