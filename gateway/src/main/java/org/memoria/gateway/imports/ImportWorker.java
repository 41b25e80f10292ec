package org.memoria.gateway.imports;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.memoria.common.api.Batch;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.RepeatedFailures;
import org.memoria.gateway.config.GatewayConfig;
import org.memoria.gateway.config.ImportConfig;
import org.memoria.gateway.service.Owners;
import org.memoria.gateway.service.OwnerRouter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Writes the import jobs' records to their owners: one worker thread per gateway replica, one job at a time.
 *
 * <p><b>Claiming.</b> A worker takes the oldest queued job, or a running one whose worker has shown no sign of life
 * for the lease ({@code for update skip locked}, so two replicas never take the same job), and renews its lease with
 * every batch. A gateway killed mid-job leaves its records' statuses in the database; after the lease the job is
 * taken up again from its first pending record. A record written just before the kill is written again (in a batch,
 * or a PUT, of the same data under the same id), which leaves the entity as it was.
 *
 * <p><b>Writing.</b> Records go to their owners in kind order (places, people, organisations, sources, events,
 * memberships, relations, citations, claims) so that an owner finds what a record refers to, runs of one kind in
 * batches ({@code memoria.imports.batch-size} records, {@code batches-in-flight} at once; {@code POST
 * /<collection>/batch}: one owner transaction, each record replaced or created under its id as its own PUT would be,
 * and published alone), with the uploader's token and the job's id ({@code Memoria-Import}, which the entities'
 * revisions name). The same data leaves an entity unchanged.
 * A record the owner refuses is rejected with the owner's reason, and the job goes on; a record that names another of
 * its own kind (a parent event or place) is tried again after the pass, as long as a pass makes progress. A batch the
 * owner cannot take as one is sent again a record at a time (a PUT each, replacing under the version its 428 names).
 * An owner that cannot answer (5xx) leaves the records pending and the job is tried again after the poll interval.
 */
@ApplicationScoped
public class ImportWorker {

    private static final Logger LOG = Logger.getLogger(ImportWorker.class);
    private static final RepeatedFailures FAILURES = new RepeatedFailures(LOG);
    /** The most bytes of data one batch carries: well inside an owner's body limit (1 MiB). */
    private static final long BATCH_BYTES = 768 * 1024;
    /** Records read at a time: runs of one kind among them go to its owner in batches. */
    private static final int BATCH = 1000;
    private static final String KIND_ORDER = "array_position(array[" + String.join(", ", ImportFormat.WRITE_ORDER
            .stream().map(k -> "'" + ImportFormat.name(k) + "'").toList()) + "]::varchar[], kind)";

    @Inject
    DataSource dataSource;
    @Inject
    OwnerRouter router;
    @Inject
    GatewayConfig gateway;
    @Inject
    ImportConfig config;
    @Inject
    ObjectMapper json;

    /** This worker, as a job's claim names it. */
    private final UUID self = UUID.randomUUID();
    private volatile boolean running;
    private Thread loop;

    void start(@Observes StartupEvent event) {
        running = true;
        loop = Thread.ofPlatform().name("import-worker").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (loop != null) {
            loop.interrupt();
            loop.join(5_000);
        }
    }

