package org.memoria.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.Normalizer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.util.BytesRef;
import org.memoria.bench.SearchBenchmark.Row;
import org.memoria.common.contract.EntityKind;
import org.memoria.gateway.api.ArchiveViews.SearchHit;
import org.memoria.gateway.api.ArchiveViews.SearchResult;
import org.memoria.gateway.service.ArchiveSearch;
import org.memoria.local.Ports;
import org.memoria.local.PostgresServer;

/**
 * {@code bench/run -Dbench.lucene=1000000}: the gateway's search answered by an in-process Apache Lucene index instead
 * of PostgreSQL, on the same rows {@link SearchBenchmark} writes (generated in Java by {@link SearchBenchmark#rows})
 * and with the same rules as {@link ArchiveSearch}. A measurement for decision 0020; the gateway does not use Lucene.
 * <p>
 * One Lucene document per <b>entity</b>: its folded name and other name as exact keywords ({@code name.exact},
 * {@code other.exact}) and as words ({@code name.words}, {@code other.words}; docs only, no norms, StandardTokenizer),
 * the kind, the kind rank and the id (16 bytes, ordered unsigned as PostgreSQL orders a uuid) as doc values, the names
 * as written and folded as binary doc values. The index is sorted by (kind rank, id) and merged to one segment, in an
 * {@link MMapDirectory} in a temporary directory. Step 1 is a {@link DisjunctionMaxQuery} of four constant scores
 * (exact name 2, exact other name 1.8, all words in the name 1, all in the other name 0.9): its maximum is the
 * entity's best term and no similarity is computed; the page is the top of an explicit sort (score desc, kind rank,
 * id), which does not rely on the segment count, and the same pass counts every match by kind for the exact total and
 * the facets. Step 2, only when step 1 found nothing: each query word as a {@link FuzzyQuery} (Levenshtein automata
 * over the terms dictionary; at most 2 edits for a word of 7 letters or more, else 1; 50 terms per word, each scoring
 * its edit-distance boost) or a {@link PrefixQuery}; the {@value #POOL} best entities by that score, then (kind rank,
 * id); each of their names scored by pg_trgm's word similarity computed in Java ({@link #wordSimilarity}); the
 * {@value #NEAREST} most similar of them (ties by kind rank, id) are the nearest, kept at a similarity of 0.6 or more,
 * scored by it times the field weight, then the kind filter and the ranking.
 * <p>
 * Before measuring, at {@code bench.lucene.check} (20,000) entities, it checks: the Java rows against the rows
 * {@link SearchBenchmark#fill} writes in an embedded PostgreSQL; Lucene's answers against a brute force of the rules
 * over the rows; and against the gateway's {@link ArchiveSearch} on that PostgreSQL (PASS or FAIL lines). Then at
 * {@code bench.lucene} entities: build time, index size, heap; one query of each shape; {@code bench.clients} (4)
 * clients in a closed loop for {@code bench.seconds} (15) with {@link Benchmark#searchTerm}'s mix, overall and per
 * query shape. The query cache is off: every query does its work, as a PostgreSQL statement does.
 */
public final class LuceneSearchBenchmark {

    static final int NEAREST = ArchiveSearch.NEAREST;
    /** Step 2's candidates, by fuzzy score, that word similarity ranks to choose the NEAREST. */
    static final int POOL = 10 * NEAREST;
    static final float THRESHOLD = 0.6f;
    static final int PAGE = 20;
    static final EntityKind[] KINDS = EntityKind.values();
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Analyzer ANALYZER = new StandardAnalyzer();
    private static final FieldType WORDS = new FieldType();

    static {
        WORDS.setIndexOptions(IndexOptions.DOCS);
        WORDS.setTokenized(true);
        WORDS.setOmitNorms(true);
        WORDS.freeze();
    }

    private static final Sort RANKING = new Sort(SortField.FIELD_SCORE, new SortField("rank", SortField.Type.INT),
            new SortField("id", SortField.Type.STRING));

