package org.memoria.gateway.service;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.api.Page;
import org.memoria.gateway.config.GatewayConfig;
import org.memoria.gateway.service.TimelineQuery.Dated;
import org.memoria.gateway.service.TimelineQuery.Filter;
import org.memoria.gateway.service.TimelineQuery.Month;
import org.memoria.gateway.service.ViewDocuments.Document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    /**
     * A month as kept: at the epoch it was read at, each event's range of days (as epoch days; an event with no end
     * ends on {@link Long#MAX_VALUE}) and its entry as the JSON a page carries (bytes, not objects: about half the
     * heap, and a page is written without writing its entries again); {@code entries} null when the month holds more
     * events than are kept.
     */
    private record Kept(long epoch, UUID[] ids, long[] earliest, long[] latest, byte[][] entries) {
    }

    /** An event of a window: its range of days, where the first month that holds it placed it, and its entry. */
    private record Placed(long earliest, long latest, int month, int rank, byte[] entry) {
    }

    private static final Comparator<Placed> ORDER = Comparator.comparingLong(Placed::earliest)
            .thenComparingLong(Placed::latest)
            .thenComparingInt(Placed::month)
            .thenComparingInt(Placed::rank);

    @Inject
    TimelineQuery query;
    @Inject
    GatewayConfig config;
    @Inject
    ObjectMapper mapper;

    /** Null when none are remembered. */
    private Cache<YearMonth, Kept> months;

    @PostConstruct
    void init() {
        long bytes = config.timeline().months().asLongValue();
        if (bytes > 0) {
            months = Caffeine.newBuilder().maximumWeight(bytes).weigher((YearMonth k, Kept m) -> {
                int weight = 100;
                if (m.entries() != null) {
                    for (byte[] entry : m.entries()) {
                        weight += 100 + entry.length;
                    }
                }
                return weight;
            }).build();
        }
    }

    /**
     * The page of the filter's events assembled from the months it touches, as the read model holds them at
     * {@code epoch}, each entry as the JSON it writes itself as; null when the filter is not a window of whole days
     * from one day to another, with no other filter, over at most the configured number of months, or when one of them
     * holds more events than are kept, or was read at another epoch than {@code epoch} (the read model changed
     * meanwhile): then the page is to be composed.
     */
    public Page<Document> page(Filter f, int page, int size, long epoch) {
        if (!answers(f)) {
            return null;
        }
        YearMonth first = YearMonth.from(f.from());
        YearMonth last = YearMonth.from(f.to());
        long from = f.from().toEpochDay();
        long to = f.to().toEpochDay();
        Set<UUID> seen = new HashSet<>();
        List<Placed> ordered = new ArrayList<>();
        int index = 0;
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1), index++) {
            Kept month = month(m, epoch);
            if (month == null) {
                return null;
            }
            for (int rank = 0; rank < month.entries().length; rank++) {
                // as the read model's daterange(earliest, latest, '[]') && daterange(from, to, '[]'); an event in
                // two months is placed by the first
                if (month.earliest()[rank] <= to && month.latest()[rank] >= from && seen.add(month.ids()[rank])) {
                    ordered.add(new Placed(month.earliest()[rank], month.latest()[rank], index, rank,
                            month.entries()[rank]));
                }
            }
        }
        ordered.sort(ORDER);
        int start = (int) Math.min((long) page * size, ordered.size());
        List<Document> items = ordered.subList(start, Math.min(start + size, ordered.size())).stream()
                .map(p -> new Document(null, p.entry())).toList();
        return new Page<>(items, page, size, ordered.size());
    }

    /**
     * Whether pages of the filter may be assembled from months: a window with both ends and no other filter, over at
     * most the configured number of months, while months are kept.
     */
    public boolean answers(Filter f) {
        return months != null && f.from() != null && f.to() != null && f.person() == null && f.organisation() == null
                && f.place() == null && f.type() == null && !YearMonth.from(f.from())
                        .plusMonths(config.timeline().monthsPerWindow() - 1L).isBefore(YearMonth.from(f.to()));
    }

    /** The month as the read model holds it at {@code epoch}, read if not kept so; null if it cannot be. */
    private Kept month(YearMonth m, long epoch) {
        Kept known = months.getIfPresent(m);
        if (known == null || known.epoch() != epoch) {
            known = kept(query.month(m, config.timeline().monthLimit()));
            // a slower read at an older epoch does not replace a newer month
            months.asMap().merge(m, known, (old, fresh) -> fresh.epoch() >= old.epoch() ? fresh : old);
        }
        return known.epoch() == epoch && known.entries() != null ? known : null;
    }

    private Kept kept(Month month) {
        if (month.events() == null) {
            return new Kept(month.epoch(), null, null, null, null);
        }
        int n = month.events().size();
        Kept kept = new Kept(month.epoch(), new UUID[n], new long[n], new long[n], new byte[n][]);
        for (int i = 0; i < n; i++) {
            Dated d = month.events().get(i);
            kept.ids()[i] = d.entry().id();
            kept.earliest()[i] = d.earliest().toEpochDay();
            kept.latest()[i] = d.latest() == null ? Long.MAX_VALUE : d.latest().toEpochDay();
            try {
                kept.entries()[i] = mapper.writeValueAsBytes(d.entry());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A timeline entry could not be written as JSON", e);
            }
        }
        return kept;
    }
}
