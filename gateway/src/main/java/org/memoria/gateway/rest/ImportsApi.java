package org.memoria.gateway.rest;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.api.Page;
import org.memoria.common.api.Paging;
import org.memoria.common.api.QueryParameters;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.common.security.Roles;
import org.memoria.gateway.api.Imports;
import org.memoria.gateway.api.Imports.Job;
import org.memoria.gateway.api.Imports.Rejection;
import org.memoria.gateway.imports.ImportJobs;

import io.vertx.core.http.HttpServerRequest;

/** /api/imports: bring a whole archive in one file (docs/import.md). */
@RolesAllowed({ Roles.ARCHIVIST, Roles.PARTNER, Roles.ADMIN })
@Path("/api/imports")
@Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
@Tag(name = "imports", description = "Bulk import: a file of records (NDJSON, or one JSON document for a small "
        + "archive; docs/import.md) under the importer's own keys, written to the archive in the background, idempotently. A partner sees its partner id's imports, an "
        + "admin all, anyone else those it made")
@APIResponse(responseCode = "401", description = "No token, or a token that is not valid",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "A reader's token: importing needs archivist, partner or admin",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ImportsApi {

    @Inject
    ImportJobs jobs;
    @Context
    UriInfo uri;

    @POST
    @Consumes({ Imports.NDJSON, MediaType.APPLICATION_JSON })
    @Operation(operationId = "createImport", summary = "Import a file of records",
            description = "Reads the body as it streams, in one of two forms: NDJSON (`application/x-ndjson`), one "
                    + "record a line (`{\"kind\", \"key\", \"data\"}`, the JSON Schema "
                    + "docs/import/record.schema.json), at most " + ImportJobs.MAX_LINES + " lines of at most "
                    + ImportJobs.MAX_LINE_BYTES + " bytes each and at most `memoria.imports.max-upload-size` (1 GiB by "
                    + "default) in all, declared or streamed; or, for a small archive, one JSON document "
                    + "(`application/json`) `{\"records\": [ … ]}` (docs/import/archive.schema.json), held to the "
                    + "request body limit (1 MiB), where a record's line is its position in `records`, from 1. It "
                    + "stores the job (UPLOADING while it is read, committed a thousand records at a time) and "
                    + "answers 202 when the body is read; a worker then writes the records to their owners (places, "
                    + "people, organisations, sources, events, memberships, relations, citations, claims). Each key "
                    + "maps to a stable id (a name-based UUID of the importer's namespace, the kind and the key: a "
                    + "partner's partner id, else \"archive\"), so importing the same file again changes nothing. A "
                    + "record that is not JSON, lacks a kind, a key or data, is too long, or repeats a key of its kind "
                    + "is rejected with its line; the others go on. An upload that fails (a body too large, a "
                    + "document that is not one, a client gone) leaves no job. `?dryRun=true` only checks the file: "
                    + "the job is done once it is read, nothing written.")
    @APIResponse(responseCode = "202", description = "Stored; Location names the job, which the worker takes up",
            content = @Content(schema = @Schema(implementation = Job.class)))
    @APIResponse(responseCode = "400", description = "dryRun is neither true nor false, or a JSON body is not an "
            + "import document (`records` missing or not an array, another member, not JSON); nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "More than " + ImportJobs.MAX_LINES + " records, an NDJSON body "
            + "beyond `memoria.imports.max-upload-size` or a JSON document beyond the request body limit; nothing "
            + "stored", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(
                    implementation = Problem.class)))
    public Response create(
            @Parameter(description = "Only check the file: nothing is written",
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) @QueryParam("dryRun")
            String dryRun,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context HttpHeaders headers, @Context HttpServerRequest request,
            @RequestBody(required = true, description = "The records: one a line (NDJSON), or one JSON document",
                    content = {
                            @Content(mediaType = Imports.NDJSON, schema = @Schema(type = SchemaType.STRING)),
                            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
                                    implementation = Imports.Archive.class)) }) InputStream body)
            throws IOException, SQLException {
        boolean dry;
        if (dryRun == null || dryRun.equals("false")) {
            dry = false;
        } else if (dryRun.equals("true")) {
            dry = true;
        } else {
            throw QueryParameters.invalid(uri, "dryRun", "must be true or false");
        }
        MediaType type = headers.getMediaType();
        ImportJobs.Form form = type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
                ? ImportJobs.Form.DOCUMENT : ImportJobs.Form.NDJSON;
        UUID id;
        try {
            id = jobs.create(body, form, dry, authorization);
        } catch (IOException | SQLException | RuntimeException e) {
            closeUnlessRead(request);
            throw e;
        }
        return Response.accepted(jobs.find(id).orElseThrow())
                .location(uri.getBaseUriBuilder().path("api/imports").path(id.toString()).build()).build();
    }

    /**
     * After an upload that failed before its end: the rest of the body is not read, so the connection is closed once
     * the answer is written, rather than left to carry what may be gigabytes more.
     */
    private static void closeUnlessRead(HttpServerRequest request) {
        var response = request.response();
        if (!request.isEnded() && !response.ended() && !response.closed()) {
            response.putHeader("Connection", "close");
            response.endHandler(v -> request.connection().close());
        }
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getImport", summary = "Where an import stands",
            description = "Its state (UPLOADING while its body is read, then QUEUED, RUNNING, DONE or CANCELLED), "
                    + "the records read, written, unchanged, "
                    + "rejected and still pending (in all and per kind), when it started and finished, the rate, "
                    + "and its first " + ImportJobs.FIRST_REJECTIONS + " rejections with line, key, field and reason. "
                    + "404 for a job the caller does not manage.")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(schema = @Schema(
            implementation = Job.class)))
    @APIResponse(responseCode = "404", description = "No such import of yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) throws SQLException {
        return jobs.find(id).map(j -> Response.ok(j).build()).orElseGet(() -> notFound(id));
    }

    @GET
    @Path("{id}/rejections")
    @Operation(operationId = "listImportRejections", summary = "All of an import's rejections",
            description = "Every rejected record in line order, a page at a time: its line, kind, key, the field at "
                    + "fault and why (the owner's reason for a record it refused).")
    @APIResponse(responseCode = "200", description = "A page of rejections")
    @APIResponse(responseCode = "400", description = "A page or size out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such import of yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<Rejection> rejections(@PathParam("id") UUID id, @BeanParam Paging paging) throws SQLException {
        return jobs.rejections(id, paging.page(), paging.size())
                .orElseThrow(() -> new NotFoundException(notFound(id)));
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "cancelImport", summary = "Cancel an import",
            description = "A queued or running import stops before its next record; what it wrote stays. A finished "
                    + "one is left as it is. Answers the job.")
    @APIResponse(responseCode = "200", description = "The job, cancelled unless it had finished",
            content = @Content(schema = @Schema(implementation = Job.class)))
    @APIResponse(responseCode = "404", description = "No such import of yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response cancel(@PathParam("id") UUID id) throws SQLException {
        return jobs.cancel(id) ? Response.ok(jobs.find(id).orElseThrow()).build() : notFound(id);
    }

    private Response notFound(UUID id) {
        return Problems.notFound("import", id, uri.getPath());
    }
}