    public static void main(String[] args) throws Exception {
        int entities = Integer.getInteger("bench.lucene", 1_000_000);
        int checkSize = Integer.getInteger("bench.lucene.check", 20_000);
        int seconds = Integer.getInteger("bench.seconds", 15);
        int clients = Integer.getInteger("bench.clients", 4);
        Path root = Path.of(System.getProperty("memoria.root", ".")).toAbsolutePath().normalize();
        System.out.printf("# Search with Apache Lucene %s at %,d entities (%s, JDK %s, %d cores, max heap %d MB)%n%n",
                org.apache.lucene.util.Version.LATEST, entities, LocalDate.now(), Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        boolean passed = checkSize <= 0 || check(root, checkSize);
        measure(entities, clients, seconds);
        System.out.println("correctness: " + (passed ? "PASS" : "FAIL"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The index

    /** {@code memoria_fold} (lower(unaccent)): accents dropped by decomposition, which equals unaccent for this archive. */
    static String fold(String s) {
        return MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** The query as ArchiveSearch folds it: {@code btrim(regexp_replace(memoria_fold(q), '\s+', ' ', 'g'))}. */
    static String foldQuery(String q) {
        return SPACES.matcher(fold(q)).replaceAll(" ").strip();
    }

    static List<String> tokens(String folded) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = ANALYZER.tokenStream("q", folded)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static int kindRank(String kind) {
        return switch (kind) {
            case "PERSON", "ORGANISATION" -> 0;
            case "PLACE" -> 1;
            case "EVENT" -> 2;
            case "SOURCE" -> 3;
            default -> 4;
        };
    }

    static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    static UUID uuid(BytesRef b) {
        ByteBuffer bb = ByteBuffer.wrap(b.bytes, b.offset, b.length);
        return new UUID(bb.getLong(), bb.getLong());
    }

    static Document document(Row r) {
        Document d = new Document();
        String name = fold(r.name());
        d.add(new StringField("name.exact", name, Field.Store.NO));
        d.add(new Field("name.words", name, WORDS));
        d.add(new BinaryDocValuesField("name", new BytesRef(r.name())));
        d.add(new BinaryDocValuesField("name.folded", new BytesRef(name)));
        if (r.alias() != null) {
            String alias = fold(r.alias());
            d.add(new StringField("other.exact", alias, Field.Store.NO));
            d.add(new Field("other.words", alias, WORDS));
            d.add(new BinaryDocValuesField("other", new BytesRef(r.alias())));
            d.add(new BinaryDocValuesField("other.folded", new BytesRef(alias)));
        }
        d.add(new StringField("kind", r.kind(), Field.Store.NO));
        d.add(new NumericDocValuesField("kind.ord", EntityKind.valueOf(r.kind()).ordinal()));
        d.add(new NumericDocValuesField("rank", kindRank(r.kind())));
        d.add(new SortedDocValuesField("id", new BytesRef(bytes(r.id()))));
        return d;
    }

    record Built(Directory dir, DirectoryReader reader, IndexSearcher searcher, Path path, double seconds,
            double mergeSeconds, long bytes) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            reader.close();
            dir.close();
            try (var walk = Files.walk(path)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static Built build(int entities) throws IOException {
        Path path = Files.createTempDirectory("memoria-lucene-bench-");
        Directory dir = new MMapDirectory(path);
        IndexWriterConfig config = new IndexWriterConfig(ANALYZER).setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(128).setIndexSort(new Sort(new SortField("rank", SortField.Type.INT),
                        new SortField("id", SortField.Type.STRING)));
        long t0 = System.nanoTime();
        double merge;
        try (IndexWriter w = new IndexWriter(dir, config)) {
            SearchBenchmark.rows(entities, r -> {
                try {
                    w.addDocument(document(r));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            w.commit();
            long t1 = System.nanoTime();
            // one segment: a replica would merge in the background; the measurement reads the best case's layout
            w.forceMerge(1);
            w.commit();
            merge = (System.nanoTime() - t1) / 1e9;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        DirectoryReader reader = DirectoryReader.open(dir);
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setQueryCache(null);
        long bytes = 0;
        for (String f : dir.listAll()) {
            bytes += dir.fileLength(f);
        }
        return new Built(dir, reader, searcher, path, seconds, merge, bytes);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The search

    record Hit(UUID id, String kind, double score, String field, String term) {
    }

    record Result(int step, long total, Map<String, Long> facets, List<Hit> page) {
    }

    static Result search(IndexSearcher searcher, String query, String kind, int page, int size) throws IOException {
        String folded = foldQuery(query);
        List<String> words = tokens(folded);
        List<Query> best = new ArrayList<>();
        best.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term("name.exact", folded))), 2.0f));
        best.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term("other.exact", folded))), 1.8f));
        if (!words.isEmpty()) {
            best.add(new BoostQuery(new ConstantScoreQuery(allWords("name.words", words)), 1.0f));
            best.add(new BoostQuery(new ConstantScoreQuery(allWords("other.words", words)), 0.9f));
        }
        Query step1 = new DisjunctionMaxQuery(best, 0f);
        if (kind != null) {
            step1 = new BooleanQuery.Builder().add(step1, Occur.MUST)
                    .add(new TermQuery(new Term("kind", kind)), Occur.FILTER).build();
        }
        Object[] r = searcher.search(step1, new MultiCollectorManager(
                new TopFieldCollectorManager(RANKING, (page + 1) * size, null, Integer.MAX_VALUE), new KindCounts()));
        TopFieldDocs top = (TopFieldDocs) r[0];
        long[] counts = (long[]) r[1];
        if (top.totalHits.value() > 0) {
            List<Hit> hits = new ArrayList<>();
            for (int i = page * size; i < top.scoreDocs.length; i++) {
                FieldDoc d = (FieldDoc) top.scoreDocs[i];
                float score = (Float) d.fields[0];
                // the best term: the field whose clause gave the score (the name when both give it)
                boolean name = score == 2.0f || score == 1.0f;
                hits.add(new Hit(uuid((BytesRef) d.fields[2]), KINDS[kindOf(searcher, d.doc)].name(),
                        Math.round(score * 1000) / 1000.0, name ? "name" : "other name",
                        text(searcher, d.doc, name ? "name" : "other")));
            }
            return new Result(1, top.totalHits.value(), facets(counts), hits);
        }
        return similar(searcher, folded, words, kind, page, size);
    }

    private static Query allWords(String field, List<String> words) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String w : words) {
            b.add(new TermQuery(new Term(field, w)), Occur.MUST);
        }
        return b.build();
    }

    /** Step 2: the entities whose names are nearest to the query, among the fuzzy expansions of its words. */
    private static Result similar(IndexSearcher searcher, String folded, List<String> words, String kind, int page,
            int size) throws IOException {
        if (words.isEmpty()) {
            return new Result(2, 0, Map.of(), List.of());
        }
        List<Query> fields = new ArrayList<>();
        for (String field : List.of("name.words", "other.words")) {
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            for (String w : words) {
                int edits = w.length() >= 7 ? 2 : 1;
                // a word within 1 or 2 edits, or a word it begins ("17" for "1712": word similarity favours a prefix)
                b.add(new DisjunctionMaxQuery(List.of(new FuzzyQuery(new Term(field, w), edits, 0, 50, true,
                        new MultiTermQuery.TopTermsBoostOnlyBooleanQueryRewrite(50)),
                        new BoostQuery(new PrefixQuery(new Term(field, w)), 0.9f)), 0f), Occur.SHOULD);
            }
            fields.add(b.build());
        }
        // a pool of candidates by that score, each scored by word similarity; the NEAREST most similar of them (ties by
        // kind rank, id) stand for the nearest names, then the threshold, the field weights and the kind filter
        TopFieldDocs pool = searcher.search(new DisjunctionMaxQuery(fields, 0f),
                new TopFieldCollectorManager(RANKING, POOL, null, POOL));
        long[] trigrams = queryTrigrams(folded);
        List<Candidate> candidates = new ArrayList<>();
        // in doc id order, so that each segment's doc values are read forward by one iterator per field
        ScoreDoc[] byDoc = pool.scoreDocs.clone();
        Arrays.sort(byDoc, Comparator.comparingInt(d -> d.doc));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        int i = 0;
        for (LeafReaderContext leaf : leaves) {
            int end = leaf.docBase + leaf.reader().maxDoc();
            if (i >= byDoc.length || byDoc[i].doc >= end) {
                continue;
            }
            NumericDocValues kinds = DocValues.getNumeric(leaf.reader(), "kind.ord");
            BinaryDocValues names = DocValues.getBinary(leaf.reader(), "name.folded");
            BinaryDocValues others = DocValues.getBinary(leaf.reader(), "other.folded");
            for (; i < byDoc.length && byDoc[i].doc < end; i++) {
                FieldDoc d = (FieldDoc) byDoc[i];
                int doc = d.doc - leaf.docBase;
                kinds.advanceExact(doc);
                String name = names.advanceExact(doc) ? names.binaryValue().utf8ToString() : "";
                float other = others.advanceExact(doc) ? wordSimilarity(trigrams, others.binaryValue().utf8ToString())
                        : 0f;
                candidates.add(new Candidate(uuid((BytesRef) d.fields[2]), KINDS[(int) kinds.longValue()].name(), d.doc,
                        wordSimilarity(trigrams, name), other));
            }
        }
        candidates.sort(Comparator.comparingDouble((Candidate c) -> Math.max(c.nameSimilarity(), c.otherSimilarity()))
                .reversed().thenComparingInt(c -> kindRank(c.kind())).thenComparing(c -> new BytesRef(bytes(c.id()))));
        List<Scored> matches = new ArrayList<>();
        for (Candidate c : candidates.subList(0, Math.min(NEAREST, candidates.size()))) {
            double score = -1;
            String field = null;
            if (c.nameSimilarity() >= THRESHOLD) {
                score = c.nameSimilarity();
                field = "name";
            }
            if (c.otherSimilarity() >= THRESHOLD && c.otherSimilarity() * 0.9 > score) {
                score = c.otherSimilarity() * 0.9;
                field = "other name";
            }
            if (field != null && (kind == null || kind.equals(c.kind()))) {
                matches.add(new Scored(c.id(), c.kind(), score, field,
                        text(searcher, c.doc(), field.equals("name") ? "name" : "other")));
            }
        }
        return ranked(2, matches, page, size);
    }

    record Scored(UUID id, String kind, double score, String field, String term) {
    }

    record Candidate(UUID id, String kind, int doc, float nameSimilarity, float otherSimilarity) {
    }

    /** Equal scores by kind rank, then id (PostgreSQL orders a uuid by its bytes, unsigned). */
    static final Comparator<Scored> ORDER = Comparator.comparingDouble(Scored::score).reversed()
            .thenComparingInt(s -> kindRank(s.kind()))
            .thenComparing(s -> new BytesRef(bytes(s.id())));

    static Result ranked(int step, List<Scored> matches, int page, int size) {
        matches.sort(ORDER);
        long[] counts = new long[KINDS.length];
        for (Scored s : matches) {
            counts[EntityKind.valueOf(s.kind()).ordinal()]++;
        }
        List<Hit> hits = matches.stream().skip((long) page * size).limit(size)
                .map(s -> new Hit(s.id(), s.kind(), Math.round(s.score() * 1000) / 1000.0, s.field(), s.term()))
                .toList();
        return new Result(step, matches.size(), facets(counts), hits);
    }

    /** A name or other name as written, from its doc values (null when the entity has none). */
    private static String text(IndexSearcher searcher, int doc, String field) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
        BinaryDocValues dv = DocValues.getBinary(leaf.reader(), field);
        return dv.advanceExact(doc - leaf.docBase) ? dv.binaryValue().utf8ToString() : null;
    }

