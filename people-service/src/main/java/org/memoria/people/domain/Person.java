package org.memoria.people.domain;

import java.time.LocalDate;
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

@Entity
@Audited
@Table(name = "person")
public class Person extends OwnedEntity {

    @Column(name = "preferred_name", nullable = false, length = 300)
    public String preferredName;

    /** Loaded with the entity: a collection first read after loading would count as changed (enhanced dirty tracking). */
    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "person_name", joinColumns = @JoinColumn(name = "person_id"))
    @OrderColumn(name = "position")
    public List<Name> names = new ArrayList<>();

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "edtf", column = @Column(name = "birth_edtf")),
            @AttributeOverride(name = "earliest", column = @Column(name = "birth_earliest")),
            @AttributeOverride(name = "latest", column = @Column(name = "birth_latest")) })
    public EdtfValue birth;

    /** A place of the events service; not checked here (it may be recorded later). */
    @Column(name = "birth_place_id")
    public UUID birthPlaceId;

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "edtf", column = @Column(name = "death_edtf")),
            @AttributeOverride(name = "earliest", column = @Column(name = "death_earliest")),
            @AttributeOverride(name = "latest", column = @Column(name = "death_latest")) })
    public EdtfValue death;

    @Column(name = "death_place_id")
    public UUID deathPlaceId;

    @Column(columnDefinition = "text")
    public String description;

    @Embedded
    public Identifiers identifiers;

    /** What a list of people keeps; every filter is optional. */
    public record Filter(String name, UUID organisationId, LocalDate bornFrom, LocalDate bornTo) {
    }

    /** The orders a list of people can come in. */
    public enum Order {
        /** By preferred name. */
        NAME(" order by p.preferredName, p.id"),
        /** By earliest possible birthday, people without a birth date last. */
        BIRTH(" order by p.birth.earliest nulls last, p.birth.latest nulls last, p.preferredName, p.id");

        final String clause;

        Order(String clause) {
            this.clause = clause;
        }
    }

    public static List<Person> search(Filter filter, Order order, int page, int size) {
        Where where = where(filter);
        return find("from Person p" + where.clause() + order.clause, where.parameters()).page(Page.of(page, size))
                .list();
    }

    public static long countMatching(Filter filter) {
        Where where = where(filter);
        return count("from Person p" + where.clause(), where.parameters());
    }

    /**
     * {@code name}: any of the person's names contains it, case-insensitively. {@code organisationId}: the person is
     * a member. {@code bornFrom}/{@code bornTo}: the possible birthdays [earliest, latest] overlap the range (an open
     * bound of the birth date overlaps everything on its side; people without a birth date never match).
     */
    private static Where where(Filter filter) {
        return new Where()
                .and("(lower(p.preferredName) like :name or exists (select 1 from Person q join q.names n "
                        + "where q.id = p.id and lower(n.name) like :name))", "name", Where.contains(filter.name()))
                .and("exists (select 1 from Membership m where m.personId = p.id and m.organisationId = :organisationId)",
                        "organisationId", filter.organisationId())
                .and("p.birth.edtf is not null and (p.birth.latest is null or p.birth.latest >= :bornFrom)",
                        "bornFrom", filter.bornFrom())
                .and("p.birth.edtf is not null and (p.birth.earliest is null or p.birth.earliest <= :bornTo)",
                        "bornTo", filter.bornTo());
    }

    /** The preferred names of those of {@code ids} that exist. */
    public static Map<UUID, String> preferredNames(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return getEntityManager()
                .createQuery("select p.id, p.preferredName from Person p where p.id in :ids", Object[].class)
                .setParameter("ids", ids).getResultStream()
                .collect(Collectors.toMap(r -> (UUID) r[0], r -> (String) r[1]));
    }
}
