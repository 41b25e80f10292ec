package org.memoria.gateway.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;
import org.memoria.common.api.Page;
import org.memoria.common.events.ChangeEvent;
import org.memoria.common.events.CloudEvents;
import org.memoria.gateway.events.ReadModelWriter.Outcome;
import org.memoria.gateway.events.ReadModelWriter.Parsed;
import org.memoria.gateway.events.ReadModelWriter.Tables;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Change events the projector cannot apply, set aside ({@code dead_letter}) so that every other event keeps flowing:
 * written on the projector's transaction, counted ({@code memoria_projector_dead_letters_total}, and the open ones
 * in {@code memoria_projector_dead_letters_open}), logged once each, listed, retried or discarded by an admin.
 */
@Startup
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final int MAX_REASON = 4000;
    private static final String APPLIED = "applied";

    @Schema(name = "DeadLetterStatus", description = "OPEN until it is applied or superseded (RESOLVED) or given up "
            + "(DISCARDED)")
    public enum Status {
        OPEN, RESOLVED, DISCARDED
    }

    @Schema(name = "DeadLetterSummary", description = "A change event the read model could not apply, and why")
    public record DeadLetterSummary(long id, Status status,
            @Schema(example = "the read model cannot store it: ERROR: invalid byte sequence for encoding \"UTF8\": 0x00 "
                    + "(SQLSTATE 22021)") String reason,
            @Schema(description = "How many times applying it failed") int attempts,
            @Schema(example = "memoria.people.v1") String topic, int partition, long offset,
            @Schema(example = "org.memoria.person.changed.v1") String type,
            @Schema(description = "The entity id (ce_subject)") String subject, Long entityVersion,
            OffsetDateTime firstFailedAt, OffsetDateTime lastFailedAt) {
    }

    @Schema(name = "DeadLetter", description = "A change event the read model could not apply: the Kafka record as it "
            + "came (key, CloudEvents headers, value), why it could not be applied, and what became of it")
    public record DeadLetter(long id, Status status, String reason, int attempts, String topic, int partition,
            long offset, String key, String type, String subject, Long entityVersion,
            @Schema(description = "The record's headers (ce_id, ce_source, ce_type, ce_subject, ce_time, "
                    + "ce_entityversion…) as text") Map<String, String> headers,
            @Schema(description = "The record's value as UTF-8 text (null for a tombstone); bytes that are not UTF-8 "
                    + "show as U+FFFD") String value,
            @Schema(description = "The record's value exactly, base64") String valueBase64,
            OffsetDateTime firstFailedAt, OffsetDateTime lastFailedAt,
            @Schema(description = "When it was resolved or discarded") OffsetDateTime closedAt,
            @Schema(description = "How it was resolved", example = "applied") String resolution) {
    }

    /** A record the projector sets aside, and why; {@code unexpected} is the failure when it is not a known kind. */
    record Letter(ConsumerRecord<String, byte[]> record, String reason, Throwable unexpected) {
    }

    /** A letter written: its dead letter's id, whether it is new, and how many attempts it now counts. */
    record Recorded(Letter letter, long id, boolean created, int attempts) {
    }

    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper mapper;
    @Inject
    ReadModelWriter writer;
    @Inject
    MeterRegistry registry;

    private Counter deadLettered;

    @PostConstruct
    void meters() {
        deadLettered = Counter.builder("memoria.projector.dead.letters")
                .description("Change events the projector could not apply and set aside as dead letters")
                .register(registry);
        Gauge.builder("memoria.projector.dead.letters.open", this, DeadLetters::open)
                .description("Dead letters neither resolved nor discarded").register(registry);
    }

    private double open() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select count(*) from dead_letter where status = 'OPEN'");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return Double.NaN;
        }
    }

    // ---- the projector's side

    /**
     * Writes the letters on the caller's transaction. A record met before counts one more attempt on its dead letter;
     * one that a retry had applied is open again, one that was superseded or discarded stays so.
     */
    List<Recorded> record(Connection connection, List<Letter> letters) throws SQLException {
        List<Recorded> recorded = new ArrayList<>();
        if (letters.isEmpty()) {
            return recorded;
        }
        try (PreparedStatement s = connection.prepareStatement("insert into dead_letter (topic, partition_no, offset_no, "
                + "record_key, headers, event_type, subject, entity_version, value, reason) "
                + "values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?) on conflict (topic, partition_no, offset_no) do update "
                + "set attempts = dead_letter.attempts + 1, reason = excluded.reason, last_failed_at = now(), "
                + "status = 'OPEN', resolution = null, closed_at = null "
                // one applied by a retry fails again (a rebuild, where the fix is missing): open again
                + "where dead_letter.status = 'OPEN' or dead_letter.resolution = '" + APPLIED + "' "
                + "returning id, xmax = 0, attempts")) {
            for (Letter letter : letters) {
                ConsumerRecord<String, byte[]> r = letter.record();
                Map<String, String> headers = headers(r);
                s.setString(1, r.topic());
                s.setInt(2, r.partition());
                s.setLong(3, r.offset());
                s.setString(4, storable(r.key()));
                s.setString(5, json(headers));
                s.setString(6, headers.get(CloudEvents.H_TYPE));
                s.setString(7, headers.getOrDefault(CloudEvents.H_SUBJECT, storable(r.key())));
                s.setObject(8, version(headers.get(CloudEvents.H_ENTITY_VERSION)));
                s.setBytes(9, r.value());
                s.setString(10, reasonText(letter.reason()));
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        recorded.add(new Recorded(letter, rs.getLong(1), rs.getBoolean(2), rs.getInt(3)));
                    } else {
                        LOG.infof("%s/%d@%d cannot be applied (%s); its dead letter was superseded or discarded and "
                                + "stays so",
                                r.topic(), r.partition(), r.offset(), letter.reason());
                    }
                }
            }
        }
        return recorded;
    }

    /** After the transaction that wrote them committed: one WARN line each, and the count. */
    void committed(List<Recorded> recorded) {
        for (Recorded r : recorded) {
            ConsumerRecord<String, byte[]> record = r.letter().record();
            String line = String.format("Dead letter %d (attempt %d): %s/%d@%d key %s could not be applied and was set "
                    + "aside: %s", r.id(), r.attempts(), record.topic(), record.partition(), record.offset(),
                    storable(record.key()), r.letter().reason());
            if (r.letter().unexpected() != null) {
                LOG.warn(line, r.letter().unexpected());
            } else {
                LOG.warn(line);
            }
            if (r.created()) {
                deadLettered.increment();
            }
        }
    }

    /** Whether a failure is the database's or the connection's (retry the batch later), not the record's. */
    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = deepest(sql).getSQLState() != null ? deepest(sql).getSQLState() : sql.getSQLState();
                // no state: the pool or the driver; 08 connection, 40 rollback (deadlock, serialization),
                // 53 resources, 55P03 lock not available, 57 operator intervention (shutdown, cancel), 58 system
                return state == null || state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                        || state.equals("55P03") || state.startsWith("57") || state.startsWith("58");
            }
        }
        return false;
    }

    /** Why a record cannot be applied, in a sentence an operator can act on. */
    static String reason(Throwable e) {
        if (e instanceof SQLException sql) {
            SQLException cause = deepest(sql);
            return "the read model cannot store it: " + serverMessage(cause) + " (SQLSTATE " + cause.getSQLState() + ")";
        }
        if (e instanceof JsonProcessingException json) {
            return "the payload cannot be read: " + json.getOriginalMessage();
        }
        if (e instanceof IOException) {
            return "the payload cannot be read: " + e.getMessage();
        }
        if (e instanceof IllegalArgumentException || e instanceof DateTimeParseException) {
            return "not a valid change event: " + e.getMessage();
        }
        return "unexpected failure: " + e;
    }

    /** Whether a failure is of a kind the projector knows (logged without a stack trace). */
    static boolean isExpected(Throwable e) {
        return e instanceof SQLException || e instanceof IOException || e instanceof IllegalArgumentException
                || e instanceof DateTimeParseException;
    }

    private static SQLException deepest(SQLException e) {
        SQLException last = e;
        for (SQLException next = e.getNextException(); next != null && next != last; next = next.getNextException()) {
            last = next;
        }
        return last;
    }

    /** PostgreSQL's message and detail ("ERROR: …; Detail: …"), without the statement or its values. */
    private static String serverMessage(SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        List<String> kept = new ArrayList<>();
        for (String line : message.split("\n")) {
            String l = line.strip();
            if (kept.isEmpty() || l.startsWith("Detail:")) {
                kept.add(l);
            }
        }
        return String.join("; ", kept);
    }

    // ---- the admin's side

    private static final String SUMMARY = "id, status, reason, attempts, topic, partition_no, offset_no, event_type, "
            + "subject, entity_version, first_failed_at, last_failed_at";
    private static final String DETAIL = SUMMARY + ", record_key, headers::text, value, closed_at, resolution";

    /** Dead letters in the order they were set aside, optionally of one status and about one entity. */
    public Page<DeadLetterSummary> list(Status status, String subject, int page, int size) {
        String where = " from dead_letter where (?::varchar is null or status = ?::varchar) "
                + "and (?::text is null or subject = ?::text)";
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement s = c.prepareStatement("select count(*)" + where)) {
                filter(s, status, subject);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<DeadLetterSummary> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select " + SUMMARY + where + " order by id limit ? offset ?")) {
                filter(s, status, subject);
                s.setInt(5, size);
                s.setLong(6, (long) page * size);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        items.add(summary(rs));
                    }
                }
            }
            return new Page<>(items, page, size, total);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the dead letters", e);
        }
    }

    private static void filter(PreparedStatement s, Status status, String subject) throws SQLException {
        s.setString(1, status == null ? null : status.name());
        s.setString(2, status == null ? null : status.name());
        s.setString(3, subject);
        s.setString(4, subject);
    }

    public Optional<DeadLetter> get(long id) {
        try (Connection c = dataSource.getConnection()) {
            return Optional.ofNullable(load(c, id, false));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read dead letter " + id, e);
        }
    }

    /**
     * Applies an open dead letter's record to the live read model now, as the projector would: an id of another
     * kind is still refused, and a version no newer than the one held changes nothing (the letter is then resolved
     * as superseded). On success the letter is resolved; otherwise its reason and attempts are updated.
     *
     * @return the letter after the attempt (unchanged if it was not open); empty if there is none
     */
    private static final String SUPERSEDED = "superseded: the read model holds this version of the entity or a newer one";

    /** The version the live read model holds of the letter's entity, or -1 (a record that cannot even be read is
     * superseded by a newer version all the same). */
    private static long heldVersion(Connection c, DeadLetter letter) throws SQLException {
        if (letter.subject() == null) {
            return -1;
        }
        java.util.UUID id;
        try {
            id = java.util.UUID.fromString(letter.subject());
        } catch (IllegalArgumentException e) {
            return -1;
        }
        try (var s = c.prepareStatement("select version from entity where id = ?")) {
            s.setObject(1, id);
            try (var rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    public Optional<DeadLetter> retry(long id) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                DeadLetter letter = load(c, id, true);
                if (letter == null || letter.status() != Status.OPEN) {
                    c.rollback();
                    return Optional.ofNullable(letter);
                }
                String failure = null;
                String resolution = heldVersion(c, letter) >= (letter.entityVersion() == null ? Long.MAX_VALUE
                        : letter.entityVersion()) ? SUPERSEDED : null;
                if (resolution == null) try {
                    Parsed parsed = writer.parse(ChangeEvent.from(record(letter)));
                    Savepoint before = c.setSavepoint();
                    try {
                        Outcome outcome = writer.apply(c, List.of(parsed), Tables.LIVE);
                        if (!outcome.rejected().isEmpty()) {
                            failure = outcome.rejected().get(0).reason();
                        } else {
                            resolution = outcome.changed() > 0 ? APPLIED : SUPERSEDED;
                        }
                    } catch (SQLException | RuntimeException e) {
                        if (isTransient(e)) {
                            throw e;
                        }
                        c.rollback(before);
                        failure = reason(e);
                    }
                } catch (IOException | RuntimeException e) {
                    if (e instanceof RuntimeException unchecked && isTransient(unchecked)) {
                        throw unchecked;
                    }
                    failure = reason(e);
                }
                try (PreparedStatement s = c.prepareStatement(failure != null
                        ? "update dead_letter set attempts = attempts + 1, reason = ?, last_failed_at = now() where id = ?"
                        : "update dead_letter set status = 'RESOLVED', resolution = ?, closed_at = now() where id = ?")) {
                    s.setString(1, reasonText(failure != null ? failure : resolution));
                    s.setLong(2, id);
                    s.executeUpdate();
                }
                c.commit();
                if (failure != null) {
                    LOG.warnf("Dead letter %d (attempt %d) still cannot be applied: %s", id, letter.attempts() + 1,
                            failure);
                } else {
                    LOG.infof("Dead letter %d resolved: %s", id, resolution);
                }
                return Optional.of(load(c, id, false));
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot retry dead letter " + id, e);
        }
    }

    /**
     * Discards an open dead letter: it stays listed as discarded, and a rebuild that meets its record again leaves it
     * so. A letter already resolved or discarded is left as it is.
     *
     * @return false if there is no such dead letter
     */
    public boolean discard(long id) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("update dead_letter set status = 'DISCARDED', "
                    + "resolution = 'discarded', closed_at = now() where id = ? and status = 'OPEN'")) {
                s.setLong(1, id);
                if (s.executeUpdate() > 0) {
                    LOG.infof("Dead letter %d discarded", id);
                    return true;
                }
            }
            return load(c, id, false) != null;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot discard dead letter " + id, e);
        }
    }

    private DeadLetter load(Connection c, long id, boolean lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select " + DETAIL + " from dead_letter where id = ?"
                + (lock ? " for update" : ""))) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                DeadLetterSummary sum = summary(rs);
                byte[] value = rs.getBytes(15);
                return new DeadLetter(sum.id(), sum.status(), sum.reason(), sum.attempts(), sum.topic(), sum.partition(),
                        sum.offset(), rs.getString(13), sum.type(), sum.subject(), sum.entityVersion(),
                        readHeaders(rs.getString(14)), value == null ? null : new String(value, StandardCharsets.UTF_8),
                        value == null ? null : Base64.getEncoder().encodeToString(value), sum.firstFailedAt(),
                        sum.lastFailedAt(), rs.getObject(16, OffsetDateTime.class), rs.getString(17));
            }
        }
    }

    private static DeadLetterSummary summary(ResultSet rs) throws SQLException {
        long version = rs.getLong(10);
        Long entityVersion = rs.wasNull() ? null : version;
        return new DeadLetterSummary(rs.getLong(1), Status.valueOf(rs.getString(2)), rs.getString(3), rs.getInt(4),
                rs.getString(5), rs.getInt(6), rs.getLong(7), rs.getString(8), rs.getString(9), entityVersion,
                rs.getObject(11, OffsetDateTime.class), rs.getObject(12, OffsetDateTime.class));
    }

    /** The Kafka record a dead letter was made from, as the projector received it (headers as text). */
    private static ConsumerRecord<String, byte[]> record(DeadLetter letter) {
        RecordHeaders headers = new RecordHeaders();
        letter.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        byte[] value = letter.valueBase64() == null ? null : Base64.getDecoder().decode(letter.valueBase64());
        return new ConsumerRecord<>(letter.topic(), letter.partition(), letter.offset(), ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE, -1, -1, letter.key(), value, headers, Optional.empty());
    }

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            headers.put(storable(h.key()),
                    h.value() == null ? "" : storable(new String(h.value(), StandardCharsets.UTF_8)));
        }
        return headers;
    }

    private String json(Map<String, String> headers) {
        try {
            return mapper.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> readHeaders(String json) {
        try {
            return mapper.readValue(json, new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Long version(String text) {
        try {
            return text == null ? null : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String reasonText(String reason) {
        String text = reason == null ? "" : storable(reason);
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text;
    }

    /**
     * Text PostgreSQL can store: a NUL or an unpaired surrogate (what a dead letter is often about) is written as a
     * visible {@code \\uXXXX} escape.
     */
    static String storable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                b.append(c).append(text.charAt(++i));
            } else if (c == 0 || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
