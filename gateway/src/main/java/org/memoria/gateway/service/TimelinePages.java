package org.memoria.gateway.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.api.Page;
import org.memoria.gateway.config.GatewayConfig;
import org.memoria.gateway.service.TimelineQuery.Filter;
import org.memoria.gateway.service.ViewDocuments.Document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The timeline's pages, as the JSON a response carries, remembered by this replica for the read model's current
 * state (docs/decisions/0026). A page is composed in one snapshot ({@link TimelineQuery}) together with the read
 * model's epoch ({@code view_epoch}), which every projector transaction that changes the live read model moves before
 * it changes anything, and a rebuild's swap too. A read asks for the epoch (one row) and answers a remembered page only
 * if it was composed at that epoch: the read model has not changed since, so the page is what composing it now would
 * give. Otherwise it assembles the page from the calendar months this replica remembered at that epoch, when the page
 * is a window of a few months without other filters ({@link TimelineMonths}), or composes it; and remembers it if
 * nothing newer was remembered meanwhile. So no page is ever
 * older than the read model a read sees, and under a stream of changes every read composes, as without it.
 *
 * <p>The ETag is strong: a digest of the bytes, so it changes when anything the page shows changes, and stays when a
 * change elsewhere in the archive moved the epoch but not the page.
 */
@ApplicationScoped
public class TimelinePages {

    private record Key(Filter filter, int page, int size) {
    }

    private record Remembered(long epoch, Document page) {
    }

    @Inject
    TimelineQuery query;
    @Inject
    TimelineMonths months;
    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper mapper;
    @Inject
    GatewayConfig config;
    @Inject
    MeterRegistry registry;

    /** Null when none are remembered. */
    private Cache<Key, Remembered> pages;
    private Counter remembered;
    private Counter composed;
    private Counter assembled;

    @PostConstruct
    void init() {
        long bytes = config.timeline().remembered().asLongValue();
        if (bytes > 0) {
            pages = Caffeine.newBuilder().maximumWeight(bytes)
                    .weigher((Key k, Remembered r) -> 100 + r.page().body().length).build();
        }
        String help = "Timeline pages answered from those this replica remembered at the read model's current state, "
                + "assembled from the months it remembered so, or composed";
        remembered = Counter.builder("memoria.timeline.pages").tag("answered.by", "remembered").description(help)
                .register(registry);
        composed = Counter.builder("memoria.timeline.pages").tag("answered.by", "composed").description(help)
                .register(registry);
        assembled = Counter.builder("memoria.timeline.pages").tag("answered.by", "months").description(help)
                .register(registry);
    }

    /** The page as the read model holds it now, with its strong ETag (without quotes). */
    public Document page(Filter filter, int page, int size) {
        Key key = new Key(filter, page, size);
        Remembered known = pages == null ? null : pages.getIfPresent(key);
        // the epoch is read only where it decides: a page composed now reads it in its own snapshot
        boolean assemblable = months.answers(filter);
        long epoch = known != null || assemblable ? epoch() : -1;
        if (known != null && known.epoch() == epoch) {
            remembered.increment();
            return known.page();
        }
        // the same bytes either way: an assembled page's entries are the JSON a composed page writes for them
        Page<Document> fromMonths = assemblable ? months.page(filter, page, size, epoch) : null;
        TimelineQuery.AtEpoch composedAt = fromMonths != null ? null : query.page(filter, page, size);
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(fromMonths != null ? fromMonths : composedAt.page());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A timeline page could not be written as JSON", e);
        }
        Document document = new Document(ViewDocuments.digest(body), body);
        if (pages != null) {
            // a slower read that composed at an older epoch does not replace a newer page
            pages.asMap().merge(key, new Remembered(fromMonths != null ? epoch : composedAt.epoch(), document),
                    (old, fresh) -> fresh.epoch() >= old.epoch() ? fresh : old);
        }
        (fromMonths != null ? assembled : composed).increment();
        return document;
    }

    private long epoch() {
        try (Connection c = dataSource.getConnection()) {
            return epoch(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Read model query failed", e);
        }
    }

    /** The read model's epoch ({@code view_epoch}) as {@code c} sees it: in its snapshot, when it has one. */
    static long epoch(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select epoch from view_epoch"); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
