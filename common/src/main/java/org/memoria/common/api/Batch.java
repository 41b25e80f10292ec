package org.memoria.common.api;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.problem.Problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A batch of replaces for one owned collection ({@code POST /<collection>/batch}): the records a bulk import writes,
 * many to one transaction. Each record is checked and written as its own {@code PUT} would be, and answered alone: one
 * refused record never stops the others.
 */
public final class Batch {

    /** The most records one batch may hold. */
    public static final int MAX_ITEMS = 1000;
    /** The header naming the import a write belongs to: its entities' revisions name it as their source. */
    public static final String IMPORT_HEADER = "Memoria-Import";

    private Batch() {
    }

    /** One record: the id to write it under and its data, the collection's input exactly as a PUT takes it. */
    @Schema(name = "BatchItem")
    public record Item(
            @Schema(required = true, description = "The id to write it under: created if there is none, else replaced")
            UUID id,
            @Schema(required = true, type = SchemaType.OBJECT, implementation = Object.class,
                    description = "The collection's input, as the PUT of one takes it") JsonNode data) {
    }

    /** What became of one record, in the batch's order. */
    @Schema(name = "BatchOutcome")
    public enum Outcome {
        CREATED, REPLACED, UNCHANGED, REJECTED
    }

    /** One record's answer: its outcome, the version it has now, or the problem that refused it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "BatchResult")
    public record Result(
            UUID id,
            Outcome outcome,
            @Schema(description = "The version the entity has now; absent when it was rejected") Long version,
            @Schema(description = "Why it was rejected: the problem its own PUT would have answered, naming each "
                    + "field and the reason (fields as in `data`)") Problem problem) {
    }
}
