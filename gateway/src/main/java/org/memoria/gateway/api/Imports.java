package org.memoria.gateway.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What /api/imports answers: an import job, where it stands, and its rejected records (docs/import.md). */
public final class Imports {

    private Imports() {
    }

    /** The NDJSON media type an import is uploaded as. */
    public static final String NDJSON = "application/x-ndjson";

    @Schema(name = "ImportJob", description = "An import job: where it stands, its counts and its first rejections")
    public record Job(
            UUID id,
            @Schema(description = "QUEUED, RUNNING, DONE or CANCELLED; a dry run is DONE at once", example = "RUNNING") String state,
            @Schema(description = "Whether the file was only validated: nothing is written") boolean dryRun,
            @Schema(description = "Records read (lines that were not blank)") long read,
            @Schema(description = "Records written: created, or replaced with a change") long written,
            @Schema(description = "Records whose entity already held exactly this (its version unchanged)") long unchanged,
            @Schema(description = "Records rejected, at the upload or by their owner") long rejected,
            @Schema(description = "Records still to be written") long pending,
            @Schema(description = "The same counts per kind (person, event, …)") Map<String, KindCounts> kinds,
            OffsetDateTime createdAt,
            @Schema(description = "When the worker began writing; null while queued and for a dry run") OffsetDateTime startedAt,
            OffsetDateTime finishedAt,
            @Schema(description = "Records handled per second since the worker began (null before)") Double ratePerSecond,
            @Schema(description = "The first 100 rejections in line order; GET …/rejections has all of them") List<Rejection> rejections) {
    }

    @Schema(name = "ImportKindCounts", description = "An import's counts for one kind")
    public record KindCounts(long read, long written, long unchanged, long rejected, long pending) {
    }

    @Schema(name = "ImportRejection", description = "A rejected record: its line, its key, and what was wrong")
    public record Rejection(
            @Schema(description = "Its line in the file, from 1", example = "7") long line,
            @Schema(description = "Its kind, if one could be read", example = "event") String kind,
            @Schema(description = "Its key, if one could be read", example = "ev-1940-05-24") String key,
            @Schema(description = "The field at fault, when there is one", example = "data.date") String field,
            @Schema(example = "invalid EDTF date '1940-13' at position 5: month must be 01-12") String reason) {
    }
}