    private void run() {
        while (running) {
            try {
                Optional<Claim> job = claim();
                if (job.isPresent()) {
                    work(job.get());
                    continue;
                }
            } catch (Exception e) {
                FAILURES.warn(e.getClass().getName(), "The import worker failed; it takes the job up again: " + e);
            }
            try {
                Thread.sleep(config.pollInterval().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private record Claim(UUID job, String token) {
    }

    private record Pending(long line, EntityKind kind, UUID id, byte[] body, boolean sameKindRef) {
    }

    /** The owner's answer to one record. */
    private record Outcome(String status, String field, String error) {
    }

    /** An owner that could not answer: the record stays pending. */
    private static final class OwnerUnavailable extends Exception {
        OwnerUnavailable(String message) {
            super(message, null, false, false);
        }
    }

    private Optional<Claim> claim() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                update import_job set state = 'RUNNING', claimed_by = ?, heartbeat = now(),
                    started_at = coalesce(started_at, now())
                where id = (select id from import_job
                        where state = 'QUEUED' or (state = 'RUNNING'
                            and (heartbeat is null or heartbeat < now() - make_interval(secs => ?)))
                        order by created_at limit 1 for update skip locked)
                returning id, token""")) {
            s.setObject(1, self);
            s.setDouble(2, config.lease().toMillis() / 1000.0);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Claim(rs.getObject(1, UUID.class), rs.getString(2)))
                        : Optional.empty();
            }
        }
    }

    private void work(Claim job) throws SQLException {
        try {
            if (!pass(job, "PENDING")) {
                return;
            }
            long progress;
            do {
                progress = retryPass(job);
                if (progress < 0) {
                    return;
                }
            } while (progress > 0);
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                Map<String, Long> moved = new HashMap<>();
                try (PreparedStatement s = c.prepareStatement("update import_record set status = 'REJECTED' "
                        + "where job_id = ? and status = 'RETRY' returning kind")) {
                    s.setObject(1, job.job());
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            moved.merge(rs.getString(1) + " RETRY", -1L, Long::sum);
                            moved.merge(rs.getString(1) + " REJECTED", 1L, Long::sum);
                        }
                    }
                }
                count(c, job.job(), moved);
                try (PreparedStatement s = c.prepareStatement("update import_job set state = 'DONE', "
                        + "finished_at = now(), token = null, claimed_by = null where id = ? and state = 'RUNNING' "
                        + "and claimed_by = ?")) {
                    s.setObject(1, job.job());
                    s.setObject(2, self);
                    s.executeUpdate();
                }
                c.commit();
            }
        } catch (OwnerUnavailable e) {
            FAILURES.warn("owner", "An import waits for an owner: " + e.getMessage());
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                    "update import_job set heartbeat = null, claimed_by = null where id = ? and claimed_by = ?")) {
                s.setObject(1, job.job());
                s.setObject(2, self);
                s.executeUpdate();
            }
            try {
                Thread.sleep(config.pollInterval().toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Writes every pending record; false if the job was cancelled or taken over meanwhile. */
    private boolean pass(Claim job, String status) throws SQLException, OwnerUnavailable {
        while (true) {
            List<Pending> batch = next(job.job(), status, Long.MIN_VALUE);
            if (batch.isEmpty()) {
                return true;
            }
            if (writeAll(job, batch, false) < 0) {
                return false;
            }
        }
    }

    /** One pass over the records to try again; how many were written, or -1 if the job stopped. */
    private long retryPass(Claim job) throws SQLException, OwnerUnavailable {
        long written = 0;
        long after = Long.MIN_VALUE;
        while (true) {
            List<Pending> batch = next(job.job(), "RETRY", after);
            if (batch.isEmpty()) {
                return written;
            }
            after = batch.get(batch.size() - 1).line();
            long n = writeAll(job, batch, true);
            if (n < 0) {
                return -1;
            }
            written += n;
        }
    }

    /**
     * Writes the records, each run of one kind in batches to its owner ({@code batchesInFlight} of them at once), and
     * stores their outcomes; how many were written (or unchanged), or -1 if the job was cancelled or taken over. A
     * record that names another of its own kind is tried again after the pass when it is refused ({@code retrying}:
     * every refused record is).
     */
    private long writeAll(Claim job, List<Pending> records, boolean retrying) throws SQLException, OwnerUnavailable {
        List<List<Pending>> batches = new ArrayList<>();
        int from = 0;
        while (from < records.size()) {
            int to = from + 1;
            long bytes = records.get(from).body().length;
            while (to < records.size() && to - from < batchSize()
                    && records.get(to).kind() == records.get(from).kind()
                    && (bytes += records.get(to).body().length + 60) <= BATCH_BYTES) {
                to++;
            }
            batches.add(records.subList(from, to));
            from = to;
        }
        long written = 0;
        for (int first = 0; first < batches.size();) {
            int last = first + 1; // a group of batches of one kind, sent at once
            while (last < batches.size() && last - first < Math.max(1, config.batchesInFlight())
                    && batches.get(last).get(0).kind() == batches.get(first).get(0).kind()) {
                last++;
            }
            if (!stillMine(job.job())) {
                return -1;
            }
            List<List<Pending>> group = batches.subList(first, last);
            List<List<Outcome>> answers = sendAll(job, group);
            for (int b = 0; b < group.size(); b++) {
                List<Pending> batch = group.get(b);
                List<Outcome> outcomes = answers.get(b);
                for (int i = 0; i < batch.size(); i++) {
                    Outcome outcome = outcomes.get(i);
                    if (outcome.status().equals("REJECTED") && (retrying || batch.get(i).sameKindRef())) {
                        outcomes.set(i, new Outcome("RETRY", outcome.field(), outcome.error()));
                    } else if (!outcome.status().equals("REJECTED")) {
                        written++;
                    }
                }
                record(job.job(), batch, outcomes, retrying ? "RETRY" : "PENDING");
            }
            first = last;
        }
        return written;
    }

    private int batchSize() {
        return Math.max(1, Math.min(Batch.MAX_ITEMS, config.batchSize()));
    }

    /** Sends the batches at once (one thread each beyond the first) and answers their outcomes in order. */
    private List<List<Outcome>> sendAll(Claim job, List<List<Pending>> group) throws OwnerUnavailable {
        if (group.size() == 1) {
            return List.of(writeBatch(job, group.get(0)));
        }
        List<java.util.concurrent.Future<List<Outcome>>> sent = new ArrayList<>(group.size());
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<Pending> batch : group.subList(1, group.size())) {
                sent.add(threads.submit(() -> writeBatch(job, batch)));
            }
            List<List<Outcome>> answers = new ArrayList<>(group.size());
            OwnerUnavailable unavailable = null;
            try {
                answers.add(writeBatch(job, group.get(0)));
            } catch (OwnerUnavailable e) {
                unavailable = e;
            }
            for (var answer : sent) {
                try {
                    answers.add(answer.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof OwnerUnavailable owner) {
                        unavailable = owner;
                    } else {
                        throw new IllegalStateException("A batch of an import failed", e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new OwnerUnavailable("interrupted while a batch was written");
                }
            }
            if (unavailable != null) {
                // what the other batches wrote is written again when the job is taken up: it stays unchanged
                throw unavailable;
            }
            return answers;
        }
    }

    /**
     * Sends records of one kind to their owner as one batch ({@code POST /<collection>/batch}, one transaction) and
     * reads each one's outcome. A batch the owner refuses whole (it could not take it as a batch) is sent again one
     * record at a time; an owner that cannot answer leaves every record pending.
     */
    private List<Outcome> writeBatch(Claim job, List<Pending> run) throws OwnerUnavailable {
        EntityKind kind = run.get(0).kind();
        List<Outcome> outcomes = new ArrayList<>(run.size());
        List<Integer> sent = new ArrayList<>(run.size());
        StringBuilder body = new StringBuilder("[");
        Map<UUID, Problem> otherKinds = router.idsOfAnotherKind(kind, run.stream().map(Pending::id).toList());
        for (int i = 0; i < run.size(); i++) {
            Pending record = run.get(i);
            Problem otherKind = otherKinds.get(record.id());
            outcomes.add(otherKind == null ? null : new Outcome("REJECTED", null, otherKind.detail()));
            if (otherKind == null) {
                body.append(sent.isEmpty() ? "" : ",").append("{\"id\":\"").append(record.id()).append("\",\"data\":")
                        .append(new String(record.body(), StandardCharsets.UTF_8)).append('}');
                sent.add(i);
            }
        }
        if (sent.isEmpty()) {
            return outcomes;
        }
        Response answer = router.forwardBatch(Owners.ownerName(kind), Owners.replicas(kind, gateway),
                Owners.batchPath(kind), headers(job), body.append(']').toString().getBytes(StandardCharsets.UTF_8));
        int status = answer.getStatus();
        if (status >= 500 || status == 429) {
            throw new OwnerUnavailable("the " + Owners.ownerName(kind) + " answered " + status);
        }
        JsonNode results = status == 200 ? readJson(answer) : null;
        if (results != null && results.isArray() && results.size() == sent.size()) {
            for (int k = 0; k < sent.size(); k++) {
                JsonNode result = results.get(k);
                outcomes.set(sent.get(k), switch (result.path("outcome").asText()) {
                    case "CREATED", "REPLACED" -> new Outcome("WRITTEN", null, null);
                    case "UNCHANGED" -> new Outcome("UNCHANGED", null, null);
                    default -> rejected(result.path("problem"), status);
                });
            }
            return outcomes;
        }
        if (status == 401 || status == 403) {
            Outcome refused = rejected(readJson(answer), status); // the token: no record of it can be written
            sent.forEach(i -> outcomes.set(i, refused));
            return outcomes;
        }
        for (int i : sent) { // not taken as a batch: one at a time, as each record's own PUT
            outcomes.set(i, write(job, run.get(i)));
        }
        return outcomes;
    }

    private Map<String, String> headers(Claim job) {
        Map<String, String> headers = new HashMap<>();
        headers.put(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        headers.put(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
        headers.put(Batch.IMPORT_HEADER, job.job().toString());
        if (job.token() != null) {
            headers.put(HttpHeaders.AUTHORIZATION, job.token());
        }
        return headers;
    }

    private List<Pending> next(UUID job, String status, long after) throws SQLException {
        List<Pending> batch = new ArrayList<>();
        // the retry pass goes in line order (a parent before its children when the file says so)
        String order = status.equals("RETRY") ? "line" : KIND_ORDER + ", line";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select line, kind, id, body, same_kind_ref from import_record where job_id = ? and status = ? "
                        + "and line > ? order by " + order + " limit " + BATCH)) {
            s.setObject(1, job);
            s.setString(2, status);
            s.setLong(3, after);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    batch.add(new Pending(rs.getLong(1), ImportFormat.kind(rs.getString(2)).orElseThrow(),
                            rs.getObject(3, UUID.class), rs.getString(4).getBytes(StandardCharsets.UTF_8),
                            rs.getBoolean(5)));
                }
            }
        }
        return batch;
    }

    /** Renews the lease; false if the job was cancelled or another worker took it over. */
    private boolean stillMine(UUID job) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update import_job set heartbeat = now() where id = ? and state = 'RUNNING' and claimed_by = ?")) {
            s.setObject(1, job);
            s.setObject(2, self);
            return s.executeUpdate() > 0;
        }
    }

    /**
     * Stores the records' outcomes and moves the job's counts with them, in one transaction: one statement for the
     * outcomes, one for the counts.
     */
    private void record(UUID job, List<Pending> records, List<Outcome> outcomes, String from) throws SQLException {
        Map<String, Long> moved = new HashMap<>();
        Object[] lines = new Object[records.size()];
        Object[] statuses = new Object[records.size()];
        Object[] fields = new Object[records.size()];
        Object[] errors = new Object[records.size()];
        for (int i = 0; i < records.size(); i++) {
            Outcome outcome = outcomes.get(i);
            String kind = ImportFormat.name(records.get(i).kind());
            lines[i] = records.get(i).line();
            statuses[i] = outcome.status();
            fields[i] = outcome.field();
            errors[i] = outcome.error();
            moved.merge(kind + " " + from, -1L, Long::sum);
            moved.merge(kind + " " + outcome.status(), 1L, Long::sum);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("""
                    update import_record r set status = o.status, field = o.field, error = o.error
                    from unnest(?::bigint[], ?::varchar[], ?::text[], ?::text[]) as o(line, status, field, error)
                    where r.job_id = ? and r.line = o.line""")) {
                s.setArray(1, c.createArrayOf("bigint", lines));
                s.setArray(2, c.createArrayOf("varchar", statuses));
                s.setArray(3, c.createArrayOf("text", fields));
                s.setArray(4, c.createArrayOf("text", errors));
                s.setObject(5, job);
                s.executeUpdate();
            }
            count(c, job, moved);
            c.commit();
        }
    }

    /** Moves the job's counts: {@code "kind STATUS"} by so many (negative: out of that status). */
    private static void count(Connection c, UUID job, Map<String, Long> moved) throws SQLException {
        moved.values().removeIf(n -> n == 0);
        if (moved.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                insert into import_count (job_id, kind, status, n)
                select ?, split_part(m.key, ' ', 1), split_part(m.key, ' ', 2), m.n
                from unnest(?::text[], ?::bigint[]) as m(key, n)
                on conflict (job_id, kind, status) do update set n = import_count.n + excluded.n""")) {
            s.setObject(1, job);
            s.setArray(2, c.createArrayOf("text", moved.keySet().toArray()));
            s.setArray(3, c.createArrayOf("bigint", moved.values().toArray()));
            s.executeUpdate();
        }
    }

    /** PUTs the record; replaces an existing entity under the version the owner names. */
    private Outcome write(Claim job, Pending record) throws OwnerUnavailable {
        Map<String, String> headers = headers(job);
        String seen = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            Response answer = router.forward(record.kind(), record.id(), Owners.ownerName(record.kind()),
                    Owners.replicas(record.kind(), gateway), "PUT", Owners.ownerPath(record.kind(), record.id()),
                    headers,
                    record.body());
            int status = answer.getStatus();
            String etag = answer.getHeaderString(HttpHeaders.ETAG);
            if (status == 201) {
                return new Outcome("WRITTEN", null, null);
            }
            if (status == 200) {
                return new Outcome(etag != null && etag.equals(seen) ? "UNCHANGED" : "WRITTEN", null, null);
            }
            if ((status == 428 || status == 412) && etag != null) {
                seen = etag; // it exists at this version: replace it under If-Match
                headers.put(HttpHeaders.IF_MATCH, etag);
                continue;
            }
            if (status >= 500 || status == 429) {
                throw new OwnerUnavailable("the " + Owners.ownerName(record.kind()) + " answered " + status);
            }
            return rejected(readJson(answer), status);
        }
        return new Outcome("REJECTED", null, "it kept changing while it was being replaced");
    }

