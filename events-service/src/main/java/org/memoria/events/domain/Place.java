package org.memoria.events.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.hibernate.envers.Audited;
import org.memoria.common.persistence.OwnedEntity;
import org.memoria.common.persistence.QueryFilter;

import io.quarkus.panache.common.Page;

@Entity
@Audited
@Table(name = "place")
public class Place extends OwnedEntity {

    @Column(nullable = false, length = 300)
    public String name;

    @ElementCollection
    @CollectionTable(name = "place_alternate_name", joinColumns = @JoinColumn(name = "place_id"))
    @OrderColumn(name = "position")
    @Column(name = "name", nullable = false, length = 300)
    public List<String> alternateNames = new ArrayList<>();

    /** null when the sources do not say. */
    @Column(length = 30)
    public String type;

    /** WGS 84 degrees; both or neither. */
    public Double latitude;
    public Double longitude;

    /** The enclosing place; checked on write, never a loop. */
    @Column(name = "parent_place_id")
    public UUID parentPlaceId;

    @Column(columnDefinition = "text")
    public String description;

    /**
     * Places whose name or any alternate name contains {@code name} (case-insensitive), of this type, directly
     * inside this place; each criterion only when given. By name.
     */
    public static List<Place> search(String name, String type, UUID parentPlaceId, int page, int size) {
        QueryFilter filter = filterOf(name, type, parentPlaceId);
        return find("from Place p" + filter.where() + " order by lower(p.name), p.id", filter.parameters())
                .page(Page.of(page, size)).list();
    }

    public static long countMatching(String name, String type, UUID parentPlaceId) {
        QueryFilter filter = filterOf(name, type, parentPlaceId);
        return find("select count(p) from Place p" + filter.where(), filter.parameters())
                .project(Long.class).singleResult();
    }

    /** The place with this id and every place inside it, at any depth. */
    @SuppressWarnings("unchecked")
    public static List<UUID> withEverythingInside(UUID id) {
        // union, not union all: a loop in the data (which writes prevent) would still end
        return getEntityManager().createNativeQuery("""
                with recursive inside(id) as (
                    select cast(:id as uuid)
                    union
                    select p.id from place p join inside i on p.parent_place_id = i.id)
                select id from inside""").setParameter("id", id).getResultList();
    }

    public static List<Place> byIds(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : list("id in ?1", ids);
    }

    private static QueryFilter filterOf(String name, String type, UUID parentPlaceId) {
        return new QueryFilter().contains(name, "(lower(p.name) like :name escape '\\' or exists (select 1 from "
                + "p.alternateNames a where lower(a) like :name escape '\\'))", "name")
                .equal("p.type", "type", type).equal("p.parentPlaceId", "parentPlaceId", parentPlaceId);
    }
}
