package org.memoria.gateway.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
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

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The caller's import jobs: an upload read line by line into a job and its records (in the request's one
 * transaction), where a job stands, its rejections, its cancellation. A partner sees its partner id's jobs, an admin
 * all, anyone else those it made.
 */
@RequestScoped
public class ImportJobs {

    /** The most lines a file may have. */
    public static final int MAX_LINES = 1_000_000;
    /** The longest line, in bytes (UTF-8); a longer one is rejected alone. */
    public static final int MAX_LINE_BYTES = 64 * 1024;
    /** The rejections a job's view shows. */
    public static final int FIRST_REJECTIONS = 100;
    private static final int BATCH = 500;

    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper json;
    @Inject
    Caller caller;
    @Inject
    SecurityIdentity identity;

    /**
     * Reads the file into a new job: every line checked (JSON, kind, key, data, key references, a key repeated in
     * its kind), the rejected ones recorded with their reason, the others pending (or only valid, for a dry run).
     *
     * @param authorization the uploader's Authorization header, which the worker sends to the owners
     */
    public UUID create(InputStream body, boolean dryRun, String authorization) throws IOException, SQLException {
        UUID id = UUID.randomUUID();
        String namespace = caller.partnerId().orElse(ImportFormat.ARCHIVE);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement("""
                        insert into import_job (id, partner_id, created_by, namespace, dry_run, state, token, finished_at)
                        values (?, ?, ?, ?, ?, ?, ?, case when ? then now() end)""")) {
                    s.setObject(1, id);
                    s.setString(2, caller.partnerId().orElse(null));
                    s.setString(3, caller.subject());
                    s.setString(4, namespace);
                    s.setBoolean(5, dryRun);
                    s.setString(6, dryRun ? "DONE" : "QUEUED");
                    s.setString(7, dryRun ? null : authorization);
                    s.setBoolean(8, dryRun);
                    s.executeUpdate();
                }
                readLines(c, id, namespace, body, dryRun);
                c.commit();
            } catch (IOException | SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return id;
    }

    private void readLines(Connection c, UUID job, String namespace, InputStream body, boolean dryRun)
            throws IOException, SQLException {
        Map<String, Long> seen = new HashMap<>();
        try (PreparedStatement insert = c.prepareStatement("""
                insert into import_record (job_id, line, kind, key, id, body, same_kind_ref, status, field, error)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long number = 0;
            int pending = 0;
            boolean tooLong = false;
            int b;
            do {
                b = body.read();
                if (b != -1 && b != '\n') {
                    if (line.size() < MAX_LINE_BYTES) {
                        line.write(b);
                    } else {
                        tooLong = true;
                    }
                    continue;
                }
                if (b == -1 && line.size() == 0 && !tooLong) {
                    break;
                }
                number++;
                if (number > MAX_LINES) {
                    throw new WebApplicationException(Problems.response(new Problem(Problem.TYPE_BASE
                            + "import-too-large", "Import too large", 413, "A file may have at most " + MAX_LINES
                                    + " lines; split it into several imports. Nothing was stored", null, null)));
                }
                String text = line.toString(StandardCharsets.UTF_8).strip();
                line.reset();
                ImportFormat.Line read;
                if (tooLong) {
                    read = new ImportFormat.Line(null, null, null, null, false, null, "longer than " + MAX_LINE_BYTES
                            + " bytes");
                    tooLong = false;
                } else if (text.isEmpty()) {
                    continue;
                } else {
                    read = ImportFormat.read(json, namespace, text);
                }
                if (!read.rejected()) {
                    Long first = seen.putIfAbsent(read.kind() + "\u0000" + read.key(), number);
                    if (first != null) {
                        read = read.reject("key", "repeats the key of the " + ImportFormat.name(read.kind())
                                + " on line " + first);
                    }
                }
                insert.setObject(1, job);
                insert.setLong(2, number);
                insert.setString(3, read.kind() == null ? null : ImportFormat.name(read.kind()));
                insert.setString(4, read.key());
                insert.setObject(5, read.id());
                insert.setString(6, read.body());
                insert.setBoolean(7, read.sameKindRef());
                insert.setString(8, read.rejected() ? "REJECTED" : dryRun ? "VALID" : "PENDING");
                insert.setString(9, read.field());
                insert.setString(10, read.error());
                insert.addBatch();
                if (++pending == BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            } while (b != -1);
            if (pending > 0) {
                insert.executeBatch();
            }
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
            try (PreparedStatement s = c.prepareStatement("select state, dry_run, created_at, started_at, finished_at, "
                    + "now() as now from import_job where id = ? and " + visible())) {
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
                    return Optional.of(job(c, id, state, dryRun, created, started, finished, now));
                }
            }
        }
    }

    private Job job(Connection c, UUID id, String state, boolean dryRun, OffsetDateTime created,
            OffsetDateTime started, OffsetDateTime finished, OffsetDateTime now) throws SQLException {
        Map<String, long[]> counts = new TreeMap<>();
        long[] total = new long[5];
        try (PreparedStatement s = c.prepareStatement("select kind, status, count(*) from import_record "
                + "where job_id = ? group by kind, status")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString(1);
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
            rate = Math.round((total[1] + total[2] + handledRejections(c, id)) / seconds * 10) / 10.0;
        }
        return new Job(id, state, dryRun, total[0], total[1], total[2], total[3], total[4], kinds, created, started,
                finished, rate, rejections(c, id, 0, FIRST_REJECTIONS));
    }

    /** Rejections by an owner (those with an id: the upload's own have none to write). */
    private static long handledRejections(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select count(*) from import_record where job_id = ? "
                + "and status = 'REJECTED' and id is not null and body is not null")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
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
            try (PreparedStatement s = c.prepareStatement("select count(*) from import_record where job_id = ? "
                    + "and status = 'REJECTED'")) {
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
     * written stays); a finished one stays as it was. False if there is no such job of the caller's.
     */
    public boolean cancel(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                update import_job set state = case when state in ('QUEUED', 'RUNNING') then 'CANCELLED' else state end,
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
