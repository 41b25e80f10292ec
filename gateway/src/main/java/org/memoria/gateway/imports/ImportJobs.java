package org.memoria.gateway.imports;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;

import org.memoria.common.api.Page;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.common.security.Caller;
import org.memoria.common.security.Roles;
import org.memoria.gateway.api.Imports.Job;
import org.memoria.gateway.api.Imports.KindCounts;
import org.memoria.gateway.api.Imports.Rejection;
import org.memoria.gateway.config.ImportConfig;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The caller's import jobs: an upload read record by record into a job and its records, where a job stands, its
 * rejections, its cancellation. A partner sees its partner id's jobs, an admin all, anyone else those it made.
 *
 * <p><b>Uploading.</b> The job is stored first, {@code UPLOADING}, which no worker takes; its records are committed
 * a chunk at a time ({@link #CHUNK} records, or what came in {@link #CHUNK_TIME}), each chunk renewing the job's
 * heartbeat; the job is queued (or done, for a dry run) in the transaction of the last chunk, so a worker never sees
 * half of it. What is held in memory is one record and one batch of rows, never the file: a key repeated in its kind
 * is found by the database (a unique index on job, kind and key of the records not rejected). An upload that fails
 * (a client gone, a body too large, a document that is not one) deletes its job; one whose gateway died is deleted by
 * {@link StaleUploads} after the lease.
 */
@RequestScoped
public class ImportJobs {

    /** The most records an import may have (lines of an NDJSON file, blank ones too). */
    public static final int MAX_LINES = 1_000_000;
    /** The longest line, in bytes (UTF-8); a longer one is rejected alone. */
    public static final int MAX_LINE_BYTES = 64 * 1024;
    /** The rejections a job's view shows. */
    public static final int FIRST_REJECTIONS = 100;
    /** The records an upload commits at once, at most. */
    static final int CHUNK = 1_000;
    /** The longest an upload keeps a chunk open while its records trickle in. */
    static final Duration CHUNK_TIME = Duration.ofSeconds(5);
    /** Rows sent to the database at once: so many, or fewer as long as they hold this many bytes. */
    private static final int BATCH = 200;
    private static final int BATCH_BYTES = 1024 * 1024;

    private static final String INSERT = """
            insert into import_record (job_id, line, kind, key, id, body, same_kind_ref, status, field, error)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (job_id, kind, key) where status <> 'REJECTED' do nothing""";
    /** A record whose key an earlier record of its kind holds: rejected, naming that one's line. */
    private static final String REPEATED = """
            insert into import_record (job_id, line, kind, key, id, status, field, error)
            select ?, ?, kind, key, ?, 'REJECTED', 'key', 'repeats the key of the ' || kind || ' on line ' || line
            from import_record where job_id = ? and kind = ? and key = ? and status <> 'REJECTED'""";

    /** The two forms an upload comes in. */
    public enum Form {
        /** One record a line, {@code application/x-ndjson}: up to {@code memoria.imports.max-upload-size}. */
        NDJSON,
        /** One JSON document {@code {"records": […]}}: up to the request body limit. */
        DOCUMENT
    }

    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper json;
    @Inject
    Caller caller;
    @Inject
    SecurityIdentity identity;
    @Inject
    ImportConfig config;

    /**
     * Reads the upload into a new job: every record checked (JSON, kind, key, data, key references, a key repeated in
     * its kind), the rejected ones recorded with their reason, the others pending (or only valid, for a dry run).
     *
     * @param authorization the uploader's Authorization header, which the worker sends to the owners
     */
    public UUID create(InputStream body, Form form, boolean dryRun, String authorization)
            throws IOException, SQLException {
        UUID id = UUID.randomUUID();
        String namespace = caller.partnerId().orElse(ImportFormat.ARCHIVE);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("""
                    insert into import_job (id, partner_id, created_by, namespace, dry_run, state, token, heartbeat)
                    values (?, ?, ?, ?, ?, 'UPLOADING', ?, now())""")) {
                s.setObject(1, id);
                s.setString(2, caller.partnerId().orElse(null));
                s.setString(3, caller.subject());
                s.setString(4, namespace);
                s.setBoolean(5, dryRun);
                s.setString(6, dryRun ? null : authorization);
                s.executeUpdate();
            }
            c.setAutoCommit(false);
            try {
                Upload upload = form == Form.DOCUMENT ? Upload.document(json, namespace, body)
                        : Upload.ndjson(json, namespace, body, config.maxUploadSize().asLongValue());
                store(c, id, upload, dryRun);
                c.commit();
            } catch (IOException | SQLException | RuntimeException e) {
                abandon(c, id, e);
                throw e;
            }
        }
        return id;
    }

    /** A row sent in the current batch: enough to find it again if the database found its key taken. */
    private record Sent(long line, String kind, String key, UUID id) {
    }

    private void store(Connection c, UUID job, Upload upload, boolean dryRun) throws IOException, SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT);
                PreparedStatement repeated = c.prepareStatement(REPEATED);
                PreparedStatement alive = c.prepareStatement("update import_job set heartbeat = now() "
                        + "where id = ? and state = 'UPLOADING'")) {
            List<Sent> batch = new ArrayList<>();
            long batchBytes = 0;
            int inChunk = 0;
            long chunkEnds = 0;
            long chunkFirst = 0;
            long lastLine = 0;
            for (Upload.Numbered record; (record = upload.next()) != null;) {
                lastLine = record.line();
                if (inChunk == 0) {
                    chunkFirst = record.line();
                    // the chunk's first statement locks the job: the stale-upload sweep skips it while it is open
                    heartbeat(alive, job);
                    chunkEnds = System.nanoTime() + CHUNK_TIME.toNanos();
                }
                ImportFormat.Line read = record.read();
                String kind = read.kind() == null ? null : ImportFormat.name(read.kind());
                insert.setObject(1, job);
                insert.setLong(2, record.line());
                insert.setString(3, kind);
                insert.setString(4, read.key());
                insert.setObject(5, read.id());
                insert.setString(6, read.body());
                insert.setBoolean(7, read.sameKindRef());
                insert.setString(8, read.rejected() ? "REJECTED" : dryRun ? "VALID" : "PENDING");
                insert.setString(9, read.field());
                insert.setString(10, read.error());
                insert.addBatch();
                batch.add(new Sent(record.line(), kind, read.key(), read.id()));
                batchBytes += read.body() == null ? 0 : read.body().length();
                if (batch.size() == BATCH || batchBytes >= BATCH_BYTES) {
                    flush(insert, repeated, job, batch);
                    batchBytes = 0;
                }
                if (++inChunk == CHUNK || System.nanoTime() - chunkEnds > 0) {
                    flush(insert, repeated, job, batch);
                    batchBytes = 0;
                    heartbeat(alive, job);
                    count(c, job, chunkFirst, lastLine);
                    c.commit();
                    inChunk = 0;
                }
            }
            flush(insert, repeated, job, batch);
            if (inChunk > 0) {
                count(c, job, chunkFirst, lastLine);
            }
        }
        // queued (or done) with its last records: a worker sees the whole job or none of it
        try (PreparedStatement s = c.prepareStatement("""
                update import_job set state = case when dry_run then 'DONE' else 'QUEUED' end,
                    finished_at = case when dry_run then now() end, heartbeat = null,
                    rejected_at_upload = coalesce((select sum(n) from import_count
                        where job_id = ? and status = 'REJECTED'), 0)
                where id = ? and state = 'UPLOADING'""")) {
            s.setObject(1, job);
            s.setObject(2, job);
            if (s.executeUpdate() == 0) {
                throw givenUp();
            }
        }
    }

    /** Counts the records of a chunk (its lines, in the chunk's transaction) into the job's counts. */
    private static void count(Connection c, UUID job, long firstLine, long lastLine) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                insert into import_count (job_id, kind, status, n)
                select job_id, coalesce(kind, ''), status, count(*) from import_record
                where job_id = ? and line between ? and ? group by job_id, coalesce(kind, ''), status
                on conflict (job_id, kind, status) do update set n = import_count.n + excluded.n""")) {
            s.setObject(1, job);
            s.setLong(2, firstLine);
            s.setLong(3, lastLine);
            s.executeUpdate();
        }
    }

    /** Sends the batch; a row the database did not insert had its key taken by an earlier one: it is rejected. */
    private static void flush(PreparedStatement insert, PreparedStatement repeated, UUID job, List<Sent> batch)
            throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        int[] counts = insert.executeBatch();
        int repeats = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                Sent sent = batch.get(i);
                repeated.setObject(1, job);
                repeated.setLong(2, sent.line());
                repeated.setObject(3, sent.id());
                repeated.setObject(4, job);
                repeated.setString(5, sent.kind());
                repeated.setString(6, sent.key());
                repeated.addBatch();
                repeats++;
            }
        }
        if (repeats > 0) {
            repeated.executeBatch();
        }
        batch.clear();
    }

    private static void heartbeat(PreparedStatement alive, UUID job) throws SQLException {
        alive.setObject(1, job);
        if (alive.executeUpdate() == 0) {
            throw givenUp();
        }
    }

    /** The job is no longer UPLOADING: cancelled, or swept up as stale while the upload stalled. */
    private static WebApplicationException givenUp() {
        return new WebApplicationException(Problems.response(new Problem(Problem.TYPE_BASE + "conflict",
                "Import given up", 409, "The import was given up while it was uploaded (cancelled, or silent for "
                        + "longer than memoria.imports.lease); nothing more is stored: upload it again", null, null)));
    }

    /** A failed upload leaves no job behind: its records so far and the job are deleted. */
    private static void abandon(Connection c, UUID job, Exception failure) {
        try {
            c.rollback();
            c.setAutoCommit(true);
            try (PreparedStatement s = c.prepareStatement("delete from import_job where id = ? "
                    + "and state = 'UPLOADING'")) {
                s.setObject(1, job);
                s.executeUpdate();
            }
        } catch (SQLException e) {
            // the database is gone too: the stale-upload sweep deletes the job after the lease
            failure.addSuppressed(e);
        }
    }

    /** The job, if the caller may see it. */
    public Optional<Job> find(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            OffsetDateTime created;
            OffsetDateTime started;
            OffsetDateTime finished;
            String state;
            boolean dryRun;
            try (PreparedStatement s = c.prepareStatement("select state, dry_run, rejected_at_upload, created_at, "
                    + "started_at, finished_at, now() as now from import_job where id = ? and " + visible())) {
                s.setObject(1, id);
                s.setString(2, owner());
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    state = rs.getString("state");
                    dryRun = rs.getBoolean("dry_run");
                    created = rs.getObject("created_at", OffsetDateTime.class);
                    started = rs.getObject("started_at", OffsetDateTime.class);
                    finished = rs.getObject("finished_at", OffsetDateTime.class);
                    OffsetDateTime now = rs.getObject("now", OffsetDateTime.class);
                    return Optional.of(job(c, id, state, dryRun, rs.getLong("rejected_at_upload"), created, started,
                            finished, now));
                }
            }
        }
    }

    private Job job(Connection c, UUID id, String state, boolean dryRun, long rejectedAtUpload, OffsetDateTime created,
            OffsetDateTime started, OffsetDateTime finished, OffsetDateTime now) throws SQLException {
        Map<String, long[]> counts = new TreeMap<>();
        long[] total = new long[5];
        try (PreparedStatement s = c.prepareStatement("select kind, status, n from import_count where job_id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString(1).isEmpty() ? null : rs.getString(1);
                    long n = rs.getLong(3);
                    int at = switch (rs.getString(2)) {
                        case "WRITTEN" -> 1;
                        case "UNCHANGED" -> 2;
                        case "REJECTED" -> 3;
                        case "PENDING", "RETRY" -> 4;
                        default -> -1; // VALID: read, nothing more
                    };
                    for (long[] row : kind == null ? List.of(total) : List.of(total,
                            counts.computeIfAbsent(kind, k -> new long[5]))) {
                        row[0] += n;
                        if (at > 0) {
                            row[at] += n;
                        }
                    }
                }
            }
        }
        Map<String, KindCounts> kinds = new TreeMap<>();
        counts.forEach((k, v) -> kinds.put(k, new KindCounts(v[0], v[1], v[2], v[3], v[4])));
        Double rate = null;
        if (started != null) {
            double seconds = Math.max(0.001, Duration.between(started, finished == null ? now : finished).toMillis()
                    / 1000.0);
            long handled = total[1] + total[2] + (total[3] - rejectedAtUpload); // the owners' rejections are handled too
            rate = Math.round(handled / seconds * 10) / 10.0;
        }
        return new Job(id, state, dryRun, total[0], total[1], total[2], total[3], total[4], kinds, created, started,
                finished, rate, rejections(c, id, 0, FIRST_REJECTIONS));
    }

    /** A page of the job's rejections in line order, if the caller may see the job. */
    public Optional<Page<Rejection>> rejections(UUID id, int page, int size) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("select 1 from import_job where id = ? and " + visible())) {
                s.setObject(1, id);
                s.setString(2, owner());
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                }
            }
            long total;
            try (PreparedStatement s = c.prepareStatement("select coalesce(sum(n), 0) from import_count "
                    + "where job_id = ? and status = 'REJECTED'")) {
                s.setObject(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            return Optional.of(new Page<>(rejections(c, id, (long) page * size, size), page, size, total));
        }
    }

    private static List<Rejection> rejections(Connection c, UUID id, long offset, int limit) throws SQLException {
        List<Rejection> found = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select line, kind, key, field, error from import_record "
                + "where job_id = ? and status = 'REJECTED' order by line offset ? limit ?")) {
            s.setObject(1, id);
            s.setLong(2, offset);
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new Rejection(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
        }
        return found;
    }

    /**
     * Cancels the job if the caller may see it: a queued or running job stops before its next record (what was
     * written stays), an upload stops at its next chunk; a finished one stays as it was. False if there is no such job of the caller's.
     */
    public boolean cancel(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                update import_job set state = case when state in ('UPLOADING', 'QUEUED', 'RUNNING') then 'CANCELLED'
                        else state end,
                    finished_at = coalesce(finished_at, now()), token = null
                where id = ? and %s""".formatted(visible()))) {
            s.setObject(1, id);
            s.setString(2, owner());
            return s.executeUpdate() > 0;
        }
    }

    /** The caller's jobs: its partner id's, all for an admin, else those it made. */
    private String visible() {
        if (caller.partnerId().isPresent()) {
            return "partner_id = ?";
        }
        return identity.hasRole(Roles.ADMIN) ? "(cast(? as text) is not null or true)"
                : "(partner_id is null and created_by = ?)";
    }

    private String owner() {
        return caller.partnerId().orElse(caller.subject());
    }
}
