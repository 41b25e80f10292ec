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

import org.memoria.common.contract.events.EventType;
import org.memoria.common.persistence.EdtfValue;
import org.memoria.common.persistence.OwnedEntity;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;

@Entity
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

    @Column(name = "place_name", length = 300)
    public String placeName;

    @Column(columnDefinition = "text")
    public String description;

    @ElementCollection
    @CollectionTable(name = "event_participant", joinColumns = @JoinColumn(name = "event_id"))
    @OrderColumn(name = "position")
    public List<Participation> participants = new ArrayList<>();

    /**
     * Events of this type (when given) in which this person takes part (when given), earliest first; undated
     * events last, then by title.
     */
    public static List<Event> search(EventType type, UUID personId, int page, int size) {
        Filter filter = Filter.of(type, personId);
        return find("from Event e" + filter.where() + " order by e.date.earliest nulls last, e.title, e.id",
                filter.parameters()).page(Page.of(page, size)).list();
    }

    public static long countMatching(EventType type, UUID personId) {
        Filter filter = Filter.of(type, personId);
        return find("select count(e) from Event e" + filter.where(), filter.parameters())
                .project(Long.class).singleResult();
    }

    private record Filter(String where, Parameters parameters) {
        static Filter of(EventType type, UUID personId) {
            List<String> conditions = new ArrayList<>();
            Parameters parameters = new Parameters();
            if (type != null) {
                conditions.add("e.type = :type");
                parameters.and("type", type);
            }
            if (personId != null) {
                // exists, not a join: a person with two roles in one event still lists the event once
                conditions.add("exists (select 1 from e.participants p where p.personId = :personId)");
                parameters.and("personId", personId);
            }
            return new Filter(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), parameters);
        }
    }
}
