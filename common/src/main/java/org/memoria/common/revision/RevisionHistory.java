package org.memoria.common.revision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.persistence.EntityManager;

import org.hibernate.envers.AuditReaderFactory;
import org.hibernate.envers.RevisionType;
import org.hibernate.envers.query.AuditEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the Envers history of an entity as {@link RevisionView}s, oldest first. */
public final class RevisionHistory {

    private static final Set<String> BOOKKEEPING = Set.of("version", "createdAt", "updatedAt");

    private RevisionHistory() {
    }

    /**
     * @param toView maps a revision's state to the service's API view; runs inside the caller's transaction
     * @return empty when the entity never existed
     */
    @SuppressWarnings("unchecked")
    public static <E> List<RevisionView> of(EntityManager em, ObjectMapper mapper, Class<E> type, UUID id,
            Function<E, ?> toView) {
        List<Object[]> rows = AuditReaderFactory.get(em).createQuery()
                .forRevisionsOfEntity(type, false, true)
                .add(AuditEntity.id().eq(id))
                .addOrder(AuditEntity.revisionNumber().asc())
                .getResultList();
        List<RevisionView> history = new ArrayList<>(rows.size());
        JsonNode previous = null;
        for (Object[] row : rows) {
            Revision revision = (Revision) row[1];
            RevisionType kind = (RevisionType) row[2];
            Object state = kind == RevisionType.DEL ? null : toView.apply((E) row[0]);
            JsonNode node = state == null ? null : mapper.valueToTree(state);
            RevisionView.Change change = switch (kind) {
                case ADD -> RevisionView.Change.CREATED;
                case MOD -> RevisionView.Change.UPDATED;
                case DEL -> RevisionView.Change.DELETED;
            };
            history.add(new RevisionView(revision.id, Instant.ofEpochMilli(revision.timestamp), revision.author, revision.importId,
                    change,
                    kind == RevisionType.MOD ? changedFields(previous, node) : List.of(), state));
            previous = node;
        }
        return history;
    }

    private static List<String> changedFields(JsonNode before, JsonNode after) {
        List<String> changed = new ArrayList<>();
        if (before == null || after == null) {
            return changed;
        }
        for (Iterator<String> it = after.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!BOOKKEEPING.contains(field) && !after.get(field).equals(before.get(field))) {
                changed.add(field);
            }
        }
        return changed;
    }
}
