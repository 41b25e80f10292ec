package org.memoria.events.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.hibernate.envers.Audited;
import org.memoria.common.persistence.EdtfValue;
import org.memoria.common.persistence.OwnedEntity;
import org.memoria.common.persistence.QueryFilter;

import io.quarkus.panache.common.Page;

@Entity
@Audited
@Table(name = "event")
public class Event extends OwnedEntity {

    @Column(nullable = false, length = 500)
    public String title;

    @Column(nullable = false, length = 30)
    public String type;

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "edtf", column = @Column(name = "date_edtf")),
            @AttributeOverride(name = "earliest", column = @Column(name = "date_earliest")),
            @AttributeOverride(name = "latest", column = @Column(name = "date_latest")) })
    public EdtfValue date;

    /** A {@link Place} of this service; kept as an id, like every reference, and checked on write. */
    @Column(name = "place_id")
    public UUID placeId;

    @Column(name = "place_name", length = 300)
    public String placeName;

    @Column(columnDefinition = "text")
    public String description;

    /** The larger event this one is part of; checked on write, never a loop. */
    @Column(name = "parent_event_id")
    public UUID parentEventId;

    @ElementCollection
    @CollectionTable(name = "event_participant", joinColumns = @JoinColumn(name = "event_id"))
    @OrderColumn(name = "position")
    public List<Participation> participants = new ArrayList<>();

    /** The events matching the criteria, in the given order; ties broken by id so pages never overlap. */
    public static List<Event> search(EventCriteria criteria, EventOrder order, int page, int size) {
        QueryFilter filter = filterOf(criteria);
        String orderBy = switch (order) {
            case DATE -> " order by e.date.earliest nulls last, e.date.latest nulls last, e.title, e.id";
            case TITLE -> " order by lower(e.title), e.date.earliest nulls last, e.id";
        };
        return find("from Event e" + filter.where() + orderBy, filter.parameters()).page(Page.of(page, size)).list();
    }

    public static long countMatching(EventCriteria criteria) {
        QueryFilter filter = filterOf(criteria);
        return find("select count(e) from Event e" + filter.where(), filter.parameters())
                .project(Long.class).singleResult();
    }

    /** Events directly under this one, at most {@code limit}, by title. */
    public static List<Event> childrenOf(UUID parentEventId, int limit) {
        return find("parentEventId = ?1 order by title, id", parentEventId).page(Page.ofSize(limit)).list();
    }

    private static QueryFilter filterOf(EventCriteria c) {
        // exists, not a join: one taking part in two roles still lists the event once
        return new QueryFilter().equal("e.type", "type", c.type())
                .when(c.personId(), "exists (select 1 from e.participants p where p.personId = :personId)", "personId")
                .when(c.organisationId(), "exists (select 1 from e.participants o where o.organisationId = "
                        + ":organisationId)", "organisationId")
                .when(c.placeIds(), "e.placeId in :placeIds", "placeIds")
                .equal("e.parentEventId", "parentEventId", c.parentEventId())
                .overlaps("e.date", c.from(), c.to());
    }
}
