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
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.hibernate.envers.Audited;
import org.memoria.common.contract.events.EventType;
import org.memoria.common.persistence.EdtfValue;
import org.memoria.common.persistence.OwnedEntity;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;

@Entity
@Audited
@Table(name = "event")
public class Event extends OwnedEntity {

    @Column(nullable = false, length = 500)
    public String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    public EventType type;

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
        Filter filter = Filter.of(criteria);
        String orderBy = switch (order) {
            case DATE -> " order by e.date.earliest nulls last, e.date.latest nulls last, e.title, e.id";
            case TITLE -> " order by lower(e.title), e.date.earliest nulls last, e.id";
        };
        return find("from Event e" + filter.where() + orderBy, filter.parameters()).page(Page.of(page, size)).list();
    }

    public static long countMatching(EventCriteria criteria) {
        Filter filter = Filter.of(criteria);
        return find("select count(e) from Event e" + filter.where(), filter.parameters())
                .project(Long.class).singleResult();
    }

    /** Events directly under this one, at most {@code limit}, by title. */
    public static List<Event> childrenOf(UUID parentEventId, int limit) {
        return find("parentEventId = ?1 order by title, id", parentEventId).page(Page.ofSize(limit)).list();
    }

    private record Filter(String where, Parameters parameters) {
        static Filter of(EventCriteria c) {
            List<String> conditions = new ArrayList<>();
            Parameters parameters = new Parameters();
            if (c.type() != null) {
                conditions.add("e.type = :type");
                parameters.and("type", c.type());
            }
            // exists, not a join: one taking part in two roles still lists the event once
            if (c.personId() != null) {
                conditions.add("exists (select 1 from e.participants p where p.personId = :personId)");
                parameters.and("personId", c.personId());
            }
            if (c.organisationId() != null) {
                conditions.add("exists (select 1 from e.participants o where o.organisationId = :organisationId)");
                parameters.and("organisationId", c.organisationId());
            }
            if (c.placeIds() != null) {
                conditions.add("e.placeId in :placeIds");
                parameters.and("placeIds", c.placeIds());
            }
            if (c.parentEventId() != null) {
                conditions.add("e.parentEventId = :parentEventId");
                parameters.and("parentEventId", c.parentEventId());
            }
            // overlap: the event may have happened on some day of [from, to]; an open or unknown end of the
            // event's date reaches any day on that side, and an undated event matches no date filter
            if (c.from() != null) {
                conditions.add("e.date.edtf is not null and (e.date.latest is null or e.date.latest >= :from)");
                parameters.and("from", c.from());
            }
            if (c.to() != null) {
                conditions.add("e.date.edtf is not null and (e.date.earliest is null or e.date.earliest <= :to)");
                parameters.and("to", c.to());
            }
            return new Filter(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), parameters);
        }
    }
}