    private static int kindOf(IndexSearcher searcher, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
        NumericDocValues dv = DocValues.getNumeric(leaf.reader(), "kind.ord");
        dv.advanceExact(doc - leaf.docBase);
        return (int) dv.longValue();
    }

    /** Most matches first, then by kind name, as ArchiveSearch orders the facets. */
    static Map<String, Long> facets(long[] counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        java.util.stream.IntStream.range(0, counts.length).filter(i -> counts[i] > 0).boxed()
                .sorted(Comparator.<Integer>comparingLong(i -> -counts[i]).thenComparing(i -> KINDS[i].name()))
                .forEach(i -> out.put(KINDS[i].name(), counts[i]));
        return out;
    }

    /** Counts every match by kind (the facets) from the kind's doc values, in the same pass as the page. */
    static final class KindCounts implements CollectorManager<KindCounts.Counter, long[]> {

        static final class Counter implements Collector {
            final long[] counts = new long[KINDS.length];

            @Override
            public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
                NumericDocValues kind = DocValues.getNumeric(context.reader(), "kind.ord");
                return new LeafCollector() {
                    @Override
                    public void setScorer(Scorable scorer) {
                    }

                    @Override
                    public void collect(int doc) throws IOException {
                        if (kind.advanceExact(doc)) {
                            counts[(int) kind.longValue()]++;
                        }
                    }
                };
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        }

