package org.memoria.people.domain;

import java.util.ArrayList;
import java.util.List;

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

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

@Entity
@Audited
@Table(name = "person")
public class Person extends OwnedEntity {

    @Column(name = "preferred_name", nullable = false, length = 300)
    public String preferredName;

    @ElementCollection
    @CollectionTable(name = "person_name", joinColumns = @JoinColumn(name = "person_id"))
    @OrderColumn(name = "position")
    public List<PersonName> names = new ArrayList<>();

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "edtf", column = @Column(name = "birth_edtf")),
            @AttributeOverride(name = "earliest", column = @Column(name = "birth_earliest")),
            @AttributeOverride(name = "latest", column = @Column(name = "birth_latest")) })
    public EdtfValue birth;

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "edtf", column = @Column(name = "death_edtf")),
            @AttributeOverride(name = "earliest", column = @Column(name = "death_earliest")),
            @AttributeOverride(name = "latest", column = @Column(name = "death_latest")) })
    public EdtfValue death;

    @Column(columnDefinition = "text")
    public String description;

    /** People whose preferred name or any other name contains {@code name} (case-insensitive), by preferred name. */
    public static List<Person> search(String name, int page, int size) {
        if (name == null || name.isBlank()) {
            return findAll(Sort.by("preferredName").and("id")).page(Page.of(page, size)).list();
        }
        return find("select distinct p from Person p left join p.names n where lower(p.preferredName) like ?1 "
                + "or lower(n.name) like ?1 order by p.preferredName, p.id", like(name))
                .page(Page.of(page, size)).list();
    }

    public static long countMatching(String name) {
        if (name == null || name.isBlank()) {
            return count();
        }
        return find("select count(distinct p) from Person p left join p.names n where lower(p.preferredName) like ?1 "
                + "or lower(n.name) like ?1", like(name)).project(Long.class).singleResult();
    }

    private static String like(String name) {
        return "%" + name.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
