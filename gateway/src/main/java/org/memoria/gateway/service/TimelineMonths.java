package org.memoria.gateway.service;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.api.Page;
import org.memoria.gateway.api.ArchiveViews.TimelineEntry;
import org.memoria.gateway.config.GatewayConfig;
import org.memoria.gateway.service.TimelineQuery.Dated;
import org.memoria.gateway.service.TimelineQuery.Filter;
import org.memoria.gateway.service.TimelineQuery.Month;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The timeline's calendar months, each as every event whose possible days overlap it, remembered by this replica for
 * the read model's current state (docs/decisions/0026): a page of a date window that touches a few months, from any
 * day to any day, is assembled from them without reading the read model, as long as every one of them was read at the
 * read model's current epoch. A window's events are those of its months that overlap it; their order is the
 * timeline's: by earliest day, then latest (no end last), then as the month that first holds them ordered them (two
 * events with the same range of days overlap the same months, so one month ordered both, by title and id as the read
 * model does).
 */
@ApplicationScoped
public class TimelineMonths {

    /** An event of a window, with where the first month that holds it placed it. */
    private record Placed(Dated event, int month, int rank) {
    }

    private static final Comparator<Placed> ORDER = Comparator
            .comparing((Placed p) -> p.event().earliest())
            .thenComparing(p -> p.event().latest(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingInt(Placed::month)
            .thenComparingInt(Placed::rank);

    @Inject
    TimelineQuery query;
    @Inject
    GatewayConfig config;

    /** Null when none are remembered. */
    private Cache<YearMonth, Month> months;

    @PostConstruct
    void init() {
        long bytes = config.timeline().months().asLongValue();
        if (bytes > 0) {
            // about 300 bytes of heap an event (its entry, title, date and place)
            months = Caffeine.newBuilder().maximumWeight(bytes)
                    .weigher((YearMonth k, Month m) -> 100 + (m.events() == null ? 0 : 300 * m.events().size()))
                    .build();
        }
    }

    /**
     * The page of the filter's events assembled from the months it touches, as the read model holds them at
     * {@code epoch}; null when the filter is not a window of whole days from one day to another, with no other
     * filter, over at most the configured number of months, or when one of them holds more events than are kept, or
     * was read at another epoch than {@code epoch} (the read model changed meanwhile): then the page is to be read.
     */
    public Page<TimelineEntry> page(Filter f, int page, int size, long epoch) {
        if (months == null || f.from() == null || f.to() == null || f.person() != null || f.organisation() != null
                || f.place() != null || f.type() != null) {
            return null;
        }
        YearMonth first = YearMonth.from(f.from());
        YearMonth last = YearMonth.from(f.to());
        if (first.plusMonths(config.timeline().monthsPerWindow() - 1L).isBefore(last)) {
            return null;
        }
        Map<UUID, Placed> inWindow = new LinkedHashMap<>();
        int index = 0;
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1), index++) {
            Month month = month(m, epoch);
            if (month == null) {
                return null;
            }
            for (int rank = 0; rank < month.events().size(); rank++) {
                Dated d = month.events().get(rank);
                if (overlaps(d, f.from(), f.to())) {
                    inWindow.putIfAbsent(d.entry().id(), new Placed(d, index, rank));
                }
            }
        }
        List<Placed> ordered = new ArrayList<>(inWindow.values());
        ordered.sort(ORDER);
        long from = Math.min((long) page * size, ordered.size());
        List<TimelineEntry> items = ordered.subList((int) from, (int) Math.min(from + size, ordered.size())).stream()
                .map(p -> p.event().entry()).toList();
        return new Page<>(items, page, size, ordered.size());
    }

    /** The month as the read model holds it at {@code epoch}, read if not remembered so; null if it cannot be. */
    private Month month(YearMonth m, long epoch) {
        Month known = months.getIfPresent(m);
        if (known == null || known.epoch() != epoch) {
            known = query.month(m, config.timeline().monthLimit());
            // a slower read at an older epoch does not replace a newer month
            months.asMap().merge(m, known, (old, fresh) -> fresh.epoch() >= old.epoch() ? fresh : old);
        }
        return known.epoch() == epoch && known.events() != null ? known : null;
    }

    /** As the read model's {@code daterange(earliest, latest, '[]') && daterange(from, to, '[]')}. */
    private static boolean overlaps(Dated d, LocalDate from, LocalDate to) {
        return !d.earliest().isAfter(to) && (d.latest() == null || !d.latest().isBefore(from));
    }
}