        @Override
        public Counter newCollector() {
            return new Counter();
        }

        @Override
        public long[] reduce(Collection<Counter> collectors) {
            long[] sum = new long[KINDS.length];
            for (Counter c : collectors) {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += c.counts[i];
                }
            }
            return sum;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // pg_trgm's word similarity, in Java

    /**
     * pg_trgm's trigrams of a folded text, in order, each packed in a long: every word (letters and digits) padded with
     * two spaces before and one after.
     */
    static long[] trigrams(String folded) {
        long[] out = new long[folded.length() * 3 + 3];
        int n = 0;
        int i = 0;
        while (i < folded.length()) {
            if (!Character.isLetterOrDigit(folded.charAt(i))) {
                i++;
                continue;
            }
            int end = i;
            while (end < folded.length() && Character.isLetterOrDigit(folded.charAt(end))) {
                end++;
            }
            char a = ' ';
            char b = ' ';
            for (int j = i; j <= end; j++) {
                char c = j < end ? folded.charAt(j) : ' ';
                out[n++] = ((long) a << 32) | ((long) b << 16) | c;
                a = b;
                b = c;
            }
            i = end;
        }
        return Arrays.copyOf(out, n);
    }

    /** The query's distinct trigrams, sorted. */
    static long[] queryTrigrams(String folded) {
        return Arrays.stream(trigrams(folded)).distinct().sorted().toArray();
    }

    static float wordSimilarity(String q, String t) {
        return wordSimilarity(queryTrigrams(q), t);
    }

