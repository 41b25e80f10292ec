package org.memoria.gateway.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.contract.EntityKind;

/**
 * Ids are unique across kinds: the first kind seen for an id keeps it ({@code entity_claim}). The claims outlive a
 * rebuild's table swap, so a rebuild, which reads the three topics in no fixed order between them, decides every id
 * as the live read model did.
 */
@ApplicationScoped
public class EntityClaims {

    /** The kind an id is claimed by, and the version the given entity table holds of it (null: none). */
    record Claim(String kind, Long version) {
    }

    @Inject
    DataSource dataSource;

    /** The kind that holds {@code id} in the read model (a deleted entity still holds its id). */
    public Optional<EntityKind> holder(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select kind from entity_claim where id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(EntityKind.valueOf(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the read model's id claims", e);
        }
    }

    /** The kinds the read model knows these ids as (those it knows), in one read. */
    public Map<UUID, EntityKind> holders(java.util.Collection<UUID> ids) {
        Map<UUID, EntityKind> holders = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select id, kind from entity_claim where id = any(?)")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    holders.put(rs.getObject(1, UUID.class), EntityKind.valueOf(rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the read model's id claims", e);
        }
        return holders;
    }

    /**
     * Claims each id not claimed yet for the kind given, then reads every id's claim and the version the entity
     * table holds of it (of the claimed kind), on the caller's transaction.
     */
    static Map<UUID, Claim> claim(Connection connection, Map<UUID, String> kinds, String entityTable)
            throws SQLException {
        // a fixed order, so that two projectors claiming overlapping ids lock them in the same order
        List<UUID> ids = new ArrayList<>(kinds.keySet());
        ids.sort(null);
        try (PreparedStatement s = connection.prepareStatement("insert into entity_claim (id, kind) "
                + "select * from unnest(?::uuid[], ?::varchar[]) order by 1 on conflict (id) do nothing")) {
            s.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            s.setArray(2, connection.createArrayOf("varchar", ids.stream().map(kinds::get).toArray()));
            s.executeUpdate();
        }
        Map<UUID, Claim> claims = new HashMap<>();
        try (PreparedStatement s = connection.prepareStatement("select c.id, c.kind, e.version from entity_claim c "
                + "left join " + entityTable + " e on e.id = c.id and e.kind = c.kind where c.id = any(?)")) {
            s.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long held = rs.getLong(3);
                    Long version = rs.wasNull() ? null : held;
                    claims.put(rs.getObject(1, UUID.class), new Claim(rs.getString(2), version));
                }
            }
        }
        return claims;
    }

    /** "a person", "an event": for messages. */
    public static String aKind(EntityKind kind) {
        String name = kind.name().toLowerCase(Locale.ROOT);
        return ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }
}
