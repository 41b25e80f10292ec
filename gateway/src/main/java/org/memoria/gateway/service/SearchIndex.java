package org.memoria.gateway.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.util.BytesRef;
import org.jboss.logging.Logger;
import org.memoria.common.contract.EntityKind;
import org.memoria.gateway.config.GatewayConfig;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * This replica's index of the read model's search terms (Apache Lucene, in a temporary directory), which answers both
 * steps of search ({@link ArchiveSearch}): exact names and whole words, then similar names. PostgreSQL computes what is
 * compared (the folded names, words and trigrams of {@code search_term}, and the query's; the word similarity of the
 * candidate names), so the index matches what the database would, by the same rules, and ranks by the same scores;
 * docs/decisions/0025-search-index-per-replica.md.
 *
 * <p><b>Never behind the read model a search reads.</b> The index knows the change-feed position it reflects and the
 * table it was built from. A search reads where the read model is in its own transaction; when the index is behind by
 * at most {@code memoria.gateway.search.catch-up} positions, the search applies those changes first (the terms of the
 * entities they name, as that transaction reads them). Positions commit in order ({@code ChangeFeedWriter}) and every
 * change to an entity's terms is written with its change-feed row, so the index then holds exactly the terms the
 * transaction reads. A search that finds the index further behind, built from tables a rebuild has since replaced, or
 * not built yet, is answered by PostgreSQL ({@link Optional#empty()} here). A thread of each replica follows the feed
 * when no search asks, and builds a new index beside the old after a rebuild's swap.
 *
 * <p>The index is a cache: nothing is committed; a replica builds it from the read model when it starts.
 */
@ApplicationScoped
public class SearchIndex {

    private static final Logger LOG = Logger.getLogger(SearchIndex.class);

    /** Positions of the change feed one statement of the follower reads, at most. */
    private static final int CHUNK = 5_000;
    private static final String ROWS = "select entity_id, kind, weight, folded, tsvector_to_array(tsv), "
            + "case when weight >= 2 then show_trgm(folded) end from search_term";

    /** The entities that matched, ranked: the page asked for and how many of each kind matched. */
    public record Matches(List<Match> page, Map<EntityKind, Long> counts) {
    }

    /** An entity that matched and its best score. */
    public record Match(UUID id, EntityKind kind, double score) {
    }

    /** One index: its directory, its writer, and the {@code search_term} table (its oid) it was built from. */
    private record Index(Path path, IndexWriter writer, long table) {
    }

    /** What searches read: a reader of an index as of a change-feed position. Holds one reference to the reader. */
    private record Current(Index index, DirectoryReader reader, long position) {
    }

    @Inject
    DataSource dataSource;
    @Inject
    GatewayConfig config;
    @Inject
    MeterRegistry registry;

    private final ReentrantLock writing = new ReentrantLock();
    private final Semaphore signal = new Semaphore(0);
    private final AtomicLong lag = new AtomicLong(-1);
    private volatile Current current;
    private volatile boolean stopped;
    private Thread thread;
    private Path root;
    private Counter byIndex;
    private Counter byDatabase;

    @PostConstruct
    void init() {
        String help = "Searches this replica's search index answered, or the database (being built, far behind, "
                + "or turned off)";
        byIndex = Counter.builder("memoria.search.queries").tag("answered.by", "index").description(help)
                .register(registry);
        byDatabase = Counter.builder("memoria.search.queries").tag("answered.by", "database").description(help)
                .register(registry);
        Gauge.builder("memoria.search.index.lag", lag, AtomicLong::get).baseUnit("changes")
                .description("Changes of the feed this replica's search index had not applied when it last looked; "
                        + "-1 while it is being built")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (config.search().index()) {
            thread = Thread.ofPlatform().name("search-index").daemon().start(this::follow);
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException, IOException {
        stopped = true;
        signal.release();
        if (thread != null) {
            thread.join(5_000);
        }
        writing.lock();
        try {
            Current last = current;
            current = null;
            if (last != null) {
                retire(last);
            }
        } finally {
            writing.unlock();
        }
    }

    /**
     * The entities that match {@code terms} by exact names or words, ranked by score, kind and id, {@code limit} from
     * {@code offset}, as of the read model {@code c}'s transaction reads; empty if this index cannot answer for it.
     */
    public Optional<Matches> words(Connection c, ArchiveSearch.Terms terms, EntityKind kind, int offset, int limit)
            throws SQLException {
        Current now = acquire(c, terms);
        if (now == null) {
            byDatabase.increment();
            return Optional.empty();
        }
        try {
            Optional<Matches> matches = Optional.of(match(now.reader(), terms, kind, offset, limit));
            byIndex.increment();
            return matches;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(now.reader());
        }
    }

    /**
     * The entities with a similar name (search's second step, when nothing matched by names or words), as
     * ArchiveSearch's SQL finds them: the {@value ArchiveSearch#NEAREST} names and other names nearest to the query by
     * pg_trgm's word similarity, those of them at least as similar as pg_trgm's threshold, then the kind filter; ranked
     * by similarity times the field's weight, kind and id. PostgreSQL computes the similarities (of the candidates
     * only); the index finds the candidates by the trigrams they share with the query, most first. Empty if this index
     * cannot answer for {@code c}'s transaction.
     */
    public Optional<Matches> similar(Connection c, ArchiveSearch.Terms terms, EntityKind kind, int offset, int limit)
            throws SQLException {
        Current now = acquire(c, terms);
        if (now == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(nearest(c, now.reader(), terms, kind, offset, limit));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(now.reader());
        }
    }

    /**
     * The current index with a reference taken, when it reflects exactly what {@code c}'s transaction reads (caught up
     * first if it is a little behind); null when it cannot.
     */
    private Current acquire(Connection c, ArchiveSearch.Terms terms) throws SQLException {
        Current now = current;
        if (now == null || now.index().table() != terms.table()) {
            // being built, or built from the tables a rebuild replaced: the follower builds one of these
            signal.release();
            return null;
        }
        if (now.position() < terms.position()) {
            now = catchUp(c, terms);
            if (now == null) {
                signal.release();
                return null;
            }
        }
        // ahead: another search caught it up to a later transaction than this one's
        if (now.position() != terms.position() || !now.reader().tryIncRef()) {
            return null;
        }
        return now;
    }

    /** A name that shares enough trigrams with the query to be as similar as the threshold, at most. */
    private record Candidate(UUID id, EntityKind kind, int weight, String folded) {
    }

    /** How many candidates one statement asks PostgreSQL the word similarity of. */
    private static final int SIMILARITIES = 200;

    private static Matches nearest(Connection c, DirectoryReader reader, ArchiveSearch.Terms terms, EntityKind kind,
            int offset, int limit) throws IOException, SQLException {
        int n = terms.trigrams().size();
        if (n == 0) {
            // no trigram: every similarity is 0
            return new Matches(List.of(), Map.of());
        }
        // word similarity = shared / (query's trigrams + the extent's - shared) <= shared / query's trigrams, so a name
        // sharing fewer than this many of the query's trigrams cannot reach the threshold
        int least = Math.max(1, (int) Math.ceil(terms.threshold() * n - 1e-4));
        BooleanQuery.Builder shared = new BooleanQuery.Builder().setMinimumNumberShouldMatch(least);
        terms.trigrams().forEach(t -> shared.add(new ConstantScoreQuery(new TermQuery(new Term("trigram", t))),
                Occur.SHOULD));
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setQueryCache(null);
        int[][] bySharing = searcher.search(shared.build(), new BySharing(n));
        Names names = new Names(reader);
        // the nearest names, as a heap whose head is the least similar of them
        PriorityQueue<Map.Entry<Candidate, Float>> nearest = new PriorityQueue<>(Map.Entry.comparingByValue());
        look: for (int k = n; k >= least; k--) {
            float bound = (float) k / n;
            int[] band = bySharing[k];
            for (int from = 0; from < band.length; from += SIMILARITIES) {
                // the rest can only tie with the nearest found, and PostgreSQL takes any of a tie too
                if (nearest.size() >= ArchiveSearch.NEAREST && nearest.peek().getValue() >= bound) {
                    break look;
                }
                List<Candidate> batch = names.read(band, from, Math.min(band.length, from + SIMILARITIES));
                float[] similarity = similarities(c, terms.folded(), batch);
                for (int i = 0; i < batch.size(); i++) {
                    if (similarity[i] < terms.threshold()) {
                        continue;
                    }
                    if (nearest.size() < ArchiveSearch.NEAREST) {
                        nearest.add(Map.entry(batch.get(i), similarity[i]));
                    } else if (similarity[i] > nearest.peek().getValue()) {
                        nearest.poll();
                        nearest.add(Map.entry(batch.get(i), similarity[i]));
                    }
                }
            }
        }
        Map<UUID, Match> best = new HashMap<>();
        for (Map.Entry<Candidate, Float> e : nearest) {
            Candidate name = e.getKey();
            if (kind != null && name.kind() != kind) {
                continue;
            }
            // as ArchiveSearch's SQL computes it: word_similarity (float4) * (1.0 or 0.9), in float8
            double score = (double) e.getValue() * (name.weight() == 3 ? 1.0 : 0.9);
            best.merge(name.id(), new Match(name.id(), name.kind(), score), (a, b) -> a.score() >= b.score() ? a : b);
        }
        return page(best.values(), offset, limit);
    }

    private static float[] similarities(Connection c, String folded, List<Candidate> names) throws SQLException {
        float[] similarity = new float[names.size()];
        try (PreparedStatement s = c.prepareStatement(
                "select word_similarity(?, u.name) from unnest(?::text[]) with ordinality as u(name, n) "
                        + "order by u.n")) {
            s.setString(1, folded);
            s.setArray(2, c.createArrayOf("text", names.stream().map(Candidate::folded).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                for (int i = 0; rs.next(); i++) {
                    similarity[i] = rs.getFloat(1);
                }
            }
        }
        return similarity;
    }

    /** A collector of every match (no skipping) that reads each one's score. */
    private abstract static class ScoredCollector extends SimpleCollector {
        Scorable scorer;

        @Override
        public void setScorer(Scorable scorer) {
            this.scorer = scorer;
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE;
        }
    }

    /**
     * The names that share trigrams with the query, by how many they share, as the index's document numbers (in the
     * index's order within each band): only those PostgreSQL is asked about are read ({@link Names}).
     */
    private static final class BySharing implements CollectorManager<BySharing.Collector, int[][]> {

        private final int trigrams;

        BySharing(int trigrams) {
            this.trigrams = trigrams;
        }

        final class Collector extends ScoredCollector {
            final int[][] bands = new int[trigrams + 1][];
            final int[] sizes = new int[trigrams + 1];
            private int base;

            @Override
            protected void doSetNextReader(LeafReaderContext context) {
                base = context.docBase;
            }

            @Override
            public void collect(int doc) throws IOException {
                int k = Math.min(trigrams, Math.round(scorer.score()));
                int[] band = bands[k];
                if (band == null || sizes[k] == band.length) {
                    bands[k] = band = band == null ? new int[64] : Arrays.copyOf(band, band.length * 2);
                }
                band[sizes[k]++] = base + doc;
            }
        }

        @Override
        public Collector newCollector() {
            return new Collector();
        }

        @Override
        public int[][] reduce(Collection<Collector> collectors) {
            int[][] all = new int[trigrams + 1][];
            for (int k = 0; k <= trigrams; k++) {
                int size = 0;
                for (Collector c : collectors) {
                    size += c.sizes[k];
                }
                all[k] = new int[size];
                int at = 0;
                for (Collector c : collectors) {
                    if (c.sizes[k] > 0) {
                        System.arraycopy(c.bands[k], 0, all[k], at, c.sizes[k]);
                        at += c.sizes[k];
                    }
                }
            }
            return all;
        }
    }

    /** Reads the candidates' names and entities from the index, for document numbers in increasing order. */
    private static final class Names {
        private final List<LeafReaderContext> leaves;
        private int leaf = -1;
        private int last = -1;
        private TermValues values;
        private BinaryDocValues folded;

        Names(DirectoryReader reader) {
            this.leaves = reader.leaves();
        }

        List<Candidate> read(int[] docs, int from, int to) throws IOException {
            List<Candidate> names = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                names.add(read(docs[i]));
            }
            return names;
        }

        private Candidate read(int doc) throws IOException {
            int n = ReaderUtil.subIndex(doc, leaves);
            int local = doc - leaves.get(n).docBase;
            if (n != leaf || local <= last) {
                // doc values only move forward: new ones for another segment
                leaf = n;
                values = new TermValues(leaves.get(n).reader());
                folded = leaves.get(n).reader().getBinaryDocValues("folded");
            }
            last = local;
            values.read(local);
            // a name found by its trigrams has its folded value too
            folded.advanceExact(local);
            return new Candidate(new UUID(values.high(), values.lowOf(local)), KINDS[values.kind()], values.weight(),
                    folded.binaryValue().utf8ToString());
        }
    }

    private static void release(DirectoryReader reader) {
        try {
            reader.decRef();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies the changes up to the search's position, if they are few and nobody else is writing for long. */
    private Current catchUp(Connection c, ArchiveSearch.Terms terms) throws SQLException {
        try {
            if (!writing.tryLock(50, TimeUnit.MILLISECONDS)) {
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        try {
            Current now = current;
            if (now == null || now.index().table() != terms.table()) {
                return null;
            }
            if (now.position() < terms.position()) {
                if (terms.position() - now.position() > config.search().catchUp()) {
                    return null;
                }
                apply(c, now.index(), now.position(), terms.position());
                now = publish(now.index(), terms.position());
            }
            return now;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writing.unlock();
        }
    }

    /** Best first: by score, then kind rank, then id as PostgreSQL orders uuids. */
    private static final Comparator<Match> RANKING = (a, b) -> rank(a.score(), a.kind().ordinal(),
            a.id().getMostSignificantBits(), a.id().getLeastSignificantBits(), b);

    /** Negative if the match of these values ranks before {@code b}, positive if after. */
    private static int rank(double score, int kind, long high, long low, Match b) {
        int c = rankByHigh(score, kind, high, b);
        return c != 0 ? c : Long.compareUnsigned(low, b.id().getLeastSignificantBits());
    }

    /** As {@link #rank}, without the id's low half: 0 when only it can tell. */
    private static int rankByHigh(double score, int kind, long high, Match b) {
        int c = Double.compare(b.score(), score);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(KIND_RANK[kind], KIND_RANK[b.kind().ordinal()]);
        return c != 0 ? c : Long.compareUnsigned(high, b.id().getMostSignificantBits());
    }

    private static Matches match(DirectoryReader reader, ArchiveSearch.Terms terms, EntityKind kind, int offset,
            int limit) throws IOException {
        List<Query> either = new ArrayList<>();
        // an exact name or other name scores 2, whole words 1; times the field's weight below
        either.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term("exact", terms.folded()))), 2f));
        if (!terms.words().isEmpty()) {
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            terms.words().forEach(w -> all.add(new TermQuery(new Term("word", w)), Occur.MUST));
            either.add(new BoostQuery(new ConstantScoreQuery(all.build()), 1f));
        }
        Query query = new DisjunctionMaxQuery(either, 0f);
        if (kind != null) {
            query = new BooleanQuery.Builder().add(query, Occur.MUST)
                    .add(new TermQuery(new Term("kind", kind.name())), Occur.FILTER).build();
        }
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setQueryCache(null);
        return searcher.search(query, new BestPerEntity(offset, limit));
    }

    /** The page of the matches asked for (each entity once), best first, and how many matched of each kind. */
    private static Matches page(Collection<Match> best, int offset, int limit) {
        Map<EntityKind, Long> counts = new EnumMap<>(EntityKind.class);
        for (Match m : best) {
            counts.merge(m.kind(), 1L, Long::sum);
        }
        List<Match> ranked = new ArrayList<>(best);
        ranked.sort(RANKING);
        int from = (int) Math.min(offset, ranked.size());
        return new Matches(ranked.subList(from, (int) Math.min((long) offset + limit, ranked.size())), counts);
    }

    /**
     * By kind ordinal: people and organisations, places, events, sources, the rest (ArchiveSearch's order for equal
     * scores).
     */
    private static final int[] KIND_RANK = new int[EntityKind.values().length];

    static {
        for (EntityKind k : EntityKind.values()) {
            KIND_RANK[k.ordinal()] = switch (k) {
                case PERSON, ORGANISATION -> 0;
                case PLACE -> 1;
                case EVENT -> 2;
                case SOURCE -> 3;
                default -> 4;
            };
        }
    }

    private static final EntityKind[] KINDS = EntityKind.values();

    /**
     * A segment's values of every search term: its entity's id and kind, its weight (every term has all four). The
     * id's low half is read only when asked for: each value read is a random access into the index's memory, and a
     * common surname's terms are spread over all of it.
     */
    private static final class TermValues {
        private final NumericDocValues high;
        private final NumericDocValues low;
        private final NumericDocValues kind;
        private final NumericDocValues weight;

        TermValues(LeafReader segment) throws IOException {
            high = segment.getNumericDocValues("id.high");
            low = segment.getNumericDocValues("id.low");
            kind = segment.getNumericDocValues("kind.ordinal");
            weight = segment.getNumericDocValues("weight");
        }

        /** Positions the id's high half, the kind and the weight on {@code doc}, after the last one read. */
        void read(int doc) throws IOException {
            high.advanceExact(doc);
            kind.advanceExact(doc);
            weight.advanceExact(doc);
        }

        long high() throws IOException {
            return high.longValue();
        }

        /** The id's low half of {@code doc}: no earlier than the last document it was asked for. */
        long lowOf(int doc) throws IOException {
            low.advanceExact(doc);
            return low.longValue();
        }

        int kind() throws IOException {
            return (int) kind.longValue();
        }

        int weight() throws IOException {
            return (int) weight.longValue();
        }
    }

    /**
     * Each matching entity once, with the best score of its matching terms: the score times the field's weight. An
     * entity's documents are one block (added or replaced together, {@link #build} and {@link #apply}), so its live
     * documents are adjacent in one segment and arrive one after the other: the collector keeps the entity it is on
     * and passes it on when the next one begins, without a map of every match.
     */
    private static final class BestPerEntity implements CollectorManager<BestPerEntity.Collector, Matches> {

        private final int offset;
        private final int wanted;

        BestPerEntity(int offset, int limit) {
            this.offset = offset;
            this.wanted = (int) Math.min((long) offset + limit, Integer.MAX_VALUE);
        }

        final class Collector extends ScoredCollector {
            final long[] counts = new long[KINDS.length];
            /** The best {@code wanted} so far, the worst of them at the head. */
            final PriorityQueue<Match> top = new PriorityQueue<>(Math.max(1, Math.min(wanted, 1_024)),
                    RANKING.reversed());
            private TermValues values;
            /** The entity collected last: whether there is one, its first matching term, and what is known of it. */
            private boolean on;
            private int first;
            private long high;
            private boolean lowRead;
            private long low;
            private int kind;
            private double score;

            @Override
            protected void doSetNextReader(LeafReaderContext context) throws IOException {
                finish();
                values = new TermValues(context.reader());
            }

            @Override
            public void collect(int doc) throws IOException {
                values.read(doc);
                // as ArchiveSearch's SQL computes it: (2 or 1) * (1.0, 0.9 or 0.6), in float8
                double factor = switch (values.weight()) {
                    case 3 -> 1.0;
                    case 2 -> 0.9;
                    default -> 0.6;
                };
                double termScore = (scorer.score() > 1.5f ? 2 : 1) * factor;
                long h = values.high();
                if (on && high == h && low() == values.lowOf(doc)) {
                    score = Math.max(score, termScore);
                    return;
                }
                finish();
                on = true;
                first = doc;
                high = h;
                lowRead = false;
                kind = values.kind();
                score = termScore;
            }

            /** The low half of the entity's id, read at its first matching term. */
            private long low() throws IOException {
                if (!lowRead) {
                    low = values.lowOf(first);
                    lowRead = true;
                }
                return low;
            }

            /** The entity collected last is complete: counted, and kept if it is among the best so far. */
            @Override
            public void finish() throws IOException {
                if (!on) {
                    return;
                }
                on = false;
                counts[kind]++;
                if (wanted == 0) {
                    return;
                }
                if (top.size() < wanted) {
                    top.add(new Match(new UUID(high, low()), KINDS[kind], score));
                    return;
                }
                // most matches rank after the page's worst by score, kind or the id's high half alone
                int c = rankByHigh(score, kind, high, top.peek());
                if (c < 0 || c == 0 && Long.compareUnsigned(low(), top.peek().id().getLeastSignificantBits()) < 0) {
                    top.poll();
                    top.add(new Match(new UUID(high, low()), KINDS[kind], score));
                }
            }
        }

        @Override
        public Collector newCollector() {
            return new Collector();
        }

        @Override
        public Matches reduce(Collection<Collector> collectors) throws IOException {
            List<Match> ranked = new ArrayList<>();
            Map<EntityKind, Long> counts = new EnumMap<>(EntityKind.class);
            for (Collector c : collectors) {
                c.finish();
                ranked.addAll(c.top);
                for (int k = 0; k < c.counts.length; k++) {
                    if (c.counts[k] > 0) {
                        counts.merge(KINDS[k], c.counts[k], Long::sum);
                    }
                }
            }
            ranked.sort(RANKING);
            int to = Math.min(wanted, ranked.size());
            return new Matches(ranked.subList(Math.min(offset, to), to), counts);
        }
    }

    // ---- following the read model

    /** The follower: builds the index, then applies the feed's changes as they come, and builds anew after a swap. */
    private void follow() {
        try {
            root = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "memoria-search"));
            removeStale(root);
        } catch (IOException e) {
            LOG.errorf(e, "Cannot create the search index's directory; search is answered by the database");
            return;
        }
        long failures = 0;
        while (!stopped) {
            try {
                followOnce();
                failures = 0;
            } catch (Exception e) {
                if (failures++ == 0) {
                    LOG.warnf(e, "The search index could not follow the read model; searches are answered by the "
                            + "database until it can (retrying)");
                }
            }
            try {
                signal.tryAcquire(failures == 0 ? config.search().pollInterval().toMillis()
                        : Math.min(5_000, 200 * failures), TimeUnit.MILLISECONDS);
                signal.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void followOnce() throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (Statement s = c.createStatement()) {
                s.execute("set transaction isolation level repeatable read");
            }
            long table;
            long position;
            // reading search_term locks it against a rebuild's swap until this transaction ends, so the oid is the
            // table this transaction reads
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    select to_regclass('search_term')::oid::bigint, (select coalesce(max(position), 0) from change_feed)
                    where not exists (select from search_term limit 0)""")) {
                rs.next();
                table = rs.getLong(1);
                position = rs.getLong(2);
            }
            Current now = current;
            if (now == null || now.index().table() != table) {
                lag.set(-1);
                Index built = build(c, table);
                writing.lock();
                try {
                    publish(built, position);
                } finally {
                    writing.unlock();
                }
                lag.set(0);
                LOG.infof("Search index built from the read model at change %d", position);
            } else if (now.position() < position) {
                lag.set(position - now.position());
                writing.lock();
                try {
                    now = current;
                    if (now.position() < position) {
                        for (long from = now.position(); from < position; from += CHUNK) {
                            apply(c, now.index(), from, Math.min(position, from + CHUNK));
                        }
                        publish(now.index(), position);
                    }
                } finally {
                    writing.unlock();
                }
                lag.set(0);
            } else {
                lag.set(0);
            }
            c.commit();
        }
    }

    /** A new index of every search term {@code c}'s transaction reads, in a new directory beside any other. */
    private Index build(Connection c, long table) throws SQLException, IOException {
        Path path = Files.createTempDirectory(root, ProcessHandle.current().pid() + "-");
        IndexWriter writer = new IndexWriter(new MMapDirectory(path),
                new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE).setRAMBufferSizeMB(16)
                        .setCommitOnClose(false));
        boolean done = false;
        // each entity's terms as one block (BestPerEntity relies on it), so the rows come by entity
        try (PreparedStatement s = c.prepareStatement(ROWS + " order by entity_id")) {
            s.setFetchSize(5_000);
            try (ResultSet rs = s.executeQuery()) {
                List<Document> block = new ArrayList<>();
                UUID entity = null;
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    if (!id.equals(entity) && !block.isEmpty()) {
                        writer.addDocuments(block);
                        block.clear();
                    }
                    entity = id;
                    block.add(document(rs));
                }
                if (!block.isEmpty()) {
                    writer.addDocuments(block);
                }
            }
            done = true;
            return new Index(path, writer, table);
        } finally {
            if (!done) {
                discard(writer, path);
            }
        }
    }

    /** Applies the changes of positions {@code (from, to]}: the terms of each entity they name, as {@code c} reads. */
    private static void apply(Connection c, Index index, long from, long to) throws SQLException, IOException {
        List<UUID> changed = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "select distinct entity_id from change_feed where position > ? and position <= ?")) {
            s.setLong(1, from);
            s.setLong(2, to);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    changed.add(rs.getObject(1, UUID.class));
                }
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        Map<UUID, List<Document>> docs = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(ROWS + " where entity_id = any(?)")) {
            s.setArray(1, c.createArrayOf("uuid", changed.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    docs.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(document(rs));
                }
            }
        }
        for (UUID id : changed) {
            Term entity = new Term("entity", id.toString());
            List<Document> terms = docs.get(id);
            if (terms == null) {
                // a deleted entity has no terms left (updateDocuments with none would leave Lucene's count of buffered
                // bytes wrong: DocumentsWriter.abort asserts it is 0 when the index is discarded)
                index.writer().deleteDocuments(entity);
            } else {
                index.writer().updateDocuments(entity, terms);
            }
        }
    }

    /** One search term: the entity's id (a term to replace them by, and two numbers to read), kind, weight, words. */
    private static Document document(ResultSet rs) throws SQLException {
        UUID id = rs.getObject(1, UUID.class);
        EntityKind kind = EntityKind.valueOf(rs.getString(2));
        int weight = rs.getInt(3);
        String folded = rs.getString(4);
        Document d = new Document();
        d.add(new StringField("entity", id.toString(), Field.Store.NO));
        d.add(new NumericDocValuesField("id.high", id.getMostSignificantBits()));
        d.add(new NumericDocValuesField("id.low", id.getLeastSignificantBits()));
        d.add(new StringField("kind", kind.name(), Field.Store.NO));
        d.add(new NumericDocValuesField("kind.ordinal", kind.ordinal()));
        d.add(new NumericDocValuesField("weight", weight));
        // a name longer than Lucene's longest term (32 KiB) is not a name anyone types in full
        if (weight >= 2 && folded.getBytes(StandardCharsets.UTF_8).length <= IndexWriter.MAX_TERM_LENGTH) {
            d.add(new StringField("exact", folded, Field.Store.NO));
            // for similar names: the trigrams pg_trgm compares, and the name to ask it the similarity of
            d.add(new BinaryDocValuesField("folded", new BytesRef(folded)));
            for (String t : (String[]) rs.getArray(6).getArray()) {
                d.add(new StringField("trigram", t, Field.Store.NO));
            }
        }
        Array words = rs.getArray(5);
        for (String w : (String[]) words.getArray()) {
            d.add(new StringField("word", w, Field.Store.NO));
        }
        return d;
    }

    /** Makes what {@code index} holds now, as of {@code position}, what searches read. Called holding the lock. */
    private Current publish(Index index, long position) throws IOException {
        Current old = current;
        DirectoryReader reader;
        if (old != null && old.index() == index) {
            reader = DirectoryReader.openIfChanged(old.reader(), index.writer());
            if (reader == null) {
                old.reader().incRef();
                reader = old.reader();
            }
        } else {
            reader = DirectoryReader.open(index.writer());
        }
        Current next = new Current(index, reader, position);
        current = next;
        if (old != null) {
            if (old.index() != index) {
                retire(old);
            } else {
                old.reader().decRef();
            }
        }
        return next;
    }

    /** The index a rebuild replaced, or this replica's as it stops, goes when its last search ends. */
    private static void retire(Current last) throws IOException {
        Index retired = last.index();
        last.reader().getReaderCacheHelper().addClosedListener(key -> discard(retired.writer(), retired.path()));
        last.reader().decRef();
    }

    private static void discard(IndexWriter writer, Path path) {
        try {
            writer.rollback();
        } catch (IOException | RuntimeException e) {
            LOG.debugf(e, "Closing a retired search index");
        }
        delete(path);
    }

    /** Directories left by processes that ended (or by this one's earlier life in the same container). */
    private static void removeStale(Path root) throws IOException {
        long self = ProcessHandle.current().pid();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                int dash = name.indexOf('-');
                try {
                    long pid = Long.parseLong(dash < 0 ? name : name.substring(0, dash));
                    if (pid == self || ProcessHandle.of(pid).isEmpty()) {
                        delete(dir);
                    }
                } catch (NumberFormatException e) {
                    // not ours
                }
            }
        }
    }

    private static void delete(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.debugf(e, "Removing %s", path);
        }
    }
}
