package org.memoria.gateway.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.contract.EntityKind;

/**
 * The live (not deleted) entities of the read model, in id order, a page at a time (keyset: the next page starts
 * after the last id of the one before), so that a walk over the whole archive holds one page in memory.
 */
@ApplicationScoped
public class LiveEntities {

    /** A live entity: its id and kind. */
    public record Entry(UUID id, EntityKind kind) {
    }

    @Inject
    Snapshot snapshot;

    /** How many live entities of these kinds the archive holds. */
    public long count(Set<EntityKind> kinds) {
        return snapshot.read((c, m) -> {
            try (PreparedStatement s = c.prepareStatement(
                    "select count(*) from entity where not deleted and kind = any(?)")) {
                s.setArray(1, c.createArrayOf("varchar", names(kinds)));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Up to {@code limit} live entities of these kinds whose id follows {@code after} (null: from the first). */
    public List<Entry> page(Set<EntityKind> kinds, UUID after, int limit) {
        return snapshot.read((c, m) -> {
            try (PreparedStatement s = c.prepareStatement("select id, kind from entity where not deleted "
                    + "and kind = any(?)" + (after == null ? "" : " and id > ?") + " order by id limit ?")) {
                int p = 1;
                s.setArray(p++, c.createArrayOf("varchar", names(kinds)));
                if (after != null) {
                    s.setObject(p++, after);
                }
                s.setInt(p, limit);
                List<Entry> entries = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new Entry(rs.getObject(1, UUID.class), EntityKind.valueOf(rs.getString(2))));
                    }
                }
                return entries;
            }
        });
    }

    private static Object[] names(Set<EntityKind> kinds) {
        return kinds.stream().map(Enum::name).toArray();
    }
}
