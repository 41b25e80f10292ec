package org.memoria.people.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;
import org.hibernate.envers.Audited;
import org.memoria.common.persistence.EdtfValue;
import org.memoria.common.persistence.OwnedEntity;

import io.quarkus.panache.common.Page;

/** A party, secret police, international, union, publisher…: what persons are members of. */
@Entity
@Audited
@Table(name = "organisation")
public class Organisation extends OwnedEntity {

    @Column(name = "preferred_name", nullable = false, length = 300)
    public String preferredName;

    /** Loaded with the entity: a collection first read after loading would count as changed (enhanced dirty tracking). */
    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "organisation_name", joinColumns = @JoinColumn(name = "organisation_id"))
    @OrderColumn(name = "position")
    public List<Name> names = new ArrayList<>();

    /** null when the sources do not say. */
    @Column(length = 30)
    public String type;

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "edtf", column = @Column(name = "founded_edtf")),
            @AttributeOverride(name = "earliest", column = @Column(name = "founded_earliest")),
            @AttributeOverride(name = "latest", column = @Column(name = "founded_latest")) })
    public EdtfValue founded;

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "edtf", column = @Column(name = "dissolved_edtf")),
            @AttributeOverride(name = "earliest", column = @Column(name = "dissolved_earliest")),
            @AttributeOverride(name = "latest", column = @Column(name = "dissolved_latest")) })
    public EdtfValue dissolved;

    @Column(columnDefinition = "text")
    public String description;

    @Embedded
    public Identifiers identifiers;

    /** Organisations any of whose names contains {@code name} (case-insensitive), of {@code type}; by name. */
    public static List<Organisation> search(String name, String type, int page, int size) {
        Where where = where(name, type);
        return find("from Organisation o" + where.clause() + " order by o.preferredName, o.id", where.parameters())
                .page(Page.of(page, size)).list();
    }

    public static long countMatching(String name, String type) {
        Where where = where(name, type);
        return count("from Organisation o" + where.clause(), where.parameters());
    }

    private static Where where(String name, String type) {
        return new Where()
                .and("(lower(o.preferredName) like :name or exists (select 1 from Organisation q join q.names n "
                        + "where q.id = o.id and lower(n.name) like :name))", "name", Where.contains(name))
                .and("o.type = :type", "type", type);
    }

    /** The preferred names of those of {@code ids} that exist. */
    public static Map<UUID, String> preferredNames(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return getEntityManager()
                .createQuery("select o.id, o.preferredName from Organisation o where o.id in :ids", Object[].class)
                .setParameter("ids", ids).getResultStream()
                .collect(Collectors.toMap(r -> (UUID) r[0], r -> (String) r[1]));
    }
}
