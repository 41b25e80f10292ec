package org.memoria.gateway.service;

import static org.memoria.gateway.service.Compose.bind;
import static org.memoria.gateway.service.Compose.uncertain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
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
    public record Filter(LocalDate from, LocalDate to, UUID person, UUID organisation,
            UUID place, String type) {
    }

    /** The timeline's order; the index entity_kind_date holds it. */
    private static final String ORDER = "e.date_earliest nulls last, e.date_latest nulls last, left(e.label, 200), e.id";

    /**
     * The page's condition for a date window, as two parts the indexes find without scanning what lies before the
     * window: the events that began before its first day and still run on it (they contain that day: GiST index
     * entity_event_days, materialized so that the planner cannot trade it for a scan in date order), and the first
     * {@code needed} events that begin inside the window (index entity_kind_date, in order). An event overlaps the
     * window exactly when it is in one of them. Left to itself, the planner (which cannot estimate an overlap) read
     * every event from the first date on, in order, until it had a page: 22,000 rows for a month of 1950 among 40,000
     * events (docs/benchmarks.md, 2026-12-02).
     */
    private static String dated(Filter f, String where, List<Object> params, long needed, List<Object> out) {
        if (f.from() == null && f.to() == null) {
            out.addAll(params);
            return where;
        }
        // each part applies the other filters itself, so the page's own condition is only membership
        StringBuilder in = new StringBuilder("e.id in (");
        if (f.from() != null) {
            in.append("(with running as materialized (select e.id from entity e where ").append(where)
                    .append(" and e.date_earliest is not null and e.date_earliest < ?::date")
                    .append(" and daterange(e.date_earliest, e.date_latest, '[]') @> ?::date) select id from running)")
                    .append(" union all ");
            out.addAll(params);
            out.add(f.from());
            out.add(f.from());
        }
        in.append("(select e.id from entity e where ").append(where).append(" and e.date_earliest is not null");
        out.addAll(params);
        if (f.from() != null) {
            in.append(" and e.date_earliest >= ?::date");
            out.add(f.from());
        }
        if (f.to() != null) {
            in.append(" and e.date_earliest <= ?::date");
            out.add(f.to());
        }
        in.append(" order by ").append(ORDER).append(" limit ?))");
        out.add(needed);
        return in.toString();
    }

    /** A page of the timeline and the read model's epoch ({@code view_epoch}) it was read at. */
    public record AtEpoch(long epoch, Page<TimelineEntry> page) {
    }

    /** An event of the timeline with the range of its possible days ({@code latest} null: no end). */
    public record Dated(TimelineEntry entry, LocalDate earliest, LocalDate latest) {
    }

    /**
     * The events whose possible days overlap a calendar month, in the timeline's order, at the epoch they were read
     * at; {@code events} is null when the month holds more than {@code limit}.
     */
    public record Month(long epoch, List<Dated> events) {
    }

    public AtEpoch page(Filter f, int page, int size) {
        return snapshot.read((c, m) -> {
            // the first statement: the snapshot's epoch, which moves with every change to the read model
            long epoch = TimelinePages.epoch(c);
            StringBuilder where = new StringBuilder();
            List<Object> params = new ArrayList<>();
            filters(f, where, params);
            long offset = (long) page * size;
            List<TimelineEntry> items = events(c, m, f, where.toString(), params, offset, size).stream()
                    .map(Dated::entry).toList();
            if (f.from() != null || f.to() != null) {
                // overlap of the possible days with the range (GiST index entity_event_days); an open end is unbounded
                where.append(" and e.date_earliest is not null"
                        + " and daterange(e.date_earliest, e.date_latest, '[]') && daterange(?::date, ?::date, '[]')");
                params.add(f.from());
                params.add(f.to());
            }
            long total;
            try (PreparedStatement s = c.prepareStatement("select count(*) from entity e where " + where)) {
                bind(s, params);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            return new AtEpoch(epoch, new Page<>(items, page, size, total));
        });
    }

    /** Every event of the month in the timeline's order, in one snapshot, unless there are more than {@code limit}. */
    public Month month(YearMonth month, int limit) {
        return snapshot.read((c, m) -> {
            long epoch = TimelinePages.epoch(c);
            Filter f = new Filter(month.atDay(1), month.atEndOfMonth(), null, null, null, null);
            StringBuilder where = new StringBuilder();
            List<Object> params = new ArrayList<>();
            filters(f, where, params);
            List<Dated> events = events(c, m, f, where.toString(), params, 0, limit + 1);
            return new Month(epoch, events.size() > limit ? null : events);
        });
    }

    /** The filters other than the dates, as a condition on {@code e} and its parameters. */
    private static void filters(Filter f, StringBuilder where, List<Object> params) {
        where.append("e.kind = 'EVENT' and not e.deleted");
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
    }

    /** The {@code size} events from {@code offset} on that the filter selects, in the timeline's order. */
    private static List<Dated> events(Connection c, ReadModel m, Filter f, String where, List<Object> params,
            long offset, int size) throws SQLException {
        List<Row> rows = new ArrayList<>();
        List<UUID> places = new ArrayList<>();
        List<LocalDate[]> days = new ArrayList<>();
        List<Object> pageParams = new ArrayList<>();
        String pageWhere = dated(f, where, params, offset + size, pageParams);
        try (PreparedStatement s = c.prepareStatement("select e.id, e.label, e.subtype, e.date_edtf, "
                + "(select l.to_id from link l where l.from_id = e.id and l.link = 'PLACE' limit 1), e.date_earliest, "
                + "e.date_latest from entity e where " + pageWhere + " order by " + ORDER + " limit ? offset ?")) {
            int i = bind(s, pageParams);
            s.setInt(i++, size);
            s.setLong(i, offset);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    places.add(rs.getObject(5, UUID.class));
                    days.add(new LocalDate[] { rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class) });
                    rows.add(new Row(rs.getObject(1, UUID.class), EntityKind.EVENT, 0, rs.getString(2),
                            rs.getString(3), rs.getString(4), null, null));
                }
            }
        }
        m.fetch(places);
        List<Dated> events = new ArrayList<>(rows.size());
        for (int k = 0; k < rows.size(); k++) {
            Row r = rows.get(k);
            DateView date = DateView.of(r.date());
            events.add(new Dated(new TimelineEntry(r.id(), r.label(), r.subtype(), date,
                    m.ref(EntityKind.PLACE, places.get(k)), date == null || uncertain(r.date())), days.get(k)[0],
                    days.get(k)[1]));
        }
        return events;
    }
}
