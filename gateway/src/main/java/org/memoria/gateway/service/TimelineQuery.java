package org.memoria.gateway.service;

import static org.memoria.gateway.service.Compose.bind;
import static org.memoria.gateway.service.Compose.uncertain;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.api.DateView;
import org.memoria.common.api.Page;
import org.memoria.common.contract.EntityKind;
import org.memoria.gateway.api.ArchiveViews.TimelineEntry;
import org.memoria.gateway.service.ReadModel.Row;

/** The timeline: events in date order, filtered. */
@ApplicationScoped
public class TimelineQuery {

    @Inject
    Snapshot snapshot;

    /** Filters of the timeline; null means "any". */
    public record Filter(java.time.LocalDate from, java.time.LocalDate to, UUID person, UUID organisation,
            UUID place, String type) {
    }

    public Page<TimelineEntry> page(Filter f, int page, int size) {
        return snapshot.read((c, m) -> {
            StringBuilder where = new StringBuilder("e.kind = 'EVENT' and not e.deleted");
            List<Object> params = new ArrayList<>();
            if (f.from() != null || f.to() != null) {
                // overlap of the possible days with the range (GiST index entity_event_days); an open end is unbounded
                where.append(" and e.date_earliest is not null"
                        + " and daterange(e.date_earliest, e.date_latest, '[]') && daterange(?::date, ?::date, '[]')");
                params.add(f.from());
                params.add(f.to());
            }
            if (f.type() != null) {
                where.append(" and upper(e.subtype) = upper(?)");
                params.add(f.type());
            }
            for (UUID participant : java.util.Arrays.asList(f.person(), f.organisation())) {
                if (participant != null) {
                    where.append(" and exists (select 1 from link l where l.from_id = e.id and l.link = 'PARTICIPANT' and l.to_id = ?)");
                    params.add(participant);
                }
            }
            if (f.place() != null) {
                // the place or any place inside it
                where.append(" and exists (with recursive inside(id) as (select ?::uuid union "
                        + "select l.from_id from link l join inside on l.to_id = inside.id where l.link = 'PARENT' and l.to_kind = 'PLACE') "
                        + "select 1 from link l join inside on l.to_id = inside.id where l.from_id = e.id and l.link = 'PLACE')");
                params.add(f.place());
            }
            List<Row> rows = new ArrayList<>();
            List<UUID> places = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select e.id, e.label, e.subtype, e.date_edtf, "
                    + "(select l.to_id from link l where l.from_id = e.id and l.link = 'PLACE' limit 1) from entity e where "
                    + where + " order by e.date_earliest nulls last, e.date_latest nulls last, left(e.label, 200), e.id limit ? offset ?")) {
                int i = bind(s, params);
                s.setInt(i++, size);
                s.setLong(i, (long) page * size);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        UUID place = rs.getObject(5, UUID.class);
                        places.add(place);
                        rows.add(new Row(rs.getObject(1, UUID.class), EntityKind.EVENT, 0, rs.getString(2),
                                rs.getString(3), rs.getString(4), null, null));
                    }
                }
            }
            m.fetch(places);
            List<TimelineEntry> items = new ArrayList<>();
            for (int k = 0; k < rows.size(); k++) {
                Row r = rows.get(k);
                DateView date = DateView.of(r.date());
                items.add(new TimelineEntry(r.id(), r.label(), r.subtype(), date,
                        m.ref(EntityKind.PLACE, places.get(k)), date == null || uncertain(r.date())));
            }
            long total;
            try (PreparedStatement s = c.prepareStatement("select count(*) from entity e where " + where)) {
                bind(s, params);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            return new Page<>(items, page, size, total);
        });
    }
}
