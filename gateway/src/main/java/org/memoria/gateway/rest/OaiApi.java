package org.memoria.gateway.rest;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.security.RequestLimits;
import org.memoria.gateway.service.OaiPmh;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * /oai: the archive's people, organisations, events, places and sources for OAI-PMH 2.0 harvesters. Open to anyone,
 * like every read of the archive (a POST here is a read too).
 */
@PermitAll
@Path("/oai")
@Tag(name = "oai-pmh", description = "OAI-PMH 2.0: harvest the archive's people, organisations, events, places and "
        + "sources as Dublin Core (oai_dc) or in the archive's own format (memoria), one set per kind, deletions kept "
        + "for good, stateless resumption tokens")
public class OaiApi {

    private static final String XML = "text/xml;charset=UTF-8";
    private static final String DESCRIPTION = "One OAI-PMH 2.0 request (http://www.openarchives.org/OAI/2.0/"
            + "openarchivesprotocol.htm): `verb` is Identify, ListMetadataFormats, ListSets, GetRecord, "
            + "ListIdentifiers or ListRecords. Records are the archive's people, organisations, events, places and "
            + "sources (sets `people`, `organisations`, `events`, `places`, `sources`), identified as "
            + "`oai:<repository>:<set>/<uuid>`, in metadata format `oai_dc` or `memoria` (schema at "
            + "`/oai/memoria.xsd`); datestamps are when the archive applied "
            + "the entity's latest change (seconds, UTC); deleted entities stay as headers with status `deleted`. "
            + "Lists come " + OaiPmh.PAGE + " at a time with a resumption token that never expires; the last page of "
            + "a resumed list has an empty token. Every answer is an OAI-PMH XML document with status 200, errors too "
            + "(`<error code=\"badArgument\">` and the others the protocol defines).";

    @Inject
    OaiPmh oai;
    @Inject
    RequestLimits limits;
    @Inject
    SecurityIdentity identity;
    @Context
    UriInfo uri;

    @GET
    @Produces(XML)
    @Operation(operationId = "oaiPmh", summary = "OAI-PMH 2.0 request", description = DESCRIPTION)
    @APIResponse(responseCode = "200", description = "An OAI-PMH response, or an OAI-PMH error",
            content = @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING)))
    public String get(
            @Parameter(description = "The OAI-PMH verb", example = "ListRecords") @QueryParam("verb") String verb,
            @Parameter(description = "A record's OAI identifier (GetRecord, ListMetadataFormats)",
                    example = "oai:memoria.local:people/599d5dc6-a390-3f2e-8484-4b1c1c5c59a4")
            @QueryParam("identifier") String identifier,
            @Parameter(description = "The metadata format", example = "oai_dc")
            @QueryParam("metadataPrefix") String metadataPrefix,
            @Parameter(description = "Records changed at or after (UTC, YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)",
                    example = "2026-12-01T00:00:00Z") @QueryParam("from") String from,
            @Parameter(description = "Records changed at or before (UTC, YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)")
            @QueryParam("until") String until,
            @Parameter(description = "One kind of record: people, organisations, events, places or sources",
                    example = "people") @QueryParam("set") String set,
            @Parameter(description = "The token of the previous page of a list; alone with the verb")
            @QueryParam("resumptionToken") String resumptionToken) {
        // all of the query, unknown arguments and repeated ones too: the protocol answers them with badArgument
        return oai.answer(uri.getBaseUri(), arguments(uri.getQueryParameters()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(XML)
    @Operation(operationId = "oaiPmhPost", summary = "OAI-PMH 2.0 request, as a form",
            description = DESCRIPTION + " The arguments come as an application/x-www-form-urlencoded body, as the "
                    + "protocol allows for long requests.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "200", description = "An OAI-PMH response, or an OAI-PMH error",
            content = @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING)))
    public String post(MultivaluedMap<String, String> form) {
        limits.checkRead(identity); // a read, though a POST: as strict as a GET where anonymous reads are off
        return oai.answer(uri.getBaseUri(), arguments(form));
    }

    @GET
    @Path("memoria.xsd")
    @Produces(XML)
    @Operation(operationId = "oaiMemoriaSchema", summary = "The XML schema of the memoria metadata format",
            description = "The schema of `metadataPrefix=memoria` records: an entity with its kind, version, names, "
                    + "EDTF dates, coordinates, description and every reference its state makes.")
    @APIResponse(responseCode = "200", description = "The XML schema",
            content = @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING)))
    public java.io.InputStream memoriaSchema() {
        return OaiApi.class.getResourceAsStream("/oai/memoria.xsd");
    }

    private static Map<String, List<String>> arguments(MultivaluedMap<String, String> parameters) {
        return Map.copyOf(parameters);
    }
}
