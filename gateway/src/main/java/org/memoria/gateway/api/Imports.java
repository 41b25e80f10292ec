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
            @Schema(description = "UPLOADING while its records are read (a failed upload leaves no job), then QUEUED, "
                    + "RUNNING, DONE or CANCELLED; a dry run is DONE once it is read", example = "RUNNING",
                    enumeration = { "UPLOADING", "QUEUED", "RUNNING", "DONE", "CANCELLED" }) String state,
            @Schema(description = "Whether the file was only validated: nothing is written") boolean dryRun,
            @Schema(description = "Records read (lines that were not blank, or items of a document's records)") long read,
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

    @Schema(name = "ImportArchive", description = "An import as one JSON document (application/json), for a small "
            + "archive: held to the request body limit; a larger one goes as NDJSON, one record a line. The JSON Schema "
            + "is docs/import/archive.schema.json")
    public record Archive(
            @Schema(required = true, description = "The records; a record's line is its position here, from 1")
            List<ArchiveRecord> records) {
    }

    @Schema(name = "ImportRecord", description = "One record of an import (docs/import/record.schema.json): one entity "
            + "of the archive under the importer's own key")
    public record ArchiveRecord(
            @Schema(required = true, enumeration = { "person", "organisation", "membership", "relation", "event",
                    "place", "source", "citation", "claim" }, example = "place") String kind,
            @Schema(required = true, minLength = 1, maxLength = 200, description = "The importer's own key, unique "
                    + "per kind in one import", example = "coyoacan") String key,
            @Schema(required = true, description = "The collection's input exactly as the API takes it (PlaceInput, "
                    + "PersonInput, …), where a field holding the id of another entity may hold {\"key\": \"…\"} "
                    + "instead") Map<String, Object> data) {
    }

    @Schema(name = "ImportKindCounts", description = "An import's counts for one kind")
    public record KindCounts(long read, long written, long unchanged, long rejected, long pending) {
    }

    @Schema(name = "ImportRejection", description = "A rejected record: its line, its key, and what was wrong")
    public record Rejection(
            @Schema(description = "Its line in the file, or its position in a document's records, from 1", example = "7") long line,
            @Schema(description = "Its kind, if one could be read", example = "event") String kind,
            @Schema(description = "Its key, if one could be read", example = "ev-1940-05-24") String key,
            @Schema(description = "The field at fault, when there is one", example = "data.date") String field,
            @Schema(example = "invalid EDTF date '1940-13' at position 5: month must be 01-12") String reason) {
    }
}
