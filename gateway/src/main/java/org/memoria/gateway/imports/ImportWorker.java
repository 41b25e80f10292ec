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
 * every record. A gateway killed mid-job leaves its records' statuses in the database; after the lease the job is
 * taken up again from its first pending record. A record written just before the kill is written again: a PUT of the
 * same data under the same id, which leaves the entity as it was.
 *
 * <p><b>Writing.</b> Each record is a PUT of its data under its id, with the uploader's token, in kind order (places,
 * people, organisations, sources, events, memberships, relations, citations, claims) so that an owner finds what a
 * record refers to. An entity that exists is replaced under {@code If-Match} with the version the owner's 428 names:
 * the same data leaves it unchanged. A record the owner refuses (4xx) is rejected with the owner's reason, and the job
 * goes on; a record that names another of its own kind (a parent event or place) is tried again after the pass, as
 * long as a pass makes progress. An owner that cannot answer (5xx) leaves the record pending and the job is tried
 * again after the poll interval.
 */
@ApplicationScoped
public class ImportWorker {

    private static final Logger LOG = Logger.getLogger(ImportWorker.class);
    private static final RepeatedFailures FAILURES = new RepeatedFailures(LOG);
    private static final int BATCH = 200;
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
                try (PreparedStatement s = c.prepareStatement("update import_record set status = 'REJECTED' "
                        + "where job_id = ? and status = 'RETRY'")) {
                    s.setObject(1, job.job());
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("update import_job set state = 'DONE', "
                        + "finished_at = now(), token = null, claimed_by = null where id = ? and state = 'RUNNING' "
                        + "and claimed_by = ?")) {
                    s.setObject(1, job.job());
                    s.setObject(2, self);
                    s.executeUpdate();
                }
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

    /** Writes every record of this status; false if the job was cancelled or taken over meanwhile. */
    private boolean pass(Claim job, String status) throws SQLException, OwnerUnavailable {
        while (true) {
            List<Pending> batch = next(job.job(), status, Long.MIN_VALUE);
            if (batch.isEmpty()) {
                return true;
            }
            for (Pending record : batch) {
                if (!stillMine(job.job())) {
                    return false;
                }
                Outcome outcome = write(job, record);
                if (outcome.status().equals("REJECTED") && record.sameKindRef()) {
                    outcome = new Outcome("RETRY", outcome.field(), outcome.error());
                }
                record(job.job(), record.line(), outcome);
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
            for (Pending record : batch) {
                after = record.line();
                if (!stillMine(job.job())) {
                    return -1;
                }
                Outcome outcome = write(job, record);
                if (outcome.status().equals("REJECTED")) {
                    outcome = new Outcome("RETRY", outcome.field(), outcome.error());
                } else {
                    written++;
                }
                record(job.job(), record.line(), outcome);
            }
        }
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

    private void record(UUID job, long line, Outcome outcome) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update import_record set status = ?, field = ?, error = ? where job_id = ? and line = ?")) {
            s.setString(1, outcome.status());
            s.setString(2, outcome.field());
            s.setString(3, outcome.error());
            s.setObject(4, job);
            s.setLong(5, line);
            s.executeUpdate();
        }
    }

    /** PUTs the record; replaces an existing entity under the version the owner names. */
    private Outcome write(Claim job, Pending record) throws OwnerUnavailable {
        Map<String, String> headers = new HashMap<>();
        headers.put(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        headers.put(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
        if (job.token() != null) {
            headers.put(HttpHeaders.AUTHORIZATION, job.token());
        }
        String seen = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            Response answer = router.forward(record.kind(), record.id(), Owners.ownerName(record.kind()),
                    Owners.replicas(record.kind(), gateway), "PUT", Owners.ownerPath(record.kind(), record.id()), headers,
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
            return rejected(answer);
        }
        return new Outcome("REJECTED", null, "it kept changing while it was being replaced");
    }

    /** The owner's reason: its problem's field errors, else its detail. */
    private Outcome rejected(Response answer) {
        Object entity = answer.getEntity();
        JsonNode problem = null;
        try {
            problem = entity instanceof byte[] bytes ? json.readTree(bytes)
                    : entity instanceof Problem p ? json.valueToTree(p) : null;
        } catch (java.io.IOException e) {
            // not a problem document: the status says it
        }
        String reason = "the owner answered " + answer.getStatus();
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
