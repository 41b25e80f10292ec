package org.memoria.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.memoria.gateway.service.ArchiveSearch;
import org.memoria.local.Ports;
import org.memoria.local.PostgresServer;

/**
 * {@code bench/run -Dbench.search=1000000}: the gateway's search on its own database at a size the full benchmark
 * cannot write through the API in reasonable time. An embedded PostgreSQL as the tests start it, the gateway's
 * migrations up to V16, {@code search_term} and {@code entity} filled by SQL with rows shaped like
 * {@link SyntheticArchive}'s (2/5 people with an alias, 2/5 events and 1/5 sources whose titles name a surname), then
 * the search as it was before V17 and the gateway's {@link ArchiveSearch} after it: EXPLAIN (ANALYZE, BUFFERS) of one
 * query of each shape, and {@code bench.clients} (4) clients in a closed loop for {@code bench.seconds} (15) with
 * {@link Benchmark#searchTerm}'s mix. Statements run on JDBC connections without the gateway's HTTP and JSON, so the
 * figures are the database's part of a search.
 */
public final class SearchBenchmark {


    public static void main(String[] args) throws Exception {
        int entities = Integer.getInteger("bench.search", 1_000_000);
        int seconds = Integer.getInteger("bench.seconds", 15);
        int clients = Integer.getInteger("bench.clients", 4);
        Path root = Path.of(System.getProperty("memoria.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("memoria-search-bench-");
        System.out.printf("# Search at %,d entities (%s, JDK %s, %d cores)%n%n", entities, LocalDate.now(),
                Runtime.version(), Runtime.getRuntime().availableProcessors());
        try (PostgresServer postgres = PostgresServer.start(data, Ports.free(), false)) {
            postgres.ensureDatabase("gateway");
            String url = postgres.jdbcUrl("gateway");
            try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD)) {
                migrate(c, root, 1, 16);
                long t0 = System.nanoTime();
                fill(c, entities);
                System.out.printf("filled in %.0f s: %s%n%n", (System.nanoTime() - t0) / 1e9, sizes(c));
            }
            Search before = SearchBenchmark::before;
            Search after = (c, q) -> ArchiveSearch.search(c, q, null, 0, 20);
            measure("before (V16: trigram GIN, every candidate scored)", url, before, entities, clients, seconds);
            try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD)) {
                long t0 = System.nanoTime();
                migrate(c, root, 17, Integer.MAX_VALUE);
                try (Statement s = c.createStatement()) {
                    s.execute("analyze search_term");
                }
                System.out.printf("V17 and later migrated in %.0f s: %s%n%n", (System.nanoTime() - t0) / 1e9, sizes(c));
            }
            measure("after (V17: exact and words first, then the nearest names by GiST distance)", url, after,
                    entities, clients, seconds);
        } finally {
            try (var walk = Files.walk(data)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @FunctionalInterface
    interface Search {
        Object run(Connection c, String query) throws SQLException;
    }

    private static void measure(String name, String url, Search search, int entities, int clients, int seconds)
            throws Exception {
        System.out.println("## " + name + "\n\nload average before: " + loadAverage() + "\n");
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD)) {
            // the query shapes of Benchmark.searchTerm, one of each: a surname, unaccented, misspelled; an alias
            List<String> shapes = List.of("Hansen", "Alvarez", "Álvarex", "Agent " + Integer.toString(entities / 5, 36));
            for (String q : shapes) {
                search.run(c, q); // warm
            }
            try (Statement s = c.createStatement()) {
                s.execute("load 'auto_explain'; set auto_explain.log_min_duration = 0; set auto_explain.log_analyze = on; "
                        + "set auto_explain.log_buffers = on; set auto_explain.log_level = notice");
            }
            for (String q : shapes) {
                List<String> plans = new ArrayList<>();
                long t0 = System.nanoTime();
                search.run(explaining(c, plans), q);
                System.out.printf("### q=%s (%.1f ms with EXPLAIN ANALYZE)%n%n", q, (System.nanoTime() - t0) / 1e6);
                plans.forEach(p -> System.out.println(p + "\n"));
            }
        }
        Load.Result warm = closed(name, url, search, entities, clients, 3);
        Load.Result r = closed(name, url, search, entities, clients, seconds);
        System.out.printf("warm-up %d queries; then %d clients, closed loop, %d s: %d queries, %.1f/s, p50 %.1f ms, "
                + "p99 %.1f ms, max %.1f ms, errors %d (load average after: %s)%n%n", warm.requests(), clients, seconds,
                r.requests(), r.perSecond(), r.p50(), r.p99(), r.max(), r.errors(), loadAverage());
    }

    private static Load.Result closed(String name, String url, Search search, int entities, int clients, int seconds)
            throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<long[]> latencies = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            long[] mine = new long[1_000_000];
            latencies.add(mine);
            Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
            threads.add(Thread.ofPlatform().start(() -> {
                int n = 0;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                try (c) {
                    while (System.nanoTime() < end && n < mine.length - 1) {
                        String q = Benchmark.searchTerm(random, entities * 2 / 5);
                        long t0 = System.nanoTime();
                        try {
                            search.run(c, q);
                        } catch (SQLException e) {
                            errors.incrementAndGet();
                        }
                        mine[++n] = System.nanoTime() - t0;
                    }
                } catch (SQLException e) {
                    errors.incrementAndGet();
                }
                mine[0] = n;
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return Load.summarise(name, latencies, errors.get(), (System.nanoTime() - started) / 1e9);
    }

    /** The machine's load average: the cores are shared, and the figures mean little without it. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** The connection, collecting the plans auto_explain sends as notices to each statement before it is closed. */
    private static Connection explaining(Connection c, List<String> plans) {
        return (Connection) Proxy.newProxyInstance(SearchBenchmark.class.getClassLoader(),
                new Class<?>[] { Connection.class }, (proxy, method, args) -> {
                    Object result = invoke(method, c, args);
                    if (!(result instanceof PreparedStatement ps)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(SearchBenchmark.class.getClassLoader(),
                            new Class<?>[] { PreparedStatement.class }, (p, m, a) -> {
                                if (m.getName().equals("close")) {
                                    for (SQLWarning w = ps.getWarnings(); w != null; w = w.getNextWarning()) {
                                        plans.add(w.getMessage());
                                    }
                                }
                                return invoke(m, ps, a);
                            });
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The gateway's migrations from {@code from} to {@code to}, in version order, as Flyway would apply them. */
    static void migrate(Connection c, Path root, int from, int to) throws Exception {
        Path dir = root.resolve("gateway/src/main/resources/db/migration");
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .filter(p -> version(p) >= from && version(p) <= to)
                    .sorted(Comparator.comparingInt(SearchBenchmark::version)).toList();
        }
        try (Statement s = c.createStatement()) {
            for (Path f : files) {
                s.execute(Files.readString(f));
            }
        }
    }

    private static int version(Path p) {
        String name = p.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    /**
     * One entity as {@link #fill} writes it: its id, kind, name (its label, weight 3) and other name (weight 2, people
     * only, else null).
     */
    record Row(UUID id, String kind, String name, String alias) {
    }

    /**
     * The rows {@link #fill} writes for {@code entities} entities, generated in Java with the same formulas (PostgreSQL's
     * {@code hashint4} picks the names, {@code md5(kind || ':' || g)::uuid} is the id), in the same order: people, events,
     * sources. {@code LuceneSearchBenchmark} indexes them and checks them against the rows {@link #fill} writes.
     */
    static void rows(int entities, Consumer<Row> sink) {
        String[] first = SyntheticArchive.FIRST;
        String[] last = SyntheticArchive.LAST;
        for (int g = 0; g < entities * 2 / 5; g++) {
            sink.accept(new Row(md5Uuid("person:" + g), "PERSON",
                    first[pick(g, first.length)] + " " + last[pick(g + 7, last.length)] + " " + g,
                    "Agent " + Integer.toString(g, 36)));
        }
        for (int g = 0; g < entities * 2 / 5; g++) {
            sink.accept(new Row(md5Uuid("event:" + g), "EVENT", "Event " + g + " of " + last[pick(g + 11, last.length)],
                    null));
        }
        for (int g = 0; g < entities / 5; g++) {
            sink.accept(new Row(md5Uuid("source:" + g), "SOURCE", "Report " + g + " on " + last[pick(g + 13, last.length)],
                    null));
        }
    }

    /** {@code (hashint4(k) & 2147483647) % n}, as {@link #fill} picks a name. */
    private static int pick(int k, int n) {
        return (hashint4(k) & Integer.MAX_VALUE) % n;
    }

    /** PostgreSQL's {@code hashint4}: {@code hash_bytes_uint32} (Bob Jenkins' lookup3 final mix, src/common/hashfn.c). */
    static int hashint4(int k) {
        int a = 0x9e3779b9 + 4 + 3923095;
        int b = a;
        int c = a;
        a += k;
        c ^= b;
        c -= Integer.rotateLeft(b, 14);
        a ^= c;
        a -= Integer.rotateLeft(c, 11);
        b ^= a;
        b -= Integer.rotateLeft(a, 25);
        c ^= b;
        c -= Integer.rotateLeft(b, 16);
        a ^= c;
        a -= Integer.rotateLeft(c, 4);
        b ^= a;
        b -= Integer.rotateLeft(a, 14);
        c ^= b;
        c -= Integer.rotateLeft(b, 24);
        return c;
    }

    /** {@code md5(text)::uuid}: the digest's 16 bytes as the uuid's. */
    private static UUID md5Uuid(String text) {
        try {
            ByteBuffer digest = ByteBuffer.wrap(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
            return new UUID(digest.getLong(), digest.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows as {@link SyntheticArchive} writes them through the API, and the terms the projector derives. */
    static void fill(Connection c, int entities) throws SQLException {
        String first = String.join("','", SyntheticArchive.FIRST);
        String last = String.join("','", SyntheticArchive.LAST);
        try (Statement s = c.createStatement()) {
            s.execute("""
                    create function pg_temp.b36(n int) returns text language sql immutable as $$
                      with recursive d(q, s) as (select n, ''
                        union all select q / 36, substr('0123456789abcdefghijklmnopqrstuvwxyz', q %% 36 + 1, 1) || s
                        from d where q > 0)
                      select case when n = 0 then '0' else (select s from d where q = 0) end $$;
                    create temp table first_names as select ordinality - 1 as i, v from unnest(array['%s']) with ordinality v;
                    create temp table last_names as select ordinality - 1 as i, v from unnest(array['%s']) with ordinality v;
                    create temp table gen as
                      select 'PERSON' as kind, md5('person:' || g)::uuid as id, f.v || ' ' || l.v || ' ' || g as label,
                             'Agent ' || pg_temp.b36(g) as alias
                      from generate_series(0, %d - 1) g
                      join first_names f on f.i = (hashint4(g) & 2147483647) %% %d
                      join last_names l on l.i = (hashint4(g + 7) & 2147483647) %% %d
                      union all
                      select 'EVENT', md5('event:' || g)::uuid, 'Event ' || g || ' of ' || l.v, null
                      from generate_series(0, %d - 1) g join last_names l on l.i = (hashint4(g + 11) & 2147483647) %% %d
                      union all
                      select 'SOURCE', md5('source:' || g)::uuid, 'Report ' || g || ' on ' || l.v, null
                      from generate_series(0, %d - 1) g join last_names l on l.i = (hashint4(g + 13) & 2147483647) %% %d;
                    insert into entity (id, kind, version, label) select id, kind, 0, label from gen;
                    insert into search_term (entity_id, position, kind, field, weight, term, folded, tsv)
                      select id, 0, kind, 'name', 3, label, memoria_fold(label), to_tsvector('simple', memoria_fold(label))
                      from gen
                      union all
                      select id, 1, kind, 'other name', 2, alias, memoria_fold(alias),
                             to_tsvector('simple', memoria_fold(alias))
                      from gen where alias is not null;
                    analyze entity;
                    analyze search_term;
                    """.formatted(first, last, entities * 2 / 5, SyntheticArchive.FIRST.length,
                    SyntheticArchive.LAST.length, entities * 2 / 5, SyntheticArchive.LAST.length, entities / 5,
                    SyntheticArchive.LAST.length));
        }
    }

    static String sizes(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                select (select count(*) from search_term) || ' terms; ' || string_agg(i.relname || ' '
                       || pg_size_pretty(pg_relation_size(i.oid)), ', ' order by i.relname)
                from pg_index x join pg_class i on i.oid = x.indexrelid
                where x.indrelid = 'search_term'::regclass""")) {
            rs.next();
            return rs.getString(1);
        }
    }

    // The search before V17 (gateway ArchiveSearch at 400d0d5), kept as the baseline this measurement compares with:
    // every trigram or full-text candidate scored with word_similarity, then ranked; a second statement for facets.
    private static final String BEFORE_HITS = """
            with terms as (
                select t.entity_id, t.kind, t.field, t.term,
                       case when t.weight >= 2 and t.folded = ? then 2.0
                            else greatest(case when t.weight >= 2 then word_similarity(?, t.folded) else 0 end,
                                          case when t.tsv @@ plainto_tsquery('simple', ?) then 1.0 else 0 end) end
                       * case t.weight when 3 then 1.0 when 2 then 0.9 else 0.6 end as score
                from search_term t
                where ((t.weight >= 2 and ? <% t.folded) or t.tsv @@ plainto_tsquery('simple', ?))
            ),
            hits as (
                select distinct on (t.entity_id) t.entity_id, t.kind, t.field, t.term, t.score,
                       case t.kind when 'PERSON' then 0 when 'ORGANISATION' then 0 when 'PLACE' then 1
                                   when 'EVENT' then 2 when 'SOURCE' then 3 else 4 end as kind_rank
                from terms t
                order by t.entity_id, t.score desc, t.field
            )
            """;

    private static Object before(Connection c, String query) throws SQLException {
        String folded;
        try (PreparedStatement s = c.prepareStatement("select btrim(regexp_replace(memoria_fold(?), '\\s+', ' ', 'g'))")) {
            s.setString(1, query);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                folded = rs.getString(1);
            }
        }
        int rows = 0;
        try (PreparedStatement s = c.prepareStatement(BEFORE_HITS + """
                , page as (select * from hits order by score desc, kind_rank, entity_id limit 20 offset 0)
                select p.entity_id, p.kind, e.label, p.field, p.term, p.score,
                       ts_headline('simple', p.term, plainto_tsquery('simple', ?),
                                   'MaxFragments=1, MaxWords=24, MinWords=10, StartSel=«, StopSel=»')
                from page p join entity e on e.id = p.entity_id
                order by p.score desc, p.kind_rank, p.entity_id""")) {
            for (int p = 1; p <= 5; p++) {
                s.setString(p, folded);
            }
            s.setString(6, query);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows++;
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(BEFORE_HITS
                + "select kind, count(*) from hits group by kind order by count(*) desc, kind")) {
            for (int p = 1; p <= 5; p++) {
                s.setString(p, folded);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows++;
                }
            }
        }
        return rows;
    }
}
