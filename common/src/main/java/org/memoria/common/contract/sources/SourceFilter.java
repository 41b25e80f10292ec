package org.memoria.common.contract.sources;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.memoria.common.api.Page;
import org.memoria.common.api.ListFilter;
import org.memoria.common.api.QueryParameters;
import org.memoria.common.validation.Text;

/**
 * The filters of the sources list, said once for the sources service and the gateway ({@code @BeanParam
 * SourceFilter}). {@code language} and {@code sort} are the service's to read.
 */
public class SourceFilter implements ListFilter {

    public static final String SUMMARY = "List sources";
    public static final String DESCRIPTION = "Sources by title (or by date with `sort=date`). Every filter given must "
            + "hold: `type`; `authorId` (a person who wrote or co-wrote it); `organisationAuthorId`; `language`; "
            + "`from` / `to` (EDTF dates: keeps sources whose date's bounds overlap [earliest day of `from`, latest day "
            + "of `to`]; undated sources are left out); `q` (part of the title, case-insensitive). Pages count from 0 "
            + "and hold at most " + Page.MAX_SIZE + " sources.";

    @QueryParam("type")
    @Parameter(description = "Only sources of this type (a code of the source-types vocabulary, in any case; an unknown code is a 400 naming the closest terms)", example = "ARTICLE",
            schema = @Schema(type = SchemaType.STRING, maxLength = 30))
    String type;

    @QueryParam("authorId")
    @Parameter(description = "Only sources this person is an author of",
            schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    String authorId;

    @QueryParam("organisationAuthorId")
    @Parameter(description = "Only sources this organisation is an author of",
            schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    String organisationAuthorId;

    @QueryParam("language")
    @Parameter(description = "Only sources in this language (ISO 639 code)", example = "en")
    String language;

    @QueryParam("from")
    @Parameter(description = "Only sources dated (at least partly) on or after this EDTF date", example = "1940")
    String from;

    @QueryParam("to")
    @Parameter(description = "Only sources dated (at least partly) on or before this EDTF date", example = "1940-08")
    String to;

    @QueryParam("q")
    @Parameter(description = "Part of the title or of another title (a translation), case-insensitive", example = "stalin")
    String q;

    @QueryParam("sort")
    @DefaultValue("title")
    @Parameter(description = "Order: `title` (default), or `date` (earliest first, undated last)",
            schema = @Schema(type = SchemaType.STRING, enumeration = { "title", "date" }))
    String sort;

    public String type(UriInfo uri) {
        return QueryParameters.termCode(uri, "type", type);
    }

    public UUID authorId(UriInfo uri) {
        return QueryParameters.uuid(uri, "authorId", authorId);
    }

    public UUID organisationAuthorId(UriInfo uri) {
        return QueryParameters.uuid(uri, "organisationAuthorId", organisationAuthorId);
    }

    /** null when absent or blank; an ISO 639 code in lower case otherwise. */
    public String language(UriInfo uri) {
        if (language == null || language.isBlank()) {
            return null;
        }
        if (!language.matches("[a-z]{2,3}")) {
            throw QueryParameters.invalid(uri, "language", Text.quoted(language)
                    + " is not an ISO 639 language code such as en");
        }
        return language;
    }

    /** The first day {@code from} can be; null when absent. */
    public LocalDate from(UriInfo uri) {
        return QueryParameters.earliest(uri, "from", from);
    }

    /** The last day {@code to} can be; null when absent. */
    public LocalDate to(UriInfo uri) {
        return QueryParameters.latest(uri, "to", to);
    }

    /** As given, for problems that quote it. */
    public String rawFrom() {
        return from;
    }

    /** As given, for problems that quote it. */
    public String rawTo() {
        return to;
    }

    public String q(UriInfo uri) {
        return QueryParameters.text(uri, "q", q);
    }

    /** The order, in lower case: {@code title} when absent; a 400 problem naming {@code sort} when it is not one. */
    public String sort(UriInfo uri) {
        return ListFilter.oneOf(uri, "sort", sort, "title", "date");
    }

    @Override
    public void check(UriInfo uri) {
        type(uri);
        authorId(uri);
        organisationAuthorId(uri);
        from(uri);
        to(uri);
        q(uri);
        language(uri);
        sort(uri);
    }
}
