package org.memoria.gateway.service;

import static org.memoria.gateway.events.Links.MEMBER;
import static org.memoria.gateway.events.Links.OF_ORGANISATION;
import static org.memoria.gateway.events.Links.PARTICIPANT;
import static org.memoria.gateway.events.Links.RELATION_FROM;
import static org.memoria.gateway.events.Links.RELATION_TO;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.api.DateView;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.events.EventState;
import org.memoria.common.contract.people.MembershipState;
import org.memoria.common.contract.people.RelationState;
import org.memoria.gateway.api.ArchiveViews.Graph;
import org.memoria.gateway.api.ArchiveViews.GraphEdge;
import org.memoria.gateway.api.ArchiveViews.GraphNode;

/**
 * The neighbourhood of an entity: people, organisations and events as nodes; memberships, relations and
 * participations as edges, with their kinds, roles and periods. Walks breadth-first from the focus up to a depth,
 * and stops adding nodes at a bound (then {@code truncated} is true).
 */
@ApplicationScoped
public class ArchiveGraph {

    public static final int MAX_NODES = 200;
    public static final int MAX_DEPTH = 3;

    @Inject
    Snapshot snapshot;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper mapper;

    public java.util.Optional<Graph> around(UUID focus, int depth, int maxNodes) {
        return snapshot.read((c, m) -> {
            ReadModel.Row root = m.row(focus) != null ? m.row(focus) : fetch(m, focus);
            if (root == null || !Set.of(EntityKind.PERSON, EntityKind.ORGANISATION, EntityKind.EVENT).contains(root.kind())) {
                return java.util.Optional.<Graph> empty();
            }
            Map<UUID, Integer> distance = new LinkedHashMap<>();
            distance.put(focus, 0);
            Map<UUID, GraphEdge> edges = new LinkedHashMap<>();
            Set<UUID> frontier = Set.of(focus);
            boolean truncated = false;
            for (int level = 1; level <= depth && !frontier.isEmpty() && !truncated; level++) {
                Set<UUID> next = new LinkedHashSet<>();
                try (PreparedStatement s = c.prepareStatement("""
                        select l.from_id, l.link, l.to_id, l.to_kind, l.role, e.kind, e.date_edtf, e.doc::text
                        from link l join entity e on e.id = l.from_id and not e.deleted
                        where l.link = any(?) and (l.to_id = any(?) or (l.link = 'PARTICIPANT' and l.from_id = any(?)))
                        order by e.date_earliest nulls last, l.from_id, l.position""")) {
                    s.setArray(1, c.createArrayOf("varchar",
                            new String[] { PARTICIPANT, MEMBER, OF_ORGANISATION, RELATION_FROM, RELATION_TO }));
                    Object[] ids = frontier.toArray();
                    s.setArray(2, c.createArrayOf("uuid", ids));
                    s.setArray(3, c.createArrayOf("uuid", ids));
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            UUID via = rs.getObject(1, UUID.class);
                            String link = rs.getString(2);
                            GraphEdge edge = switch (link) {
                                case PARTICIPANT -> {
                                    UUID participant = rs.getObject(3, UUID.class);
                                    String note = Compose.note(mapper.readValue(rs.getString(8), EventState.class),
                                            participant, rs.getString(5), new java.util.HashSet<>());
                                    yield new GraphEdge("PARTICIPATION", participant, via, rs.getString(5),
                                            DateView.of(rs.getString(7)), via, note);
                                }
                                case MEMBER, OF_ORGANISATION -> {
                                    MembershipState ms = mapper.readValue(rs.getString(8), MembershipState.class);
                                    yield new GraphEdge("MEMBERSHIP", ms.personId(), ms.organisationId(), ms.role(),
                                            DateView.of(ms.period()), via, null);
                                }
                                default -> {
                                    RelationState r = mapper.readValue(rs.getString(8), RelationState.class);
                                    yield new GraphEdge("RELATION", r.fromPersonId(), r.toPersonId(),
                                            m.relationLabel(r.type(), false), DateView.of(r.period()), via, r.note());
                                }
                            };
                            String key = edge.via() + "|" + edge.from() + "|" + edge.to() + "|" + edge.role();
                            for (UUID end : List.of(edge.from(), edge.to())) {
                                if (!distance.containsKey(end)) {
                                    if (distance.size() >= maxNodes) {
                                        truncated = true;
                                        break;
                                    }
                                    distance.put(end, level);
                                    next.add(end);
                                }
                            }
                            if (distance.containsKey(edge.from()) && distance.containsKey(edge.to())) {
                                edges.putIfAbsent(UUID.nameUUIDFromBytes(key.getBytes()), edge);
                            }
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                frontier = next;
            }
            m.fetch(distance.keySet());
            List<GraphNode> nodes = new ArrayList<>();
            distance.forEach((id, d) -> {
                ReadModel.Row row = m.row(id);
                nodes.add(new GraphNode(id, row == null ? null : row.kind(), row == null ? null : row.label(),
                        row != null, d));
            });
            return java.util.Optional.of(new Graph(focus, depth, nodes, new ArrayList<>(edges.values()), truncated));
        });
    }

    private static ReadModel.Row fetch(ReadModel m, UUID id) throws java.sql.SQLException {
        m.fetch(List.of(id));
        return m.row(id);
    }
}
