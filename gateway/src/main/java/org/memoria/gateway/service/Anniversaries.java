package org.memoria.gateway.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.api.DateView;
import org.memoria.common.contract.EntityKind;
import org.memoria.gateway.api.ArchiveViews.Anniversary;

/**
 * Anniversaries of dated entities: events, publications of sources, births and deaths of people, foundings of
 * organisations. A date whose day is known gives an anniversary on that day; a date whose day is not known (a
 * month, a season, "May 26 or 27") is listed when its possible days fall in the range, with a caveat, and never
 * placed on a guessed day. A multiple of five years is a round anniversary.
 */
@ApplicationScoped
public class Anniversaries {

    /** Longest range asked at once; also the longest uncertainty still worth an anniversary. */
    public static final int MAX_DAYS = 366;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.ENGLISH);

    @Inject
    Snapshot snapshot;

    private record Dated(EntityKind kind, UUID id, String label, String subtype, boolean end, String edtf,
            LocalDate earliest, LocalDate latest) {
    }

    public List<Anniversary> between(LocalDate from, LocalDate to) {
        List<Integer> mmdd = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            mmdd.add(d.getMonthValue() * 100 + d.getDayOfMonth());
        }
        List<Dated> dated = new ArrayList<>();
        snapshot.read((c, m) -> {
            for (boolean end : new boolean[] { false, true }) {
                String col = end ? "end" : "date";
                String kinds = end ? "('PERSON', 'ORGANISATION')" : "('EVENT', 'SOURCE', 'PERSON', 'ORGANISATION')";
                // exact days by index; uncertain days whose span (under a year) may contain one of the asked days
                String sql = """
                        select id, kind, label, subtype, %1$s_edtf, %1$s_earliest, %1$s_latest from entity
                        where not deleted and kind in %2$s and %1$s_earliest = %1$s_latest
                          and memoria_mmdd(%1$s_earliest) = any(?)
                        union all
                        select id, kind, label, subtype, %1$s_edtf, %1$s_earliest, %1$s_latest from entity
                        where not deleted and kind in %2$s and %1$s_latest > %1$s_earliest
                          and %1$s_latest - %1$s_earliest < %3$d
                          and exists (select 1 from unnest(?::int[]) w(d) where
                              case when memoria_mmdd(%1$s_earliest) <= memoria_mmdd(%1$s_latest)
                                   then w.d between memoria_mmdd(%1$s_earliest) and memoria_mmdd(%1$s_latest)
                                   else w.d >= memoria_mmdd(%1$s_earliest) or w.d <= memoria_mmdd(%1$s_latest) end)"""
                        .formatted(col, kinds, MAX_DAYS);
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    var days = c.createArrayOf("integer", mmdd.toArray());
                    s.setArray(1, days);
                    s.setArray(2, days); // uncertain days: only spans whose month-days meet the range's
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            dated.add(new Dated(EntityKind.valueOf(rs.getString(2)), rs.getObject(1, UUID.class),
                                    rs.getString(3), rs.getString(4), end, rs.getString(5),
                                    rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class)));
                        }
                    }
                }
            }
            return dated;
        });
        List<Anniversary> result = new ArrayList<>();
        for (Dated d : dated) {
            for (int year = from.getYear(); year <= to.getYear(); year++) {
                anniversary(d, year, from, to).ifPresent(result::add);
            }
        }
        result.sort(Comparator.comparing((Anniversary a) -> a.on() != null ? a.on() : a.possibleFrom())
                .thenComparing(Anniversary::years, Comparator.reverseOrder()).thenComparing(Anniversary::title));
        return result;
    }

    private static java.util.Optional<Anniversary> anniversary(Dated d, int year, LocalDate from, LocalDate to) {
        int years = year - d.earliest().getYear();
        if (years <= 0) {
            return java.util.Optional.empty();
        }
        DateView date = DateView.of(d.edtf());
        String text;
        if (d.earliest().equals(d.latest())) {
            LocalDate on = d.earliest().withYear(year); // February 29 falls on February 28 in other years
            if (on.isBefore(from) || on.isAfter(to)) {
                return java.util.Optional.empty();
            }
            String caveat = date.uncertain() || date.approximate() ? "the date itself is marked uncertain ("
                    + date.display() + ")" : null;
            text = years + " years since " + what(d) + " (" + date.display() + ")";
            return java.util.Optional.of(new Anniversary(on, null, null, years, years % 5 == 0, d.kind(), d.id(),
                    d.label(), date, true, caveat, text));
        }
        // both ends move by whole years: a span's length in days differs between leap and common years (1916 runs
        // to December 31, which is 365 days after January 1 in 1916 but 364 in 2019)
        LocalDate first = d.earliest().plusYears(years);
        LocalDate last = d.latest().plusYears(years);
        if (last.isBefore(from) || first.isAfter(to)) {
            return java.util.Optional.empty();
        }
        String caveat = "the day is not known: " + date.display() + ", so the anniversary falls between "
                + first.format(DAY) + " and " + last.format(DAY);
        text = years + " years since " + what(d) + " (" + date.display() + ")";
        return java.util.Optional.of(new Anniversary(null, first, last, years, years % 5 == 0, d.kind(), d.id(),
                d.label(), date, false, caveat, text));
    }

    private static String what(Dated d) {
        return switch (d.kind()) {
            case PERSON -> (d.end() ? "the death of " : "the birth of ") + d.label();
            case ORGANISATION -> (d.end() ? "the dissolution of " : "the founding of ") + d.label();
            case SOURCE -> "\u201c" + d.label() + "\u201d";
            default -> "the " + d.label();
        };
    }
}