    /**
     * {@code word_similarity(q, t)}: the greatest, over the contiguous extents of t's trigrams, of
     * {@code common / (|trigrams(q)| + |extent| - common)}, common being q's distinct trigrams found in the extent and
     * |extent| its distinct trigrams. Every extent is tried; pg_trgm's own search of the extents is a heuristic, so
     * this is at least its value (equal on every name the correctness check compares). Below the threshold (0.6) it
     * returns an upper bound instead.
     */
    static float wordSimilarity(long[] query, String t) {
        if (query.length == 0) {
            return 0f;
        }
        long[] target = trigrams(t);
        int n = target.length;
        boolean[] common = new boolean[n];
        int[] previous = new int[n]; // where the same trigram occurred last before, or -1
        int commonDistinct = 0;
        for (int j = 0; j < n; j++) {
            common[j] = Arrays.binarySearch(query, target[j]) >= 0;
            previous[j] = -1;
            for (int k = j - 1; k >= 0; k--) {
                if (target[k] == target[j]) {
                    previous[j] = k;
                    break;
                }
            }
            if (common[j] && previous[j] < 0) {
                commonDistinct++;
            }
        }
        // no extent holds more common trigrams than the whole text, nor fewer trigrams than it holds common ones: below
        // the threshold the exact value changes nothing (such a name is never a match, and is nearer than none that is)
        float bound = (float) commonDistinct / query.length;
        if (bound < THRESHOLD) {
            return bound;
        }
        float best = 0f;
        for (int i = 0; i < n; i++) {
            if (!common[i]) {
                continue; // an extent that starts without a common trigram is beaten by the one after it
            }
            int distinct = 0;
            int shared = 0;
            for (int j = i; j < n; j++) {
                if (previous[j] < i) { // new in the extent i..j
                    distinct++;
                    if (common[j]) {
                        shared++;
                    }
                }
                if (common[j]) { // and one that ends without a common trigram is beaten by the one before it
                    best = Math.max(best, (float) shared / (float) (query.length + distinct - shared));
                }
            }
        }
        return best;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Correctness

    /** The rules, by brute force over the rows: every term compared with the query, nothing indexed. */
    static Result bruteForce(List<Row> rows, String query, String kind, int page, int size) {
        String folded = foldQuery(query);
        List<String> words = Arrays.stream(NON_WORD.split(folded)).filter(w -> !w.isEmpty()).toList();
        List<Scored> matches = new ArrayList<>();
        for (Row r : rows) {
            double score = -1;
            String field = null;
            String term = null;
            String[][] terms = { { "name", r.name(), "1.0" }, { "other name", r.alias(), "0.9" } };
            for (String[] t : terms) {
                if (t[1] == null) {
                    continue;
                }
                String f = fold(t[1]);
                double weight = Double.parseDouble(t[2]);
                double s = f.equals(folded) ? 2 * weight
                        : !words.isEmpty() && new HashSet<>(Arrays.asList(NON_WORD.split(f))).containsAll(words) ? weight : -1;
                if (s > score) {
                    score = s;
                    field = t[0];
                    term = t[1];
                }
            }
            if (field != null && (kind == null || kind.equals(r.kind()))) {
                matches.add(new Scored(r.id(), r.kind(), score, field, term));
            }
        }
        if (!matches.isEmpty()) {
            return ranked(1, matches, page, size);
        }
        // step 2: the NEAREST names and other names by word similarity (ties by kind rank, id), then the threshold
        List<Scored> terms = new ArrayList<>();
        for (Row r : rows) {
            terms.add(new Scored(r.id(), r.kind(), wordSimilarity(folded, fold(r.name())), "name", r.name()));
            if (r.alias() != null) {
                terms.add(new Scored(r.id(), r.kind(), wordSimilarity(folded, fold(r.alias())), "other name", r.alias()));
            }
        }
        terms.sort(ORDER);
        Map<UUID, Scored> best = new LinkedHashMap<>();
        for (Scored t : terms.subList(0, Math.min(NEAREST, terms.size()))) {
            if (t.score() < THRESHOLD || (kind != null && !kind.equals(t.kind()))) {
                continue;
            }
            Scored s = new Scored(t.id(), t.kind(), t.score() * (t.field().equals("name") ? 1.0 : 0.9), t.field(),
                    t.term());
            best.merge(t.id(), s, (a, b) -> a.score() >= b.score() ? a : b);
        }
        return ranked(2, new ArrayList<>(best.values()), page, size);
    }

    record Sample(String query, String kind, int page) {
    }

    static List<Sample> samples(List<Row> rows, int entities) {
        int people = entities * 2 / 5;
        List<Sample> out = new ArrayList<>();
        for (String last : SyntheticArchive.LAST) {
            String plain = Normalizer.normalize(last, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
            out.add(new Sample(last, null, 0));
            if (!plain.equals(last)) {
                out.add(new Sample(plain, null, 0));
            }
            out.add(new Sample(last.substring(0, last.length() - 1) + "x", null, 0));
        }
        for (int p : new int[] { 0, 1, 35, 36, 1295, people / 2, people - 1 }) {
            out.add(new Sample("Agent " + Integer.toString(p, 36), null, 0));
        }
        out.add(new Sample("Agent " + Integer.toString(people + 5, 36), null, 0)); // an alias nobody has
        out.add(new Sample("  AGENT   " + Integer.toString(7, 36).toUpperCase(Locale.ROOT) + " ", null, 0));
        out.add(new Sample(rows.get(17).name(), null, 0)); // a whole name, exactly
        out.add(new Sample(fold(rows.get(people + 3).name()), null, 0)); // an event's title, folded
        out.add(new Sample("José", null, 0));
        out.add(new Sample("Zoe", null, 0));
        out.add(new Sample("Ramón Álvarez", null, 0));
        out.add(new Sample("alvarez 17", null, 0));
        out.add(new Sample("Report 7", null, 0));
        out.add(new Sample("Ramon Alvarex", null, 0)); // misspelled, two words
        out.add(new Sample("Hansen", null, 1)); // the second page
        out.add(new Sample("Hansen", "EVENT", 0));
        out.add(new Sample("Álvarex", "SOURCE", 0));
        out.add(new Sample("Kowalsky", null, 0));
        out.add(new Sample("Fernandes", "PERSON", 0));
        out.add(new Sample("nobody at all", null, 0));
        return out;
    }

    static boolean check(Path root, int entities) throws Exception {
        System.out.printf("## Correctness at %,d entities%n%n", entities);
        List<Row> rows = new ArrayList<>();
        SearchBenchmark.rows(entities, rows::add);
        List<Sample> samples = samples(rows, entities);
        boolean ok = true;
        try (Built index = build(entities)) {
            // 1. Lucene against the rules by brute force: total, facets, the page's ids and scores, exactly
            int[] count = new int[3];
            int[] failures = new int[3];
            for (Sample s : samples) {
                Result lucene = search(index.searcher(), s.query(), s.kind(), s.page(), PAGE);
                Result brute = bruteForce(rows, s.query(), s.kind(), s.page(), PAGE);
                boolean same = lucene.step() == brute.step() && lucene.total() == brute.total()
                        && lucene.facets().equals(brute.facets()) && ids(lucene).equals(ids(brute))
                        && scores(lucene).equals(scores(brute));
                count[brute.step()]++;
                if (!same) {
                    failures[brute.step()]++;
                    System.out.printf("  differs: q=%s kind=%s page=%d%n    lucene step %d total %d %s %s%n"
                            + "    brute  step %d total %d %s %s%n", s.query(), s.kind(), s.page(), lucene.step(),
                            lucene.total(), lucene.facets(), brief(lucene), brute.step(), brute.total(), brute.facets(),
                            brief(brute));
                }
            }
            System.out.printf("%s: Lucene against the rules by brute force over the rows, %d queries answered by exact "
                    + "names or words (total, facets, the page's ids and scores): %d differ%n", failures[1] == 0 ? "PASS"
                    : "FAIL", count[1], failures[1]);
            System.out.printf("%s: the same, %d queries answered by similar names (brute force: the %d names nearest by "
                    + "word similarity, ties by kind rank and id): %d differ%n%n", failures[2] == 0 ? "PASS" : "FAIL",
                    count[2], NEAREST, failures[2]);
            ok &= failures[1] == 0 && failures[2] == 0;
            // 2. the rows and the answers against PostgreSQL: SearchBenchmark.fill and the gateway's ArchiveSearch
            ok &= againstPostgres(root, entities, rows, samples, index.searcher());
        }
        return ok;
    }

    private static boolean againstPostgres(Path root, int entities, List<Row> rows, List<Sample> samples,
            IndexSearcher searcher) throws Exception {
        Path data = Files.createTempDirectory("memoria-lucene-check-pg-");
        boolean ok = true;
        try (PostgresServer postgres = PostgresServer.start(data, Ports.free(), false)) {
            postgres.ensureDatabase("gateway");
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("gateway"), PostgresServer.USER,
                    PostgresServer.PASSWORD)) {
                SearchBenchmark.migrate(c, root, 1, 16);
                SearchBenchmark.fill(c, entities);
                SearchBenchmark.migrate(c, root, 17, Integer.MAX_VALUE);
                Map<UUID, Row> written = new HashMap<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                        select e.id, e.kind, e.label, a.term from entity e
                        left join search_term a on a.entity_id = e.id and a.position = 1""")) {
                    while (rs.next()) {
                        UUID id = rs.getObject(1, UUID.class);
                        written.put(id, new Row(id, rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
                long differ = rows.stream().filter(r -> !r.equals(written.get(r.id()))).count();
                boolean rowsOk = differ == 0 && written.size() == rows.size();
                System.out.printf("%s: the Java rows against the rows SearchBenchmark.fill writes: %,d rows, %,d in "
                        + "PostgreSQL, %d differ%n%n", rowsOk ? "PASS" : "FAIL", rows.size(), written.size(), differ);
                ok &= rowsOk;
                int words = 0;
                int wordsDiffer = 0;
                int similar = 0;
                int similarDiffer = 0;
                int similarIdsDiffer = 0;
                int similarCut = 0;
                int similarFiltered = 0;
                for (Sample s : samples) {
                    Result lucene = search(searcher, s.query(), s.kind(), s.page(), PAGE);
                    SearchResult pg = ArchiveSearch.search(c, s.query(), s.kind() == null ? null
                            : EntityKind.valueOf(s.kind()), s.page(), PAGE);
                    Map<String, Long> pgFacets = new LinkedHashMap<>();
                    pg.facets().forEach((k, v) -> pgFacets.put(k.name(), v));
                    List<UUID> pgIds = pg.items().stream().map(SearchHit::id).toList();
                    List<Double> pgScores = pg.items().stream().map(SearchHit::score).toList();
                    if (lucene.step() == 1 || pg.total() == 0) {
                        // exact names and words: the same entities in the same order, the same counts
                        words++;
                        boolean same = lucene.total() == pg.total() && lucene.facets().equals(pgFacets)
                                && ids(lucene).equals(pgIds) && scores(lucene).equals(pgScores);
                        if (!same) {
                            wordsDiffer++;
                            System.out.printf("  differs: q=%s kind=%s: lucene total %d %s %s; PostgreSQL total %d %s"
                                    + " %s%n", s.query(), s.kind(), lucene.total(), lucene.facets(), brief(lucene),
                                    pg.total(), pgFacets, pg.items().stream().map(h -> h.id().toString()
                                            .substring(0, 8) + "=" + h.score()).toList());
                        }
                    } else {
                        // similar names: PostgreSQL takes 100 of the nearest names in the GiST index's order, which
                        // in a tie band of equal similarities is no particular order; Lucene takes them by kind rank
                        // and id. The scores must agree; which entities, only where the band is not cut.
                        similar++;
                        if (s.kind() != null) {
                            similarFiltered++;
                        }
                        boolean same = lucene.total() == pg.total() && scores(lucene).equals(pgScores);
                        if (!ids(lucene).equals(pgIds)) {
                            similarIdsDiffer++;
                        }
                        if (same) {
                            continue;
                        }
                        // with a kind filter, which kinds the 100 of a tie band hold decides the total
                        boolean cut = s.kind() != null;
                        if (cut) {
                            similarCut++;
                        } else {
                            similarDiffer++;
                        }
                        System.out.printf("  differs (similar names%s): q=%s kind=%s: lucene total %d %s %s; "
                                + "PostgreSQL total %d %s %s%n", cut ? ", a tie band cut then filtered by kind" : "",
                                s.query(), s.kind(), lucene.total(), lucene.facets(), brief(lucene), pg.total(),
                                pgFacets, pgScores);
                    }
                }
                System.out.printf("%s: Lucene against the gateway's ArchiveSearch on PostgreSQL, %d queries answered by "
                        + "exact names or words (total, facets, the page's ids and scores): %d differ%n",
                        wordsDiffer == 0 ? "PASS" : "FAIL", words, wordsDiffer);
                System.out.printf("%s: the same, %d queries answered by similar names without a kind filter (total and "
                        + "the page's scores; which entities of a tie band, PostgreSQL's index order or Lucene's kind "
                        + "rank and id, differ on %d of all %d): %d differ%n", similarDiffer == 0 ? "PASS" : "FAIL",
                        similar - similarFiltered, similarIdsDiffer,
                        similar, similarDiffer);
                System.out.printf("(not asserted: %d queries with a kind filter whose tie band PostgreSQL cuts in index "
                        + "order differ in total, as they may)%n%n", similarCut);
                ok &= wordsDiffer == 0 && similarDiffer == 0;
            }
        } finally {
            try (var walk = Files.walk(data)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return ok;
    }

    private static List<UUID> ids(Result r) {
        return r.page().stream().map(Hit::id).toList();
    }

    private static List<Double> scores(Result r) {
        return r.page().stream().map(Hit::score).toList();
    }

    private static List<String> brief(Result r) {
        return r.page().stream().limit(5).map(h -> h.id().toString().substring(0, 8) + "=" + h.score()).toList();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The measurement

    /** The query shapes of {@link Benchmark#searchTerm}, told apart by their text. */
    enum Shape {
        SURNAME("exact surname (accented, or one without accents)"), UNACCENTED("unaccented surname"),
        MISSPELLED("misspelled surname"), ALIAS("exact alias");

        final String label;

        Shape(String label) {
            this.label = label;
        }

        static Shape of(String q) {
            if (q.startsWith("Agent ")) {
                return ALIAS;
            }
            if (Arrays.asList(SyntheticArchive.LAST).contains(q)) {
                return SURNAME;
            }
            return q.endsWith("x") ? MISSPELLED : UNACCENTED;
        }
    }

    static void measure(int entities, int clients, int seconds) throws Exception {
        System.out.printf("## Lucene at %,d entities%n%nload average before: %s%n%n", entities, SearchBenchmark.loadAverage());
        long heapBefore = usedHeap();
        try (Built index = build(entities)) {
            long heapAfter = usedHeap();
            System.out.printf("index built in %.1f s (of which the merge to one segment %.1f s, one thread adding "
                    + "documents): %,d documents, %.1f MB on disk (MMapDirectory in a temporary directory, read "
                    + "through the page cache); heap used after a GC %.1f MB before, %.1f MB with the index open "
                    + "(%+.1f MB); process RSS %s%n%n", index.seconds(), index.mergeSeconds(),
                    index.reader().numDocs(), index.bytes() / 1e6, heapBefore / 1e6, heapAfter / 1e6,
                    (heapAfter - heapBefore) / 1e6, rss());
            IndexSearcher searcher = index.searcher();
            int people = entities * 2 / 5;
            List<String> shapes = List.of("Hansen", "Alvarez", "Álvarex", "Agent " + Integer.toString(entities / 5, 36));
            for (int i = 0; i < 50; i++) {
                for (String q : shapes) {
                    search(searcher, q, null, 0, PAGE);
                }
            }
            for (String q : shapes) {
                int runs = 20;
                Result r = null;
                long t0 = System.nanoTime();
                for (int i = 0; i < runs; i++) {
                    r = search(searcher, q, null, 0, PAGE);
                }
                System.out.printf("### q=%s: %.2f ms (mean of %d, one client), step %d, total %,d, facets %s, first %s%n",
                        q, (System.nanoTime() - t0) / 1e6 / runs, runs, r.step(), r.total(), r.facets(),
                        r.page().isEmpty() ? "none" : r.page().get(0));
            }
            System.out.println();
            Run warm = closed(searcher, people, clients, 3);
            Run run = closed(searcher, people, clients, seconds);
            Load.Result all = run.all();
            System.out.printf("warm-up %d queries; then %d clients, closed loop, %d s: %d queries, %.1f/s, p50 %.1f ms, "
                    + "p99 %.1f ms, max %.1f ms, errors %d (load average after: %s)%n%n", warm.all().requests(), clients,
                    seconds, all.requests(), all.perSecond(), all.p50(), all.p99(), all.max(), all.errors(),
                    SearchBenchmark.loadAverage());
            for (Shape s : Shape.values()) {
                Load.Result r = run.byShape().get(s);
                System.out.printf("- %s: %d queries, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", s.label, r.requests(),
                        r.p50(), r.p99(), r.max());
            }
            System.out.printf("%nprocess RSS after the run: %s; heap used after a GC: %.1f MB%n%n", rss(),
                    usedHeap() / 1e6);
        }
    }

    record Run(Load.Result all, Map<Shape, Load.Result> byShape) {
    }

    private static Run closed(IndexSearcher searcher, int people, int clients, int seconds) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<long[]> latencies = new ArrayList<>();
        List<byte[]> kinds = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            long[] mine = new long[2_000_000];
            byte[] shapes = new byte[mine.length];
            latencies.add(mine);
            kinds.add(shapes);
            threads.add(Thread.ofPlatform().start(() -> {
                int n = 0;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < end && n < mine.length - 1) {
                    String q = Benchmark.searchTerm(random, people);
                    long t0 = System.nanoTime();
                    try {
                        search(searcher, q, null, 0, PAGE);
                    } catch (IOException | RuntimeException e) {
                        errors.incrementAndGet();
                    }
                    mine[++n] = System.nanoTime() - t0;
                    shapes[n] = (byte) Shape.of(q).ordinal();
                }
                mine[0] = n;
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        Map<Shape, Load.Result> byShape = new LinkedHashMap<>();
        for (Shape s : Shape.values()) {
            List<long[]> only = new ArrayList<>();
            for (int i = 0; i < latencies.size(); i++) {
                long[] l = latencies.get(i);
                long[] o = new long[(int) l[0] + 1];
                int n = 0;
                for (int j = 1; j <= l[0]; j++) {
                    if (kinds.get(i)[j] == s.ordinal()) {
                        o[++n] = l[j];
                    }
                }
                o[0] = n;
                only.add(o);
            }
            byShape.put(s, Load.summarise(s.label, only, 0, elapsed));
        }
        return new Run(Load.summarise("lucene", latencies, errors.get(), elapsed), byShape);
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String rss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                    .map(l -> l.substring(6).strip()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