    /** The owner's answer as JSON; null if it is none. */
    private JsonNode readJson(Response answer) {
        Object entity = answer.getEntity();
        try {
            return entity instanceof byte[] bytes ? json.readTree(bytes)
                    : entity instanceof Problem p ? json.valueToTree(p) : null;
        } catch (java.io.IOException e) {
            return null; // not JSON: the status says it
        }
    }

    /** The owner's reason: its problem's field errors, else its detail. */
    private static Outcome rejected(JsonNode problem, int status) {
        String reason = "the owner answered " + (problem != null && problem.path("status").isInt()
                ? problem.path("status").asInt() : status);
        if (problem == null || !problem.isObject()) {
            return new Outcome("REJECTED", null, reason);
        }
        JsonNode errors = problem.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            String field = errors.get(0).path("field").asText(null);
            if (errors.size() == 1) {
                return new Outcome("REJECTED", field == null ? null : "data." + field,
                        errors.get(0).path("reason").asText(reason));
            }
            List<String> all = new ArrayList<>();
            errors.forEach(e -> all.add("data." + e.path("field").asText("?") + ": " + e.path("reason").asText("")));
            return new Outcome("REJECTED", field == null ? null : "data." + field, String.join("; ", all));
        }
        return new Outcome("REJECTED", null, problem.path("detail").asText(reason));
    }
}
