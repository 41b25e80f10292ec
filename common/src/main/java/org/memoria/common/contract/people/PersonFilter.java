package org.memoria.common.contract.people;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.memoria.common.api.ListFilter;
import org.memoria.common.api.QueryParameters;

/**
 * The filters of the people list, said once for the people service and the gateway ({@code @BeanParam PersonFilter}).
 * {@code sort} is the service's to read.
 */
public class PersonFilter implements ListFilter {

    public static final String SUMMARY = "List people";
    public static final String DESCRIPTION = "People by preferred name (`sort=name`) or by earliest possible birthday, "
            + "people without a birth date last (`sort=birth`). Every filter is optional and they combine: `name` "
            + "matches any of their names, case-insensitively; `organisationId` keeps the organisation's members; "
            + "`bornFrom`/`bornTo` (EDTF dates) keep people whose possible birthdays overlap the range, so someone born "
            + "\"1913-02\" is found with bornFrom=bornTo=1913-02-07.";

    @QueryParam("name")
    @Parameter(description = "Part of any name", example = "Mornard")
    String name;

    @QueryParam("organisationId")
    @Parameter(description = "Only members of this organisation", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    String organisationId;

    @QueryParam("bornFrom")
    @Parameter(description = "Born on or after the first day of this EDTF date", example = "1913")
    String bornFrom;

    @QueryParam("bornTo")
    @Parameter(description = "Born on or before the last day of this EDTF date", example = "1913-02")
    String bornTo;

    @QueryParam("sort")
    @Parameter(description = "The order", schema = @Schema(enumeration = { "name", "birth" }, defaultValue = "name"))
    String sort;

    public String name(UriInfo uri) {
        return QueryParameters.text(uri, "name", name);
    }

    public UUID organisationId(UriInfo uri) {
        return QueryParameters.uuid(uri, "organisationId", organisationId);
    }

    /** The first day {@code bornFrom} can be; null when absent. */
    public LocalDate bornFrom(UriInfo uri) {
        return QueryParameters.earliest(uri, "bornFrom", bornFrom);
    }

    /** The last day {@code bornTo} can be; null when absent. */
    public LocalDate bornTo(UriInfo uri) {
        return QueryParameters.latest(uri, "bornTo", bornTo);
    }

    /** As given, for problems that quote it. */
    public String rawBornFrom() {
        return bornFrom;
    }

    /** As given, for problems that quote it. */
    public String rawBornTo() {
        return bornTo;
    }

    /** The order, in lower case: {@code name} when absent; a 400 problem naming {@code sort} when it is not one. */
    public String sort(UriInfo uri) {
        return ListFilter.oneOf(uri, "sort", sort, "name", "birth");
    }

    @Override
    public void check(UriInfo uri) {
        name(uri);
        organisationId(uri);
        bornFrom(uri);
        bornTo(uri);
        sort(uri);
    }
}
